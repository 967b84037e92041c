"""The Whoosh backend: index generations on disk, opened and followed across rebuilds.

It follows the index root's CURRENT pointer: each request checks (one `stat`) whether a
build published a new generation and, if so, opens it; requests already running keep
the generation they started with, so a swap never fails a request. Whoosh searchers are
not shared between threads: each thread gets its own per generation.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.searching import Searcher

from engine.backends.whoosh.index import WhooshIndex
from engine.evaluate import Evaluator
from engine.glossary_index import GlossaryIndex
from engine.scoring import K1, B, IndexStats, StatsCache
from indexer import glossary as glossary_mod
from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import IndexMissing, current_generation, read_meta

WEIGHTING = scoring.BM25F(B=B, K1=K1)  # only for Whoosh's own search (tests, document order)


class WhooshGeneration:
    """One opened, immutable index generation and what was built with it."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.meta: dict[str, Any] = read_meta(path)
        if self.meta.get("schema") != SCHEMA_VERSION:
            raise IndexMissing(
                f"index at {path} has schema {self.meta.get('schema')}, this code needs "
                f"{SCHEMA_VERSION}: run `taiyaku build`"
            )
        self.ix = whoosh_index.open_dir(str(path))
        self.gloss_raw = glossary_mod.load(path / "glossary.json")
        self.gloss = GlossaryIndex(self.gloss_raw)
        self.docs = {d["id"]: d for d in self.meta["documents"]}
        self._local = threading.local()
        self._stats = StatsCache()

    def searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.ix.searcher(weighting=WEIGHTING)
            self._local.searcher = s
        return s

    def index(self) -> WhooshIndex:
        ix = getattr(self._local, "index", None)
        if ix is None:
            ix = self._local.index = WhooshIndex(self.searcher())
        return ix

    def stats(self) -> IndexStats:
        return self._stats.get(self.index())

    def evaluator(self) -> Evaluator:
        """A fresh evaluator for one request, over this thread's index."""
        return Evaluator(self.index(), self.stats())


class WhooshBackend:
    """The live generation under `root` (see `indexer.index.store`)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._gen: WhooshGeneration | None = None
        self._stamp: tuple[int, int] | None = None

    def current(self) -> WhooshGeneration:
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
                    self._gen = WhooshGeneration(path)
                self._stamp = stamp
        return self._gen
