"""A request's result order, kept as parts and put in order only as far as it is read.

A frequent term matches tens of thousands of clauses, and a page shows twenty: sorting
every match by score (`np.lexsort`) was a fifth of such a query at 1,000x, and only the
first page and the term panel's first hundred are ever read. The order is therefore a
list of parts shown one after the other (the tiers, then word matches before substring
matches within each, a sentence lookup's matches first):

- a *scored* part holds document numbers (ascending) with their scores and is shown best
  score first, ties by document number (as Whoosh orders);
- a *fixed* part holds document numbers already in the order they are shown.

`head(k)` sorts only the best `k` of a scored part (`np.argpartition`, then a sort of
those), and `facet_order` finds each facet value's first appearance from the parts'
scores, without the order itself: what a user is shown is exactly what a full sort gives.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Part(NamedTuple):
    """Document numbers shown together: ordered by `vals` (descending; `ids` ascending),
    or, when `vals` is None, in the order of `ids`."""

    ids: np.ndarray
    vals: np.ndarray | None = None

    def where(self, keep: np.ndarray) -> Part:
        """The documents `keep` (a mask) selects, in the same order."""
        return Part(self.ids[keep], None if self.vals is None else self.vals[keep])


def best_first(ids: np.ndarray, vals: np.ndarray, k: int | None = None) -> np.ndarray:
    """The document numbers `ids` (ascending) best score first, ties by document number:
    all of them, or only the first `k` when fewer are asked for."""
    n = len(ids)
    if k is not None and k < n:
        if k <= 0:
            return ids[:0]
        neg = -vals
        bound = neg[np.argpartition(neg, k - 1)[:k]].max()  # the k-th best score
        better = np.flatnonzero(neg < bound)
        # ties at the bound go by document number: their positions ascend with it
        tied = np.flatnonzero(neg == bound)[: k - len(better)]
        at = np.concatenate((better, tied))
        ids, vals = ids[at], vals[at]
    return ids[np.lexsort((ids, -vals))].astype(np.int64, copy=False)


class Order:
    """The parts of a result order, shown one after the other (see the module)."""

    def __init__(self, parts: list[Part]):
        self.parts = [p for p in parts if len(p.ids)]
        self._sorted: dict[int, np.ndarray] = {}  # part index -> the part in full order
        self._all: np.ndarray | None = None

    def __len__(self) -> int:
        return sum(len(p.ids) for p in self.parts)

    def head(self, k: int) -> np.ndarray:
        """The first `k` document numbers shown."""
        out: list[np.ndarray] = []
        for i, p in enumerate(self.parts):
            if k <= 0:
                break
            out.append(self._part(i) if k >= len(p.ids) else self._first(i, k))
            k -= len(out[-1])
        return np.concatenate(out) if out else np.empty(0, np.int64)

    def all(self) -> np.ndarray:
        """Every document number, in the order shown."""
        if self._all is None:
            parts = [self._part(i) for i in range(len(self.parts))]
            self._all = np.concatenate(parts) if parts else np.empty(0, np.int64)
        return self._all

    def shown(self) -> list[Part]:
        """The parts, each already sorted given as a fixed part (cheaper to count facets
        on), the others as they are."""
        return [Part(self._sorted[i]) if i in self._sorted else p for i, p in enumerate(self.parts)]

    def _first(self, i: int, k: int) -> np.ndarray:
        got = self._sorted.get(i)
        if got is not None:
            return got[:k]
        p = self.parts[i]
        return p.ids[:k] if p.vals is None else best_first(p.ids, p.vals, k)

    def _part(self, i: int) -> np.ndarray:
        got = self._sorted.get(i)
        if got is None:
            p = self.parts[i]
            got = p.ids if p.vals is None else best_first(p.ids, p.vals)
            self._sorted[i] = got = got.astype(np.int64, copy=False)
        return got


def facet_order(codes: np.ndarray, size: int, parts: list[Part]) -> tuple[np.ndarray, np.ndarray]:
    """The facet values (`codes` maps a document number to one of `size` values) of the
    documents in `parts`, in order of first appearance in the order shown, and how many
    documents have each; found from the parts' scores, not from the order itself.

    A value's first document in a scored part is its best-scored one, ties by document
    number; a value first seen in an earlier part comes before.
    """
    fixed = [p.ids for p in parts if p.vals is None]
    if len(fixed) == len(parts):  # all in order already (a page sorted them): one pass
        return _first_seen(codes, size, np.concatenate(fixed) if fixed else np.empty(0, int))
    counts = np.zeros(size, dtype=np.int64)
    part_of = np.full(size, len(parts), dtype=np.int64)  # the first part a value is in
    key1 = np.zeros(size, dtype=np.float64)  # within that part: -best score, or position
    key2 = np.zeros(size, dtype=np.int64)  # then: the best-scored document's number
    for i, p in enumerate(parts):
        seen = codes[p.ids]
        here = np.bincount(seen, minlength=size)
        counts += here
        if p.vals is None:
            first = np.full(size, len(seen), dtype=np.int64)
            np.minimum.at(first, seen, np.arange(len(seen)))
            rank1, rank2 = first.astype(np.float64), np.zeros(size, dtype=np.int64)
        else:
            best = np.full(size, -np.inf)
            np.maximum.at(best, seen, p.vals)
            tops = p.vals == best[seen]
            rank2 = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(rank2, seen[tops], p.ids[tops])
            rank1 = -best
        new = (part_of == len(parts)) & (here > 0)
        part_of[new], key1[new], key2[new] = i, rank1[new], rank2[new]
    values = np.flatnonzero(counts)
    values = values[np.lexsort((key2[values], key1[values], part_of[values]))]
    return values, counts[values]


def _first_seen(codes: np.ndarray, size: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`facet_order` of document numbers already in the order shown: counted into the
    (small) table of values, each value's first position found in one pass."""
    seen = codes[ids]
    counts = np.bincount(seen, minlength=size)
    first = np.full(size, len(seen), dtype=np.int64)
    np.minimum.at(first, seen, np.arange(len(seen)))
    values = np.flatnonzero(counts)
    values = values[np.argsort(first[values], kind="stable")]
    return values, counts[values]
