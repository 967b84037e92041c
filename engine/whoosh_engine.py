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
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh import scoring
from whoosh.searching import Searcher

from analyzers.normalize import normalize
from engine import tm
from engine.api import (
    LANGS,
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    MODES,
    SORTS,
    Hit,
    QueryError,
    SearchRequest,
    SearchResult,
)
from engine.evaluate import Evaluator
from engine.expand import GlossaryIndex, expand
from engine.query import parse
from engine.ranking import document_order, facets, tiers
from engine.recall import kind, words_first
from engine.results import HitBuilder, empty_result
from engine.stats import StatsCache
from engine.suggest import suggest
from indexer import glossary as glossary_mod
from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import IndexMissing, current_generation, read_meta

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
    """Search over the live generation under `root` (see `indexer.index.store`)."""

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
        plan.doc, plan.item = req.doc or plan.doc, req.item or plan.item
        if not q or plan.is_empty():
            return empty_result(req, t0, "empty query: type a word in Chinese or Japanese")
        ev = gen.evaluator()
        allowed = ev.filter(doc=plan.doc, item=plan.item)
        exp = expand(plan, gen.gloss, req.lang)
        found = tiers(ev, exp, allowed)
        if not found.docnums and exp.loosenable:
            # No clause has a term as written: try its words apart (数据…安全), and say so.
            exp = expand(plan, gen.gloss, req.lang, loose=True)
            found = tiers(ev, exp, allowed)
            found.loosened, found.matched_all = bool(found.docnums), 0
        substring = words_first(ev, exp, found, allowed)  # recall (#11): word matches first
        stored = gen.searcher().stored_fields
        matches = tm.lookup(ev, stored, q, allowed) if tm.wanted(q, req.mode) else {}
        tm.lead(found, matches)  # recall (#11): sentence lookup, most similar first
        docnums = found.docnums
        if req.sort == "document":
            docnums = document_order(docnums, ev.stats.columns)
        stop = None if req.limit is None else req.offset + req.limit
        builder = HitBuilder(gen.docs, exp.needles)
        scores = found.scores if req.sort == "relevance" else {}
        return SearchResult(
            q=req.q,
            lang=req.lang,
            terms=exp.terms,
            fallback=found.fallback,
            total=len(docnums),
            offset=req.offset,
            limit=req.limit,
            sort=req.sort,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
            hits=[
                kind(builder.build(stored(n), scores.get(n)), n, substring, matches, q)
                for n in docnums[req.offset : stop]
            ],
            facets=facets(ev.stats.columns, docnums),
            message=found.message(),
            expansions=exp.expansions,
            matched_all=found.matched_all,
            mode="tm" if matches else "terms",
            suggestions=suggest(ev, gen.gloss, stored, plan, len(docnums), req.lang),  # #11
        )

    # -- other lookups -----------------------------------------------------------------
    def clause(self, clause_id: str) -> Hit | None:
        gen = self.generation()
        f = gen.searcher().document(id=clause_id)
        return None if f is None else HitBuilder(gen.docs).build(f)

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None:
        gen = self.generation()
        if doc_id not in gen.docs:
            return None
        needles = None
        if q and normalize(q).strip():
            needles = expand(parse(normalize(q).strip()), gen.gloss).needles
        builder = HitBuilder(gen.docs, needles)
        res = gen.searcher().search(Q.Term("doc", doc_id), limit=None, sortedby="order")
        return [builder.build(h.fields()) for h in res]

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
    if r.mode not in MODES:
        raise QueryError(f"mode must be one of {', '.join(MODES)}")
    if r.offset < 0:
        raise QueryError("offset must not be negative")
    return r


__all__ = ["WhooshEngine", "validate"]
