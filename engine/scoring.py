"""BM25 as the engine scores it, and the per-generation statistics it reads.

The constants are Whoosh's `BM25F(B=0.75, K1=1.2)` defaults, so the Whoosh backend's
scores equal what Whoosh itself computes (tests compare them). Nothing is cached across
requests except what decodes the open index itself (field lengths, columns):
`IndexStats` decodes it once per generation and `StatsCache` builds it on first use for
the threads that share the generation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from math import log
from typing import TYPE_CHECKING, Any

import numpy as np

from engine import windows

if TYPE_CHECKING:
    from engine.port import Index, Postings

K1 = 1.2
B = 0.75
BOUNDS_KEPT = 256  # query trees whose range bounds a generation keeps (12 KB each at 10^6)
PHRASES_KEPT = 16 << 20  # bytes of phrases' matching documents a generation keeps


def idf(doc_count: int, df: int) -> float:
    """Whoosh's BM25 idf: `log(N / (df + 1)) + 1`."""
    return log(doc_count / (df + 1)) + 1


class IndexStats:
    """What scoring and sorting need from one opened generation, decoded once.

    `norm[field][docnum]` is BM25's length part `K1 * ((1 - B) + B * fl / avgfl)` for
    each scorable field, from the lengths the backend stores, as an array (the evaluator
    scores whole posting lists at once). Column values (`doc`,
    `item`, `order`, `doc_rank`) are lists indexed by docnum.
    """

    def __init__(self, index: Index):
        self.doc_count = index.doc_count()
        self.norm: dict[str, np.ndarray] = {}
        for name in index.scorable_fields():
            lengths, avgfl = index.field_lengths(name)
            avgfl = avgfl or 1
            norm = [K1 * ((1 - B) + B * fl / avgfl) for fl in lengths]
            self.norm[name] = np.array(norm, dtype=np.float64)
        self.columns: dict[str, list[Any]] = index.columns()
        self._codes: dict[str, tuple[list[Any], np.ndarray]] = {}
        self._arrays: dict[str, np.ndarray] = {}
        span = len(self.columns["doc"]) if "doc" in self.columns else self.doc_count
        self.shift = windows.shift_for(span)  # top-k pruning's ranges (`engine.windows`)
        self.ranges = windows.count(span, self.shift)
        self._node_bounds: OrderedDict[Hashable, windows.Bounds] = OrderedDict()
        self._phrases: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._phrase_bytes = 0
        self._lock = threading.Lock()

    def codes(self, column: str) -> tuple[list[Any], np.ndarray]:
        """A column as (table of distinct values, code per docnum): facets count codes."""
        got = self._codes.get(column)
        if got is None:
            table: dict[Any, int] = {}
            codes = [table.setdefault(v, len(table)) for v in self.columns[column]]
            got = self._codes[column] = (list(table), np.array(codes, dtype=np.int32))
        return got

    def array(self, column: str) -> np.ndarray:
        """A numeric column as an array by docnum (document order sorts on these)."""
        got = self._arrays.get(column)
        if got is None:
            got = self._arrays[column] = np.asarray(self.columns[column])
        return got

    def norm_array(self, field: str) -> np.ndarray | None:
        """`norm[field]` (None for an unscored field)."""
        return self.norm.get(field)

    def bounds(self, node: Hashable) -> windows.Bounds | None:
        """The best score of a query tree in each range of documents, as a full
        evaluation in this generation found it (None: not evaluated whole yet)."""
        with self._lock:
            got = self._node_bounds.get(node)
            if got is not None:
                self._node_bounds.move_to_end(node)
            return got

    def keep_bounds(self, node: Hashable, ids: np.ndarray, vals: np.ndarray) -> None:
        """Keeps a tree's best score per range from its full evaluation (`ids`, `vals`):
        a property of the generation and the query, like the term panel, so the query's
        next pages and askers score only the ranges that can reach their top k."""
        got = windows.bounds_of(ids, vals, self.ranges, self.shift)
        with self._lock:
            self._node_bounds[node] = got
            while len(self._node_bounds) > BOUNDS_KEPT:
                self._node_bounds.popitem(last=False)

    def phrase_docs(self, key: Hashable, find: Callable[[], np.ndarray]) -> np.ndarray:
        """The documents where a phrase matches (`find()` the first time): matching a
        phrase reads every word's positions, a property of the generation, so the
        recent ones are kept (`PHRASES_KEPT` bytes at most, least recently used dropped
        first; a set larger than a tenth of that is found anew each time)."""
        with self._lock:
            got = self._phrases.get(key)
            if got is not None:
                self._phrases.move_to_end(key)
                return got
        got = find()
        got.flags.writeable = False  # shared by every request of the generation
        if got.nbytes <= PHRASES_KEPT // 10:
            with self._lock:
                if key not in self._phrases:
                    self._phrases[key] = got
                    self._phrase_bytes += got.nbytes
                while self._phrase_bytes > PHRASES_KEPT:
                    self._phrase_bytes -= self._phrases.popitem(last=False)[1].nbytes
        return got

    def tf_part(self, field: str, p: Postings, at: np.ndarray | None = None) -> np.ndarray:
        """BM25's term-frequency part of the postings `p` (those at `at`), as floats; the
        weight itself in an unscored field."""
        ids, tf = (p.ids, p.tf) if at is None else (p.ids[at], p.tf[at])
        tf = tf.astype(np.float64)
        norm = self.norm.get(field)
        if norm is None:
            return tf
        return (tf * (K1 + 1)) / (tf + norm[ids])


class StatsCache:
    """Builds `IndexStats` once, on first use, for a generation shared by threads."""

    def __init__(self) -> None:
        self._stats: IndexStats | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._stats is not None

    def get(self, index: Index) -> IndexStats:
        if self._stats is None:
            with self._lock:
                if self._stats is None:
                    self._stats = IndexStats(index)
        return self._stats
