"""The Whoosh backend of the `Engine` interface.

It follows the index root's CURRENT pointer: each request checks (one `stat`) whether a
build published a new generation and, if so, opens it; requests already running keep
the generation they started with, so a swap never fails a request. A generation is only
opened after its checksum manifest's cheap check passes; when CURRENT is missing or names a
damaged generation, the newest sound one is served and `note` says why. A search that fails
inside Whoosh re-checks the generation and, if it has been damaged since, moves off it.
Whoosh searchers are not shared between threads: each thread gets its own per generation.

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
from engine.api import (
    LANGS,
    MAX_LIMIT,
    MAX_QUERY_CHARS,
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
from engine.results import HitBuilder, empty_result
from engine.stats import StatsCache
from indexer import glossary as glossary_mod
from indexer.errors import IndexDamaged
from indexer.index.checksums import verify
from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import IndexMissing, generations, live_generation, read_meta

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
        self.note = ""  # why the generation served is not the one CURRENT names, if so
        self.warm = False  # a real query has succeeded (analyzers loaded, index readable)

    # -- generations -------------------------------------------------------------
    def generation(self) -> Generation:
        """The live generation, reopened when CURRENT changed since the last call."""
        try:
            st = os.stat(self.root / "CURRENT")
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_ino)
        except OSError:
            stamp = None
        if self._gen is not None and stamp == self._stamp:
            return self._gen
        with self._lock:
            if self._gen is None or stamp != self._stamp:
                self._open_live()
                self._stamp = stamp
        assert self._gen is not None
        return self._gen

    def _open_live(self) -> None:
        path, note = live_generation(self.root)
        if path is None:
            self._gen = None
            if generations(self.root):
                raise IndexDamaged(f"no sound index generation under {self.root}: {note}")
            raise IndexMissing(f"no index under {self.root}: run `taiyaku build`")
        if self._gen is None or self._gen.path != path:
            self._gen = Generation(path)
        self.note = note

    def _recover(self, gen: Generation) -> bool:
        """After a failure inside Whoosh: if `gen` fails verification now, move off it."""
        if not verify(gen.path):
            return False
        with self._lock:
            if self._gen is gen:
                self._open_live()
        return True

    def health(self) -> dict[str, Any]:
        """Ready only when the served generation passes its cheap check and a query ran."""
        gen = self.generation()
        problems = verify(gen.path)
        if problems and self._recover(gen):
            gen = self.generation()
            problems = verify(gen.path)
        if not problems and not self.warm:
            self.search(SearchRequest(q="中国 日本"))  # loads jieba and MeCab, reads postings
            self.warm = True
        return {"generation": gen.path.name, "note": self.note, "problems": problems}

    # -- search ----------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        req = validate(request)
        gen = self.generation()
        try:
            return self._search(gen, req)
        except (QueryError, IndexMissing, IndexDamaged):
            raise
        except Exception:
            if not self._recover(gen):
                raise
            return self._search(self.generation(), req)

    def _search(self, gen: Generation, req: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
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
        docnums = found.docnums
        if req.sort == "document":
            docnums = document_order(docnums, ev.stats.columns)
        stop = None if req.limit is None else req.offset + req.limit
        builder = HitBuilder(gen.docs, exp.needles)
        stored = gen.searcher().stored_fields
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
            hits=[builder.build(stored(n), scores.get(n)) for n in docnums[req.offset : stop]],
            facets=facets(ev.stats.columns, docnums),
            message=found.message(),
            expansions=exp.expansions,
            matched_all=found.matched_all,
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
    if r.offset < 0:
        raise QueryError("offset must not be negative")
    return r


__all__ = ["WhooshEngine", "validate"]
