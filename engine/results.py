"""Result objects from stored fields: hits with marked sides, and the empty result.

Marking is done once per distinct text within a request: at scale a page often shows the
same provision from several documents.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from engine.api import (
    DocRef,
    Facets,
    Hit,
    Match,
    MatchKind,
    PathStep,
    QueryInfo,
    SearchRequest,
    SearchResult,
    Side,
    Title,
)
from engine.highlight import Spans, resolve
from engine.marking import LinksFn, TermNeedles, pair_key, pair_links, pair_spans, reached_via


class HitBuilder:
    """Turns stored fields into `Hit`s for one request, marking both texts.

    What the query matched on a side is found by its needles (`engine.highlight`); what
    that span says on the other side comes from the pair's word links, computed at build
    time (`engine.counterparts`), and from the needles of the term's equivalents.
    """

    def __init__(
        self,
        docs: dict[str, dict[str, Any]],
        needles: list[TermNeedles] | None = None,
        links: LinksFn | None = None,
    ):
        self.docs = docs
        self.needles = needles or []
        self.links = links
        self._spans: dict[tuple[Any, ...], dict[str, Spans]] = {}
        self._via: dict[tuple[str | None, str | None], str | None] = {}
        # A page's hits share documents and sections: each is turned into objects once
        # (keyed by the section's stored list, kept alive here so its id stays its own).
        self._docs: dict[str, DocRef] = {}
        self._paths: dict[int, tuple[list[dict[str, Any]], list[PathStep]]] = {}

    def build(
        self,
        f: dict[str, Any],
        score: float | None = None,
        all_terms: bool = True,
        match_kind: MatchKind | None = None,
    ) -> Hit:
        spans = self._pair_spans(f)
        return Hit(
            id=f["id"],
            doc=self._doc(f["doc"]),
            path=self._path(f["path"]),
            item=f["item"] or None,
            order=f["order"],
            score=round(float(score or 0.0), 4),
            zh=self._side(f["zh_text"], spans["zh"]),
            ja=self._side(f["ja_text"], spans["ja"]),
            all_terms=all_terms,
            via=self.via(f),
            match_kind=match_kind,
        )

    def _doc(self, doc_id: str) -> DocRef:
        got = self._docs.get(doc_id)
        if got is None:
            doc = self.docs.get(doc_id, {"id": doc_id, "title": {}})
            title = doc["title"]
            got = DocRef(doc["id"], Title(title.get("zh", ""), title.get("ja", "")))
            self._docs[doc_id] = got
        return got

    def _path(self, path: list[dict[str, Any]]) -> list[PathStep]:
        """The section path as objects; shared by the hits of one section (read only)."""
        got = self._paths.get(id(path))
        if got is None or got[0] is not path:
            steps = [
                PathStep(p["label"], p.get("zh", ""), p.get("ja", ""), p.get("level", ""))
                for p in path
            ]
            got = self._paths[id(path)] = (path, steps)
        return got[1]

    def via(self, f: dict[str, Any]) -> str | None:
        """The equivalent a clause was reached through, if a term is on neither side;
        like its marks, found once per distinct pair in a request."""
        key = (f["zh_text"], f["ja_text"])
        if key not in self._via:
            self._via[key] = _via(f, self.needles)
        return self._via[key]

    def _pair_spans(self, f: dict[str, Any]) -> dict[str, Spans]:
        """Spans by kind on both sides (see `engine.marking` for the policy)."""
        if not self.needles:
            return {"zh": {}, "ja": {}}
        return self.spans(f, self.needles)

    def spans(self, f: dict[str, Any], terms: Sequence[TermNeedles]) -> dict[str, Spans]:
        """`pair_spans` of `terms` in the pair `f`, computed once per distinct call.

        The marks are a function of the two texts, the pair's links and the terms, so
        they are kept per request under those: the term panel (`engine.renderings`) marks
        the first clauses one term at a time and the page shows the same clauses again
        (for a one-term query, the very same call), and at scale the same provision is
        found in many documents (18,800 pairs hold 6,137 distinct ones in the 100x bench
        corpus). The result is shared, so callers must not change it.
        """
        same = pair_key(f, self.links)
        key = (*same, tuple(map(id, terms)))
        got = self._spans.get(key)
        if got is None:
            zh, ja = same[0], same[1]
            links = pair_links(f, self.links) if zh and ja else []
            words = f.get("ja_words")
            got = self._spans[key] = pair_spans({"zh": zh, "ja": ja}, terms, links, words)
        return got

    @staticmethod
    def _side(text: str, spans: Spans) -> Side | None:
        return Side(text, resolve(spans, len(text)) if spans else []) if text else None


def _via(f: dict[str, Any], needles: Sequence[TermNeedles]) -> str | None:
    texts = {"zh": f["zh_text"] or "", "ja": f["ja_text"] or ""}
    for term in needles:
        got = reached_via(texts, term, f.get("ja_words"))
        if got is not None:
            lang, spans = got
            a, b = spans[0]
            return texts[lang][a:b]
    return None


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
