"""The learned glossary of a generation, looked up by folded surface in either language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from engine.highlight import fold_key
from indexer.index.glossary_table import Entry, entries_by_key


class EntryTable(Protocol):
    """Entries by folded source: a generation's mapped table
    (`indexer.index.glossary_table.GlossaryTable`), or `InMemory` for a glossary just
    learned (tests, the fake backend)."""

    def get(self, key: str, default: list[Entry] | None = None, /) -> list[Entry] | None: ...

    def sources(self) -> Iterator[tuple[str, str]]: ...


class InMemory(dict[str, list[Entry]]):
    """`entries_by_key` of a glossary held in memory, read as the mapped table is."""

    def sources(self) -> Iterator[tuple[str, str]]:
        for entries in self.values():
            for lang, src, _ in entries:
                yield lang, src


class GlossaryIndex:
    """The learned glossary, looked up by folded surface in either language."""

    def __init__(self, table: EntryTable):
        self.table = table

    @classmethod
    def learned(cls, gloss: dict[str, dict[str, list[dict[str, Any]]]]) -> GlossaryIndex:
        """An index over a glossary held in memory (as `glossary.json` holds it)."""
        return cls(InMemory(entries_by_key(gloss)))

    def lookup(self, surface: str) -> list[Entry]:
        """(source language, source, entry) for entries whose source is `surface`."""
        return self.table.get(fold_key(surface), []) or []

    def sources(self) -> Iterator[tuple[str, str]]:
        """(language, source surface) of every entry (for the suggestion vocabulary)."""
        return self.table.sources()
