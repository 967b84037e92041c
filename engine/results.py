"""Result objects from stored fields: hits with marked sides, and the empty result.

Marking is done once per distinct text within a request: at scale a page often shows the
same provision from several documents.
"""

from __future__ import annotations

import time
from typing import Any

from engine.api import (
    DocRef,
    Facets,
    Hit,
    Mark,
    Match,
    PathStep,
    QueryInfo,
    SearchRequest,
    SearchResult,
    Side,
    Title,
)
from engine.highlight import SideNeedles, find_marks, no_needles


class HitBuilder:
    """Turns stored fields into `Hit`s for one request, marking `needles` in both texts."""

    def __init__(self, docs: dict[str, dict[str, Any]], needles: SideNeedles | None = None):
        self.docs = docs
        self.needles = needles or no_needles()
        self._marks: dict[tuple[str, str], list[Mark]] = {}

    def build(self, f: dict[str, Any], score: float | None = None, all_terms: bool = True) -> Hit:
        doc = self.docs.get(f["doc"], {"id": f["doc"], "title": {}})
        title = doc["title"]
        return Hit(
            id=f["id"],
            doc=DocRef(doc["id"], Title(title.get("zh", ""), title.get("ja", ""))),
            path=[PathStep(p["label"], p.get("zh", ""), p.get("ja", "")) for p in f["path"]],
            item=f["item"] or None,
            order=f["order"],
            score=round(float(score or 0.0), 4),
            zh=self._side(f["zh_text"], "zh"),
            ja=self._side(f["ja_text"], "ja"),
            all_terms=all_terms,
        )

    def _side(self, text: str, lang: str) -> Side | None:
        if not text:
            return None
        marks = self._marks.get((lang, text))
        if marks is None:
            marks = self._marks[lang, text] = find_marks(text, self.needles[lang], lang)
        return Side(text, marks)


def empty_result(req: SearchRequest, t0: float) -> SearchResult:
    """A result with no hits: nothing to look for."""
    return SearchResult(
        query=QueryInfo(q=req.q, lang=req.lang, terms={"zh": [], "ja": []}, match=Match("none")),
        total=0,
        offset=req.offset,
        limit=req.limit,
        sort=req.sort,
        took_ms=round((time.perf_counter() - t0) * 1000, 2),
        hits=[],
        facets=Facets({}, {}),
    )
