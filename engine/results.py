"""Result objects from stored fields: hits with highlighted sides, and the empty result.

Highlighting is done once per distinct text within a request: at scale a page often shows
the same provision from several documents.
"""

from __future__ import annotations

import time
from typing import Any

from engine.api import Hit, SearchRequest, SearchResult, Side
from engine.highlight import Needles, highlight


def no_needles() -> dict[str, Needles]:
    return {"zh": Needles(), "ja": Needles()}


class HitBuilder:
    """Turns stored fields into `Hit`s for one request, marking `needles` in both texts."""

    def __init__(self, docs: dict[str, dict[str, Any]], needles: dict[str, Needles] | None = None):
        self.docs = docs
        self.needles = needles or no_needles()
        self._marks: dict[tuple[str, str], str] = {}

    def build(self, f: dict[str, Any], score: float | None = None) -> Hit:
        doc = self.docs.get(f["doc"], {"id": f["doc"], "title": {}})
        title = doc["title"]
        return Hit(
            id=f["id"],
            doc={"id": doc["id"], "title": {"zh": title.get("zh", ""), "ja": title.get("ja", "")}},
            path=[
                {"label": p["label"], "zh": p.get("zh", ""), "ja": p.get("ja", "")}
                for p in f["path"]
            ],
            item=f["item"] or None,
            order=f["order"],
            score=round(float(score or 0.0), 4),
            zh=self._side(f["zh_text"], "zh"),
            ja=self._side(f["ja_text"], "ja"),
        )

    def _side(self, text: str, lang: str) -> Side | None:
        if not text:
            return None
        html = self._marks.get((lang, text))
        if html is None:
            html = self._marks[lang, text] = highlight(text, self.needles[lang], lang)
        return Side(text, html)


def empty_result(req: SearchRequest, t0: float, message: str) -> SearchResult:
    """A result with no hits and a message saying why."""
    return SearchResult(
        q=req.q,
        lang=req.lang,
        terms={"zh": [], "ja": []},
        fallback=False,
        total=0,
        offset=req.offset,
        limit=req.limit,
        sort=req.sort,
        took_ms=round((time.perf_counter() - t0) * 1000, 2),
        hits=[],
        facets={"doc": {}, "item": {}},
        message=message,
    )
