"""The search service: validate → parse → expand → evaluate tiers → retry → page → mark.

Written once, over the storage port (`engine.port`): nothing here knows how a backend
stores its postings. `open_engine` (in `engine/__init__.py`) pairs it with the Whoosh
backend; the tests pair it with an in-memory one.
"""

from __future__ import annotations

import time
from functools import cache
from typing import Any, NamedTuple

from analyzers.langs import other
from analyzers.normalize import normalize
from engine import termbase, tm
from engine.api import (
    Equivalent,
    Hit,
    QueryError,
    QueryInfo,
    Rendering,
    SearchRequest,
    SearchResult,
    Suggestion,
)
from engine.evaluate import Evaluator
from engine.expand import LOOSE_APART, LOOSE_WORDS, expand
from engine.highlight import fold_key
from engine.kept import Kept
from engine.models import validate
from engine.port import Backend, Generation, IndexDamaged, IndexMissing
from engine.query import parse
from engine.ranking import document_order, facets, tiers
from engine.recall import kind, words_first
from engine.renderings import KEPT as PANELS_KEPT
from engine.renderings import SCAN, Panels
from engine.results import MARKS_KEPT, HitBuilder, Marked, empty_result
from engine.suggest import suggest

BROWSE_ENTRIES = 300  # the glossary page with no query: a termbase to browse
# Ready means no query pays a first-use cost. One query of each shape, since each path
# loads something on its first use: two words (jieba, MeCab, postings, the statistics),
# a Japanese compound (phrase evaluation: numpy loads its masked arrays inside np.unique),
# a term almost no corpus has (suggestions: rapidfuzz, the generation's vocabulary),
# a pasted sentence (sentence lookup). Any corpus answers them; what they find is unused.
WARM_UP = ("中国 日本", "国際空港", "鳷鵲", "国家支持企业和研究机构在国际合作中发挥更大的作用")


class _GenerationKept(NamedTuple):
    """One generation's term panels, pairs' marks and hits' document and section objects
    (none kept with `marks_kept=0`), replaced as one tuple: no thread pairs one
    generation's panels with another's marks."""

    panels: Panels
    marks: Kept[Marked]
    objects: dict[Any, Any] | None


class SearchService:
    """Search, clause, document, glossary and stats lookups over a backend's live generation."""

    def __init__(
        self,
        backend: Backend,
        panels_kept: int = PANELS_KEPT,
        marks_kept: int = MARKS_KEPT,
        queries_kept: bool = True,
    ):
        """`panels_kept`, `marks_kept`: term panels (`engine.renderings.Panels`) and pairs'
        marks (`engine.results.HitBuilder`) kept per generation; 0 computes them anew
        for every request (the benches' cold figure). `queries_kept` False keeps nothing
        of the queries answered either: no query tree's best score per range (`engine.topk`:
        every match of every request is scored), no phrase's matches."""
        self.backend = backend
        self.panels_kept = panels_kept
        self.marks_kept = marks_kept
        self.queries_kept = queries_kept
        self.warm = False  # a real query has succeeded (analyzers loaded, index readable)
        backend.on_open = self._warm_up  # a generation published later is warmed alike
        self._browse: tuple[str, list[dict[str, Any]]] = ("", [])  # generation, its termbase
        # what the live generation keeps between requests
        self._kept_now = _GenerationKept(Panels("", panels_kept), Kept("", marks_kept), None)

    def generation(self) -> Generation:
        return self.backend.current()

    @property
    def note(self) -> str:
        return self.backend.note

    def health(self) -> dict[str, Any]:
        """Ready only when the served generation passes its cheap check and a query ran."""
        gen = self.backend.current()
        problems = self.backend.problems(gen)
        if problems and self.backend.recover(gen):
            gen = self.backend.current()
            problems = self.backend.problems(gen)
        if not problems and not self.warm:
            self._warm_up(gen)
            self.warm = True
        return {"generation": gen.name, "note": self.backend.note, "problems": problems}

    def _warm_up(self, gen: Generation) -> None:
        """One query of each shape (`WARM_UP`) on `gen`, before it serves anyone."""
        for q in WARM_UP:
            self._search(gen, validate(SearchRequest(q=q)))

    # -- search ----------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        req = validate(request)
        gen = self.backend.current()
        try:
            return self._search(gen, req)
        except (QueryError, IndexMissing, IndexDamaged):
            raise
        except Exception:
            if not self.backend.recover(gen):
                raise
            return self._search(self.backend.current(), req)

    def _search(self, gen: Generation, req: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
        q = normalize(req.q).strip()
        plan = parse(q)
        plan.doc, plan.item = req.doc or plan.doc, req.item or plan.item
        if not q or plan.is_empty():
            return empty_result(req, t0)
        index = gen.index()
        ev = Evaluator(index, gen.stats(), kept=self.queries_kept)
        allowed = ev.filter(doc=plan.doc, item=plan.item)
        exp = expand(plan, gen.gloss, req.lang)
        found = tiers(ev, exp, allowed, self.queries_kept)
        if not found.total and exp.loosenable:
            # No clause has a term as written: try its words apart (数据…安全), then any of
            # them (资金跨境流通: the words never meet), and say so.
            for how in (LOOSE_APART, LOOSE_WORDS):
                exp = expand(plan, gen.gloss, req.lang, loose=how)
                found = tiers(ev, exp, allowed, self.queries_kept)
                if found.total:
                    found.loosened, found.matched_all = how, 0
                    break
        substring = words_first(ev, exp, found, allowed)  # word matches before substrings
        # One read per clause per request: the term panel reads the first clauses, the
        # page shows them again, sentence lookup and suggestions may read them too.
        stored, view = cache(index.stored), cache(index.view)
        matches = (
            tm.lookup(ev, view, q, allowed, tm.min_similarity(q, req.mode))
            if tm.wanted(q, req.mode)
            else {}
        )
        tm.lead(found, matches)  # sentence lookup: most similar first
        # Nothing to rank by (only exclusions or filters): every score is equal, so the
        # clauses are listed as they are read, and the result says it is in that order.
        sort = "document" if plan.browses else req.sort
        stop = None if req.limit is None else req.offset + req.limit
        if sort == "document":
            docnums = document_order(found.order.members(), ev.stats)
        else:  # only as much of the order as the page shows is sorted
            docnums = found.order.all() if stop is None else found.order.head(stop)
        kept = self._kept(gen)
        builder = HitBuilder(gen.docs, exp.needles, gen.links, kept.marks, kept.objects)
        # the first `matched_all` have every term: by position, unless reordered
        every = found.every_term if sort == "document" else None
        page = docnums[req.offset : stop].tolist()
        scores = found.scores_of(page) if sort == "relevance" else [None] * len(page)
        every_of = [
            n in every if every is not None else req.offset + i < found.matched_all
            for i, n in enumerate(page)
        ]
        match = found.match()
        written = 0 if found.loosened else found.total
        # A pasted sentence is looked up, not a term: its renderings would be the
        # sentence's every word, so the panel is for term queries. The panel counts pairs
        # that contain the typed term: when its words were found loosened, none does.
        panel, scanned, via = (
            ([], 0, 0)
            if (matches and tm.is_sentence(q, req.mode)) or found.loosened
            else kept.panels.panel(
                view,
                lambda: found.order.head(SCAN).tolist(),
                exp.needles,
                gen.links,
                spans=builder.spans,
                asked=(q, req.lang, req.mode, plan.doc, plan.item),
            )
        )

        def hit(n: int, score: float | None, all_terms: bool) -> Hit:
            got = builder.build(stored(n), score, all_terms, kind(n, substring))
            return tm.annotate(got, matches[n], q) if n in matches else got

        return SearchResult(
            query=QueryInfo(
                q=req.q,
                lang=req.lang,
                terms=exp.terms,
                match=match,
                expansions=[_counted(e, panel) for e in exp.expansions],
                fallback=match.status in ("any", "apart"),
                matched_all=match.all,
                mode="tm" if matches else "terms",
                renderings=panel,
                renderings_scanned=scanned,
                excluded=[t.text for t in plan.excluded],
                renderings_via=via,
            ),
            total=found.total,
            offset=req.offset,
            limit=req.limit,
            sort=sort,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
            hits=[hit(*args) for args in zip(page, scores, every_of, strict=True)],
            facets=facets(ev.stats, found.order.members()),
            suggestions=[
                Suggestion(**s)
                # nothing matched as written: a correction is still worth offering
                for s in suggest(ev, gen.gloss, view, plan, written, req.lang, gen.variants)
            ],
        )

    def _kept(self, gen: Generation) -> _GenerationKept:
        """What `gen` keeps between requests: a generation published later starts with
        nothing (`engine.kept`)."""
        kept = self._kept_now
        if kept.panels.generation != gen.name:
            kept = self._kept_now = _GenerationKept(
                Panels(gen.name, self.panels_kept),
                Kept(gen.name, self.marks_kept),
                {} if self.marks_kept else None,
            )
        return kept

    # -- other lookups -----------------------------------------------------------------
    def clause(self, clause_id: str) -> Hit | None:
        gen = self.backend.current()
        f = gen.index().find(clause_id)
        return None if f is None else HitBuilder(gen.docs, links=gen.links).build(f)

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None:
        gen = self.backend.current()
        if doc_id not in gen.docs:
            return None
        needles = None
        if q and normalize(q).strip():
            needles = expand(parse(normalize(q).strip()), gen.gloss).needles
        builder = HitBuilder(gen.docs, needles, gen.links)
        return [builder.build(f) for f in gen.index().in_document(doc_id)]

    def glossary(self, q: str) -> dict[str, Any]:
        """Renderings of `q` as its search marks them (the term panel); with no `q`, every
        rendering the corpus's links name, most frequent first (see `engine.termbase`)."""
        gen = self.backend.current()
        q = normalize(q or "").strip()
        if q:
            result = self.search(SearchRequest(q=q, limit=0))
            curated = [
                {"source": src, "source_lang": lang, "target_lang": other(lang), **e}
                for lang, src, e in gen.gloss.lookup(q)
            ]
            return {"q": q, "entries": termbase.from_result(q, result, curated)}
        if self._browse[0] != gen.name:
            order = lambda e: (e["source_lang"] != "zh", -e["count"])  # noqa: E731
            proposed = sorted(termbase.browse(gen.index(), gen.links), key=order)
            terms = lambda t: self.glossary(t)["entries"]  # noqa: E731 (the term page)
            self._browse = (gen.name, termbase.recount(proposed, terms, BROWSE_ENTRIES))
        entries = sorted(self._browse[1], key=lambda e: (e["source_lang"] != "zh", -e["count"]))
        return {"q": q, "entries": entries[:BROWSE_ENTRIES]}

    def stats(self) -> dict[str, Any]:
        gen = self.backend.current()
        return {
            "documents": gen.meta["documents"],
            "clauses": gen.meta["clauses"],
            "index": {
                "built": gen.meta["built"],
                "schema": gen.meta["schema"],
                "generation": gen.name,
            },
        }


def _counted(e: dict[str, Any], panel: list[Rendering]) -> Equivalent:
    """A used equivalent with the panel's count of its rendering (the one count shown for
    it everywhere) and the glossary's own evidence as `learned`."""
    key = fold_key(e["target"])
    n = max(
        (r.count for r in panel if r.lang == e["target_lang"] and fold_key(r.text) == key),
        default=0,
    )
    return Equivalent(**{**e, "count": n, "learned": e["count"]})
