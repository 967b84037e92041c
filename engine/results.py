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
    Mark,
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
from engine.kept import Kept
from engine.marking import (
    LinksFn,
    TermNeedles,
    pair_key,
    pair_links,
    pair_spans,
    reached_via,
    terms_key,
)

# a pair's resolved marks (Chinese side, Japanese side) and the equivalent it was reached via
Marked = tuple[list[Mark], list[Mark], str | None]
MARKS_KEPT = 4096  # pairs' marks a generation keeps across requests (a few hundred bytes each)
OBJECTS_KEPT = 8192  # documents' and sections' objects a generation keeps (small each)


class HitBuilder:
    """Turns stored fields into `Hit`s for one request, marking both texts.

    What the query matched on a side is found by its needles (`engine.highlight`); what
    that span says on the other side comes from the pair's word links, computed at build
    time (`engine.counterparts`), and from the needles of the term's equivalents.

    `kept`: the generation's marks of recent pairs, by clause id and the needles' content
    (`terms_key`), which is all the marks depend on within a generation: a term searched
    again shows the same first page, and marking it is most of a repeated query's cost.
    `shared`: the generation's document and section objects, which every query's hits
    repeat (read only, like the marks; a plain dict, emptied past `OBJECTS_KEPT`).
    """

    def __init__(
        self,
        docs: dict[str, dict[str, Any]],
        needles: list[TermNeedles] | None = None,
        links: LinksFn | None = None,
        kept: Kept[Marked] | None = None,
        shared: dict[Any, Any] | None = None,
    ):
        self.docs = docs
        self.needles = needles or []
        self.links = links
        self.kept = kept
        self._needles_key: tuple[Any, ...] | None = None
        self._spans: dict[tuple[Any, ...], dict[str, Spans]] = {}
        self._via: dict[tuple[str | None, str | None], str | None] = {}
        # Hits share documents and sections: each is turned into objects once, for the
        # generation when the service keeps them (`shared`), else for this request.
        self._objects: dict[Any, Any] = {} if shared is None else shared

    def build(
        self,
        f: dict[str, Any],
        score: float | None = None,
        all_terms: bool = True,
        match_kind: MatchKind | None = None,
    ) -> Hit:
        zh, ja, via = self._marks(f)
        return Hit(
            id=f["id"],
            doc=self._doc(f["doc"]),
            path=self._path(f["path"]),
            item=f["item"] or None,
            order=f["order"],
            score=round(float(score or 0.0), 4),
            zh=Side(f["zh_text"], list(zh)) if f["zh_text"] else None,
            ja=Side(f["ja_text"], list(ja)) if f["ja_text"] else None,
            all_terms=all_terms,
            via=via,
            match_kind=match_kind,
        )

    def _doc(self, doc_id: str) -> DocRef:
        key = ("doc", doc_id)
        got = self._objects.get(key)
        if got is None:
            doc = self.docs.get(doc_id, {"id": doc_id, "title": {}})
            title = doc["title"]
            got = DocRef(doc["id"], Title(title.get("zh", ""), title.get("ja", "")))
            self._keep(key, got)
        return got

    def _path(self, path: list[dict[str, Any]]) -> list[PathStep]:
        """The section path as objects; shared by the hits of one section (read only).
        Kept by the stored list's identity, with the list itself: an id reused by another
        list once this one is freed is never taken for it."""
        key = ("path", id(path))
        got = self._objects.get(key)
        if got is None or got[0] is not path:
            steps = [
                PathStep(p["label"], p.get("zh", ""), p.get("ja", ""), p.get("level", ""))
                for p in path
            ]
            got = (path, steps)
            self._keep(key, got)
        return got[1]

    def _keep(self, key: tuple[str, Any], value: Any) -> None:
        if len(self._objects) >= OBJECTS_KEPT:
            self._objects.clear()  # a bound, not an order: refilled by the next requests
        self._objects[key] = value

    def _via_of(self, f: dict[str, Any]) -> str | None:
        """The equivalent a clause was reached through, if a term is on neither side;
        like its marks, found once per distinct pair in a request."""
        key = (f["zh_text"], f["ja_text"])
        if key not in self._via:
            self._via[key] = _via(f, self.needles)
        return self._via[key]

    def _marks(self, f: dict[str, Any]) -> Marked:
        """Both sides' marks of the query's terms (see `engine.marking` for the policy) and
        `via`, from the generation's kept marks when this pair was marked for these needles."""
        if not self.needles:
            return [], [], None
        kept = self.kept if self.kept is not None and self.kept.size else None
        if kept is not None:
            if self._needles_key is None:
                self._needles_key = terms_key(self.needles)
            got = kept.get((f["id"], self._needles_key))
            if got is not None:
                return got
        spans = self.spans(f, self.needles)
        zh, ja = f["zh_text"] or "", f["ja_text"] or ""
        got = (
            resolve(spans["zh"], len(zh)) if zh and spans["zh"] else [],
            resolve(spans["ja"], len(ja)) if ja and spans["ja"] else [],
            self._via_of(f),
        )
        if kept is not None:
            kept.put((f["id"], self._needles_key), got)
        return got

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
