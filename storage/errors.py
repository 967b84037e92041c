"""What storing or reading a generation can meet: no index, a damaged one, a refusing machine."""

from __future__ import annotations


class IndexMissing(RuntimeError):
    """No built index at the configured place."""


class IndexDamaged(Exception):
    """An index generation failed verification against its checksum manifest (exit 6)."""

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
