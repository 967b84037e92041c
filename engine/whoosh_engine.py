"""The Whoosh backend of the `Engine` interface.

It follows the index root's CURRENT pointer: each request checks (one `stat`) whether a
build published a new generation and, if so, opens it; requests already running keep
the generation they started with, so a swap never fails a request. Whoosh searchers are
not shared between threads: each thread gets its own per generation.

Queries are evaluated set-at-a-time by `engine.evaluate` over the generation's reader
(Whoosh's per-document matchers are far too slow on a large corpus); Whoosh still
stores, analyses and returns stored fields.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh import scoring
from whoosh.searching import Searcher

from analyzers.normalize import normalize
from engine.api import (
    LANGS,
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    SORTS,
    Hit,
    QueryError,
    SearchRequest,
    SearchResult,
    Side,
)
from engine.evaluate import Evaluator, Scores
from engine.expand import Expansion, GlossaryIndex, expand
from engine.highlight import Needles, highlight
from engine.query import parse
from engine.stats import StatsCache
from indexer import glossary as glossary_mod
from indexer.schema import SCHEMA_VERSION
from indexer.store import IndexMissing, current_generation, read_meta

BROWSE_ENTRIES = 300  # the glossary page with no query: a termbase to browse
WEIGHTING = scoring.BM25F(B=0.75, K1=1.2, han_B=0.75)


class Generation:
    """One opened, immutable index generation and what was built with it."""

    def __init__(self, path: Path):
        self.path = path
        self.meta = read_meta(path)
        if self.meta.get("schema") != SCHEMA_VERSION:
            raise IndexMissing(
                f"index at {path} has schema {self.meta.get('schema')}, this code needs "
                f"{SCHEMA_VERSION}: run `taiyaku build`"
            )
        self.index = whoosh_index.open_dir(str(path))
        self.gloss_raw = glossary_mod.load(path / "glossary.json")
        self.gloss = GlossaryIndex(self.gloss_raw)
        self.docs = {d["id"]: d for d in self.meta["documents"]}
        self._local = threading.local()
        self._stats = StatsCache()

    def searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.index.searcher(weighting=WEIGHTING)
            self._local.searcher = s
        return s

    def evaluator(self) -> Evaluator:
        """A fresh evaluator for one request, over this thread's reader."""
        s = self.searcher()
        return Evaluator(s.reader(), self._stats.get(s))


class WhooshEngine:
    """Search over the live generation under `root` (see `indexer.store`)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._gen: Generation | None = None
        self._stamp: tuple[int, int] | None = None

    # -- generations -------------------------------------------------------------
    def generation(self) -> Generation:
        """The live generation, reopened when CURRENT changed since the last call."""
        try:
            st = os.stat(self.root / "CURRENT")
            stamp = (st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            stamp = None
        if self._gen is not None and stamp == self._stamp:
            return self._gen
        with self._lock:
            if self._gen is None or stamp != self._stamp:
                path = current_generation(self.root)
                if path is None:
                    raise IndexMissing(f"no index under {self.root}: run `taiyaku build`")
                if self._gen is None or self._gen.path != path:
                    self._gen = Generation(path)
                self._stamp = stamp
        return self._gen

    # -- search ----------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
        req = validate(request)
        gen = self.generation()
        q = normalize(req.q).strip()
        plan = parse(q)
        if req.doc:
            plan.doc = req.doc
        if req.item:
            plan.item = req.item
        if not q or plan.is_empty():
            return _empty(req, q, t0, "empty query: type a word in Chinese or Japanese")
        searcher = gen.searcher()
        ev = gen.evaluator()
        allowed = ev.filter(doc=plan.doc, item=plan.item)
        exp = expand(plan, gen.gloss, req.lang)
        docnums, scores, n_all = _tiers(ev, exp, allowed)
        loosened = False
        if not docnums and exp.loosenable:
            # No clause has a term as written: try its words apart (数据…安全), and say so.
            exp = expand(plan, gen.gloss, req.lang, loose=True)
            docnums, scores, n_all = _tiers(ev, exp, allowed)
            loosened, n_all = bool(docnums), 0
        if req.sort == "document":
            columns = ev.stats.columns
            docnums.sort(key=columns["order"].__getitem__)
            docnums.sort(key=columns["doc_rank"].__getitem__)
            scores = {}
        total = len(docnums)
        page = (
            docnums[req.offset :]
            if req.limit is None
            else docnums[req.offset : req.offset + req.limit]
        )
        marks: dict[tuple[str, str], str] = {}  # this request's highlights, by (lang, text)
        hits = [
            self._hit(gen, searcher.stored_fields(n), scores.get(n), exp.needles, marks)
            for n in page
        ]
        fallback = n_all == 0 and total > 0
        message = None
        if loosened:
            message = "no clause has the words as written; showing clauses with them apart"
        elif fallback:
            message = "no clause has every term; showing clauses with any of them"
        elif total > n_all:
            message = f"{n_all} clauses have every term; {total - n_all} more have some of them"
        elif total == 0:
            message = "no match"
        return SearchResult(
            q=req.q,
            lang=req.lang,
            terms=exp.terms,
            fallback=fallback,
            total=total,
            offset=req.offset,
            limit=req.limit,
            sort=req.sort,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
            hits=hits,
            facets=_facets(ev.stats.columns, docnums),
            message=message,
            expansions=exp.expansions,
            matched_all=n_all,
        )

    def _hit(
        self,
        gen: Generation,
        f: dict[str, Any],
        score: float | None,
        needles: dict[str, Needles],
        marks: dict[tuple[str, str], str] | None = None,
    ) -> Hit:
        doc = gen.docs.get(f["doc"], {"id": f["doc"], "title": {}})
        return Hit(
            id=f["id"],
            doc={
                "id": doc["id"],
                "title": {"zh": doc["title"].get("zh", ""), "ja": doc["title"].get("ja", "")},
            },
            path=[
                {"label": p["label"], "zh": p.get("zh", ""), "ja": p.get("ja", "")}
                for p in f["path"]
            ],
            item=f["item"] or None,
            order=f["order"],
            score=round(float(score or 0.0), 4),
            zh=Side(f["zh_text"], _mark(f["zh_text"], needles, "zh", marks))
            if f["zh_text"]
            else None,
            ja=Side(f["ja_text"], _mark(f["ja_text"], needles, "ja", marks))
            if f["ja_text"]
            else None,
        )

    # -- other lookups -----------------------------------------------------------------
    def clause(self, clause_id: str) -> Hit | None:
        gen = self.generation()
        f = gen.searcher().document(id=clause_id)
        return None if f is None else self._hit(gen, f, None, _no_needles())

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None:
        gen = self.generation()
        if doc_id not in gen.docs:
            return None
        needles = _no_needles()
        if q and normalize(q).strip():
            needles = expand(parse(normalize(q).strip()), gen.gloss).needles
        s = gen.searcher()
        res = s.search(Q.Term("doc", doc_id), limit=None, sortedby="order")
        return [self._hit(gen, h.fields(), None, needles) for h in res]

    def glossary(self, q: str) -> dict[str, Any]:
        """Equivalents of `q`; with no `q`, the cross-language terms learned, most frequent first.

        The browse list leaves out folding matches (same kanji: nothing to learn there) so
        it reads as a termbase of the renderings a translator would look up.
        """
        gen = self.generation()
        q = normalize(q or "").strip()
        if q:
            found = gen.gloss.lookup(q)
        else:
            found = [
                (lang, src, e)
                for lang, table in gen.gloss_raw.items()
                for src, entries in table.items()
                for e in entries[:1]
                if e["origin"] != "folding" and e["count"] >= 2
            ]
        entries = [
            {"source": src, "source_lang": lang, "target_lang": "ja" if lang == "zh" else "zh", **e}
            for lang, src, e in found
        ]
        if q:
            entries.sort(key=lambda e: (e["origin"] != "curated", -e["score"], -e["count"]))
        else:
            entries.sort(key=lambda e: (e["source_lang"] != "zh", -e["count"], -e["score"]))
            entries = entries[:BROWSE_ENTRIES]
        return {"q": q, "entries": entries}

    def stats(self) -> dict[str, Any]:
        gen = self.generation()
        return {
            "documents": gen.meta["documents"],
            "clauses": gen.meta["clauses"],
            "index": {
                "built": gen.meta["built"],
                "schema": gen.meta["schema"],
                "generation": gen.path.name,
            },
        }


def _tiers(ev: Evaluator, exp: Expansion, allowed) -> tuple[list[int], dict[int, float], int]:
    """Clauses with every term first, then (several terms) those with only some.

    Returns the ranked document numbers, their scores, and how many have every term.
    """
    scores = ev.scores(exp.node, allowed)
    docnums = _ranked(scores)
    n_all = len(docnums)
    if len(exp.groups) > 1:
        relaxed = ev.scores(exp.node_for(any_group=True), allowed)
        more = {n: s for n, s in relaxed.items() if n not in scores}
        docnums += _ranked(more)
        scores.update(more)
    return docnums, scores, n_all


def validate(r: SearchRequest) -> SearchRequest:
    """Refuse what the engine cannot answer well, with a message meant for the user."""
    if len(r.q or "") > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(r.q)} characters; the limit is {MAX_QUERY_CHARS}")
    if r.lang not in LANGS:
        raise QueryError(f"lang must be one of {', '.join(LANGS)}")
    if r.sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    if r.limit is not None and not 0 <= r.limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT} (or all)")
    if r.offset < 0:
        raise QueryError("offset must not be negative")
    return r


def _ranked(scores: Scores) -> list[int]:
    """Document numbers, best score first, ties by document number (as Whoosh orders)."""
    # Two C-level stable sorts: by docnum, then by score descending (reverse keeps ties).
    return sorted(sorted(scores), key=scores.__getitem__, reverse=True)


def _facets(columns: dict[str, list[Any]], docnums: list[int]) -> dict[str, dict[str, int]]:
    """Exact counts of every matching clause by document (in order of first appearance
    in `docnums`) and by item."""
    docs = dict(Counter(map(columns["doc"].__getitem__, docnums)))
    items = Counter(map(columns["item"].__getitem__, docnums))
    items.pop("", None)
    ordered = sorted(items.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 10**6)
    return {"doc": docs, "item": dict(ordered)}


def _mark(
    text: str, needles: dict[str, Needles], lang: str, marks: dict[tuple[str, str], str] | None
) -> str:
    """`highlight`, done once per distinct text within one request (pages often repeat
    a clause: the same provision in several documents)."""
    if marks is None:
        return highlight(text, needles[lang], lang)
    html = marks.get((lang, text))
    if html is None:
        html = marks[lang, text] = highlight(text, needles[lang], lang)
    return html


def _no_needles() -> dict[str, Needles]:
    return {"zh": Needles(), "ja": Needles()}


def _empty(req: SearchRequest, q: str, t0: float, message: str) -> SearchResult:
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


__all__ = ["Expansion", "WhooshEngine", "validate"]
