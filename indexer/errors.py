"""The exceptions a build raises for bad input or a refusing machine, reported plainly."""

from __future__ import annotations


class IngestError(Exception):
    """Bad input (file, manifest or structure); the message names the file and the place.

    A single class lets the CLI print the message and exit non-zero instead of a traceback,
    while programming errors still surface as ordinary exceptions.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EnvironmentFailure(Exception):
    """The machine, not the data, stopped a build: disk full, read-only folder, no memory.

    Reported with its own exit code (5) so an operator's script can tell "fix the sources"
    (3) from "fix the machine"; the message says which folder and what to do.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
