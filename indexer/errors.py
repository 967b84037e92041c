"""The exceptions a build raises for bad input or a refusing machine, reported plainly."""

from __future__ import annotations

from storage.errors import EnvironmentFailure

__all__ = ["EnvironmentFailure", "IngestError"]


class IngestError(Exception):
    """Bad input (file, manifest or structure); the message names the file and the place.

    A single class lets the CLI print the message and exit non-zero instead of a traceback,
    while programming errors still surface as ordinary exceptions.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
