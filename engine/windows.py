"""Document-number ranges: the unit of top-k pruning (`engine.topk`).

A frequent term matches a quarter of the corpus, and a page shows twenty clauses. Block-max
pruning (Ding & Suel 2011; Lucene's impacts) keeps, for each block of a posting list, the
best score any of its documents can reach, and scores only the blocks that can still
place a document in the top k. Here the blocks are fixed ranges of document numbers
(2^shift each), the same for every query, and the best score of a whole query tree in
each (`Bounds`) is kept with the generation once the tree was scored whole
(`engine.scoring.IndexStats.keep_bounds`, read by `engine.topk`).

`Window` is a set of ranges: evaluating a query inside one reads only the postings whose
documents fall in it (`select`), and gives those documents exactly the scores a full
evaluation gives them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

MIN_SHIFT = 8  # ranges of 256 documents: ~70 postings of a term in a quarter of them
MAX_RANGES = 1024  # beyond 2^18 documents the ranges grow instead of multiplying


def shift_for(span: int) -> int:
    """The range size (as a power of two) for document numbers 0..span-1."""
    return max(MIN_SHIFT, (max(span, 1) - 1).bit_length() - MAX_RANGES.bit_length() + 1)


def count(span: int, shift: int) -> int:
    """How many ranges cover document numbers 0..span-1."""
    return ((max(span, 1) - 1) >> shift) + 1


def range_max(ids: np.ndarray, vals: np.ndarray, n: int, shift: int) -> np.ndarray:
    """The best of `vals` in each of the `n` ranges (`ids` ascending; 0 where none)."""
    out = np.zeros(n, dtype=np.float64)
    if not len(ids):
        return out
    r = ids >> shift
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    out[r[starts]] = np.maximum.reduceat(vals, starts)
    return out


class Bounds(NamedTuple):
    """A query tree's best score in each range, from a full evaluation: `best[r]` (0:
    no match there), `first[r]` the smallest document number scoring it (-1: none),
    and how many documents matched in all."""

    best: np.ndarray
    first: np.ndarray
    count: int


def bounds_of(ids: np.ndarray, vals: np.ndarray, n: int, shift: int) -> Bounds:
    """`Bounds` of the scored documents `ids` (ascending) in `n` ranges."""
    best = range_max(ids, vals, n, shift)
    first = np.full(n, -1, dtype=np.int64)
    if len(ids):
        r = ids >> shift
        at = np.flatnonzero(vals == best[r])  # the documents at their range's best
        # ids ascend, so a range's first such document is its smallest
        lead = np.flatnonzero(np.r_[True, r[at][1:] != r[at][:-1]])
        first[r[at[lead]]] = ids[at[lead]]
    return Bounds(best, first, len(ids))


class Window:
    """Some ranges (ascending, distinct) of document numbers."""

    def __init__(self, ranges: np.ndarray, shift: int):
        self.ranges = np.asarray(ranges, dtype=np.int64)
        self.shift = shift
        self.key = (shift, self.ranges.tobytes())  # evaluations in a window are kept by it

    def select(self, ids: np.ndarray) -> np.ndarray:
        """Indices of the `ids` (ascending) whose documents lie in the window."""
        if not len(ids) or not len(self.ranges):
            return np.empty(0, np.int64)
        lo = ids.searchsorted((self.ranges << self.shift).astype(ids.dtype, copy=False))
        hi = ids.searchsorted(((self.ranges + 1) << self.shift).astype(ids.dtype, copy=False))
        lens = hi - lo
        total = int(lens.sum())
        if total == len(ids):
            return np.arange(total)
        # the runs lo[i]..hi[i]-1 one after the other, without a Python loop
        starts = np.repeat(lo - (np.cumsum(lens) - lens), lens)
        return starts + np.arange(total)

    def holds(self, ids: np.ndarray) -> np.ndarray:
        """Which of `ids` (any order) lie in the window."""
        if not len(self.ranges):
            return np.zeros(len(ids), dtype=bool)
        table = np.zeros(int(self.ranges[-1]) + 1, dtype=bool)
        table[self.ranges] = True
        r = ids >> self.shift
        inside = r < len(table)
        out = np.zeros(len(ids), dtype=bool)
        out[inside] = table[r[inside]]
        return out
