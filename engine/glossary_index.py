"""The learned glossary of a generation, looked up by folded surface in either language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from engine.highlight import fold_key

Entry = tuple[str, str, dict[str, Any]]  # (source language, source surface, entry)

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
