"""Per-generation statistics: what BM25F scoring and sorting read from the open index.

Nothing is cached across requests except what decodes the open index itself (field
lengths, columns): `IndexStats` decodes it once per generation, and `StatsCache` builds
it on first use for the threads that share the generation. The constants are those of
`whoosh.scoring.BM25F` as the engine configures it, so scores equal Whoosh's.
"""

from __future__ import annotations

import threading
from typing import Any

K1 = 1.2
B = 0.75


class IndexStats:
    """What scoring and sorting need from one opened generation, decoded once.

    `norm[field][docnum]` is BM25's length part `K1 * ((1 - B) + B * fl / avgfl)` for
    each scorable field, computed from the same (byte-quantised) lengths Whoosh uses, so
    scores equal Whoosh's. Column values (`doc`, `item`, `order`, `doc_rank`) are lists
    indexed by docnum.
    """

    COLUMNS = ("doc", "item", "order", "doc_rank")

    def __init__(self, searcher: Any):
        reader = searcher.reader()
        self.doc_count = searcher.doc_count_all()
        self.norm: dict[str, list[float]] = {}
        for name, fld in searcher.schema.items():
            if not fld.scorable:
                continue
            avgfl = searcher.avg_field_length(name) or 1
            lengths = [0] * self.doc_count
            for leaf, base in reader.leaf_readers():
                for n in range(leaf.doc_count_all()):
                    lengths[base + n] = leaf.doc_field_length(n, name, 0) or 0
            self.norm[name] = [K1 * ((1 - B) + B * fl / avgfl) for fl in lengths]
        self.columns: dict[str, list[Any]] = {}
        for name in self.COLUMNS:
            if name in searcher.schema and reader.has_column(name):
                self.columns[name] = list(reader.column_reader(name))


class StatsCache:
    """Builds `IndexStats` once, on first use, for a generation shared by threads."""

    def __init__(self) -> None:
        self._stats: IndexStats | None = None
        self._lock = threading.Lock()

    def get(self, searcher: Any) -> IndexStats:
        if self._stats is None:
            with self._lock:
                if self._stats is None:
                    self._stats = IndexStats(searcher)
        return self._stats
