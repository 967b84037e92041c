"""The learned glossary of a generation, looked up by folded surface in either language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from engine.highlight import fold_key

Entry = tuple[str, str, dict[str, Any]]  # (source language, source surface, entry)


class EntryTable(Protocol):
    """Entries by folded source key: a backend's table (the mapped backend's is
    `storage.glossary_table.GlossaryTable`; the fake backend's a dict)."""

    def get(self, key: str, default: list[Entry] | None = None, /) -> list[Entry] | None: ...

    def sources(self) -> Iterator[tuple[str, str]]: ...


class GlossaryIndex:
    """The learned glossary, looked up by folded surface in either language."""

    def __init__(self, table: EntryTable):
        self.table = table

    def lookup(self, surface: str) -> list[Entry]:
        """(source language, source, entry) for entries whose source is `surface`."""
        return self.table.get(fold_key(surface), []) or []

    def sources(self) -> Iterator[tuple[str, str]]:
        """(language, source surface) of every entry (for the suggestion vocabulary)."""
        return self.table.sources()
