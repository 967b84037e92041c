"""The best k clauses of a tier, scored only where they can be (block-max pruning).

A tier of the result order (`engine.ranking.tiers`) is every clause matching a query
tree, shown best score first, and read only as far as a page or the term panel goes.
The first time a generation meets a query tree, every clause is scored, and the best
score in each range of document numbers (`engine.windows`) is kept with the generation
(`IndexStats.keep_bounds`, a few KB). After that (the next page, the same query from
another user, the glossary's term pages), the tier's clauses are found without scores
(`Evaluator.ids`: totals and facets count them), and `Ranked.top` scores only the
ranges that can hold one of the first k: the k best ranges whose best clause is in the
tier each hold a clause of that score, so the k-th of them is a floor under the k-th
score, and a range whose bound is below it, or ties it after it (ties go by document
number), is never read. A tier split off another (word matches first) may hold too few
such ranges: its ranges are scored best bound first, in doubling batches, until none
left can place a clause. Every clause left unscored ranks behind k clauses already
found, so the first k are exactly those of a full sort (tests/engine/test_topk.py
checks it against scoring everything).

The bounds are exact maxima, not sums of per-term maxima: a frequent term's scores
crowd just below its best (BM25 of one word varies with clause length only), and bounds
half a percent loose left half the ranges to score on the 1,000x bench corpus.
"""

from __future__ import annotations

import numpy as np

from engine.docsets import lookup, member
from engine.evaluate import Evaluator
from engine.order import best_first
from engine.tree import Node
from engine.windows import Bounds, Window

WHOLE = 8192  # a query matching this few is scored whole: ranges cost more than they save


def tier(
    ev: Evaluator,
    node: Node,
    allowed: set[int] | None,
    without: np.ndarray | None = None,
    pruned: bool = True,
) -> Ranked:
    """The clauses matching `node` (and in `allowed`, and not in `without`), ranked.
    `pruned` False scores every clause, every time (the benches' baseline)."""
    bound = ev.stats.bounds(node) if pruned else None
    if bound is None or bound.count <= WHOLE:  # scored whole: the first time, or small
        v = ev.matching(node)  # kept by the evaluator: the ids below reuse it
        if pruned and bound is None:
            ev.stats.keep_bounds(node, v.ids, v.vals)
        bound = None
    ids = ev.matching_ids(node, allowed)
    if without is not None:
        ids = ids[~member(ids, without)]
    return Ranked(ev, node, ids, bound)


class Ranked:
    """The clauses `ids` (ascending; all or some of what `node` matches) ranked by their
    score under `node`, scored as far as they are read (all of them without `bound`,
    the best score of `node` in each range)."""

    def __init__(self, ev: Evaluator, node: Node, ids: np.ndarray, bound: Bounds | None):
        self.ev = ev
        self.node = node
        self.ids = ids
        self.bound = bound
        self._known_ids = np.empty(0, np.int64)  # clauses scored so far, ascending
        self._known_vals = np.empty(0, np.float64)
        self._done = np.zeros(ev.stats.ranges, dtype=bool)  # ranges scored

    def top(self, ids: np.ndarray, k: int | None = None) -> np.ndarray:
        """The clauses `ids` (ascending, a subset of `self.ids`) best first, ties by
        document number: all of them, or the first `k`."""
        if k is not None and k <= 0:
            return ids[:0]
        if k is None or k >= len(ids) or self.bound is None:
            return best_first(ids, self._whole(ids), k)
        best, first = self.bound.best, self.bound.first
        shift = self.ev.stats.shift
        held = np.bincount(ids >> shift, minlength=len(best))
        ranges = np.flatnonzero(held > 0)
        # A range whose best clause is among `ids` holds a clause of that score: the k
        # best such clauses put a floor under the k-th score, and only ranges that can
        # beat it, or tie it with a smaller document number, are scored.
        sure = ranges[member(first[ranges], ids)]
        if len(sure) >= k:
            kth = sure[np.lexsort((first[sure], -best[sure]))][k - 1]
            reach = best[ranges]
            ahead = (reach > best[kth]) | ((reach == best[kth]) & ((ranges << shift) <= first[kth]))
            self._scored(ranges[ahead & ~self._done[ranges]])
            return best_first(*self._known(ids), k)
        # Too few: score ranges best first in doubling batches, each time dropping those
        # below (or tied behind) the k-th score found so far.
        pending = ranges[~self._done[ranges]]
        pending = pending[np.lexsort((pending, -best[pending]))]
        got_ids, got_vals = self._known(ids)
        take = int(np.searchsorted(np.cumsum(held[pending]), max(k - len(got_ids), 1))) + 1
        while len(pending):
            self._scored(pending[:take])
            pending, take = pending[take:], take * 2
            got_ids, got_vals = self._known(ids)
            if len(got_ids) >= k and len(pending):
                top = best_first(got_ids, got_vals, k)
                score = float(got_vals[lookup(got_ids, top[-1:])[0][0]])
                reach = best[pending]
                tied = (reach == score) & ((pending << shift) < top[-1])
                pending = pending[(reach > score) | tied]
        return best_first(got_ids, got_vals, k)

    def scores(self, docnums: np.ndarray) -> np.ndarray:
        """The scores of `docnums` (each in `self.ids`)."""
        if self.bound is None:  # scored whole already
            return self._whole(docnums)
        ranges = np.unique(docnums >> self.ev.stats.shift)
        self._scored(ranges[~self._done[ranges]])
        return self._known_vals[lookup(self._known_ids, docnums)[0]]

    def _whole(self, ids: np.ndarray) -> np.ndarray:
        """The scores of `ids` from the evaluation of every match (kept by the request)."""
        v = self.ev.matching(self.node)
        return v.vals[lookup(v.ids, ids)[0]] if len(ids) else v.vals[:0]

    def _known(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The clauses of `ids` scored so far, ascending, with their scores."""
        keep = member(self._known_ids, ids)
        return self._known_ids[keep], self._known_vals[keep]

    def _scored(self, ranges: np.ndarray) -> None:
        """Scores the tier's clauses in `ranges` (none scored yet), kept ascending."""
        if not len(ranges):
            return
        self._done[ranges] = True
        v = self.ev.in_window(self.node, Window(np.sort(ranges), self.ev.stats.shift))
        keep = member(v.ids, self.ids)
        ids = np.concatenate((self._known_ids, v.ids[keep]))
        at = np.argsort(ids, kind="stable")
        self._known_ids = ids[at]
        self._known_vals = np.concatenate((self._known_vals, v.vals[keep]))[at]
