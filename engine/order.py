"""A request's result order, kept as parts and put in order only as far as it is read.

A frequent term matches tens of thousands of clauses, and a page shows twenty: sorting
every match by score (`np.lexsort`) was a fifth of such a query at 1,000x, and only the
first page and the term panel's first hundred are ever read. The order is therefore a
list of parts shown one after the other (the tiers, then word matches before substring
matches within each, a sentence lookup's matches first):

- a *scored* part holds document numbers (ascending) with their scores, or with what
  scores them as far as they are read (`Ranker`: a tier's `engine.topk.Ranked`), and is
  shown best score first, ties by document number (as Whoosh orders);
- a *fixed* part holds document numbers already in the order they are shown.

`head(k)` sorts only the best `k` of a scored part (`np.argpartition`, then a sort of
those; a ranker scores only what can reach them): what a user is shown is exactly what
a full sort gives. Counts need no order at all (`members`).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

import numpy as np


class Ranker(Protocol):
    """Puts some of its documents in score order, scoring them as far as it must."""

    def top(self, ids: np.ndarray, k: int | None = None) -> np.ndarray: ...


class Part(NamedTuple):
    """Document numbers shown together: ordered by `vals` (descending; `ids` ascending)
    or by `ranker`, or, when both are None, in the order of `ids`."""

    ids: np.ndarray
    vals: np.ndarray | None = None
    ranker: Ranker | None = None

    def where(self, keep: np.ndarray) -> Part:
        """The documents `keep` (a mask) selects, in the same order."""
        vals = None if self.vals is None else self.vals[keep]
        return Part(self.ids[keep], vals, self.ranker)


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

    def members(self) -> np.ndarray:
        """Every document number, in no particular order (what counts need)."""
        if self._all is not None:
            return self._all
        return np.concatenate([p.ids for p in self.parts]) if self.parts else np.empty(0, np.int64)

    def _first(self, i: int, k: int) -> np.ndarray:
        got = self._sorted.get(i)
        if got is not None:
            return got[:k]
        return _ordered(self.parts[i], k)

    def _part(self, i: int) -> np.ndarray:
        got = self._sorted.get(i)
        if got is None:
            self._sorted[i] = got = _ordered(self.parts[i]).astype(np.int64, copy=False)
        return got


def _ordered(p: Part, k: int | None = None) -> np.ndarray:
    """A part's first `k` document numbers (all with None), in the order shown."""
    if p.ranker is not None:
        return p.ranker.top(p.ids, k)
    if p.vals is not None:
        return best_first(p.ids, p.vals, k)
    return p.ids if k is None else p.ids[:k]


def facet_counts(codes: np.ndarray, size: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The facet values (`codes` maps a document number to one of `size` values) of the
    documents `ids`, most documents first, ties in the values' own order, and how many
    documents have each: counted on the codes, with no order and no score (a tier is
    never scored whole just to list its facets)."""
    counts = np.bincount(codes[ids], minlength=size)
    values = np.flatnonzero(counts)
    values = values[np.lexsort((values, -counts[values]))]
    return values, counts[values]
