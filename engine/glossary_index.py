"""The learned glossary of a generation, looked up by folded surface in either language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from engine.highlight import fold_key
from indexer.index.glossary_table import Entry, entries_by_key

MIN_EVIDENCE = 3  # pairs a learned entry needs before it expands a search on its own


def supported(entry: Entry | dict[str, Any]) -> bool:
    """Whether a glossary entry may be used without being asked for: to expand a search
    into the other language, or to offer a suggestion.

    A curated entry always is. A learned one needs evidence: seen in `MIN_EVIDENCE`
    pairs or more, or confirmed by a dictionary (an entry the build marks
    `"dictionary": true`). A pair or two is what a paraphrase, an alignment slip or a
    phrase cut at the wrong place also produce (完善知识产权 → 完備する in two pairs), and a
    search that silently adds such a guess returns clauses without the typed term. Weaker
    entries are still listed on the glossary page, marked as weak (`engine.termbase`).
    """
    e = entry[2] if isinstance(entry, tuple) else entry
    if e["origin"] == "curated":
        return True
    return e["origin"] == "learned" and (e["count"] >= MIN_EVIDENCE or bool(e.get("dictionary")))


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
