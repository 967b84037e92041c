"""What reading a generation can find wrong: no index at all, or a damaged one."""

from __future__ import annotations


class IndexMissing(RuntimeError):
    """No built index at the configured place."""


class IndexDamaged(Exception):
    """An index generation failed verification against its checksum manifest (exit 6)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
