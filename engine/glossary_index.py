"""The learned glossary of a generation, looked up by folded surface in either language."""

from __future__ import annotations

from typing import Any

from engine.highlight import fold_key


class GlossaryIndex:
    """The learned glossary, looked up by folded surface in either language."""

    def __init__(self, gloss: dict[str, dict[str, list[dict[str, Any]]]]):
        self.by_key: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
        for lang, table in gloss.items():
            for src, entries in table.items():
                found = self.by_key.setdefault(fold_key(src), [])
                found.extend((lang, src, e) for e in entries)

    def lookup(self, surface: str) -> list[tuple[str, str, dict[str, Any]]]:
        """(source language, source, entry) for entries whose source is `surface`."""
        return self.by_key.get(fold_key(surface), [])
