"""From scores to an ordered result list: tiers, tie-breaking, document order, facets.

A query's clauses come in tiers: those with every term first, ranked by score; then, for
a query of several terms, those with only some (flagged by `matched_all`). Document order
ignores scores. Facets count every matching clause, never just a page.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.api import Facets, Match
from engine.docsets import member
from engine.evaluate import Evaluator
from engine.expand import Expansion
from engine.order import Order, Part, facet_counts
from engine.scoring import IndexStats
from engine.topk import Ranked, tier


class Found:
    """Every matching clause of a request, in result order, with what the user is told.

    The order is kept as parts (`engine.order.Order`): the tiers, split and led by
    `engine.recall` and `engine.tm`, each put in order only as far as a page, the term
    panel or an export reads it, and scored only as far as that needs
    (`engine.topk.Ranked`, one per tier: `tiers`, which also gives a page its scores).
    """

    def __init__(self, parts: list[Part], tiers: list[Ranked] | None = None, matched_all: int = 0):
        self.order = Order(parts)
        self.tiers = tiers or []
        self.matched_all = matched_all  # how many of the order (the first ones) have every term
        # how a term's words were accepted when nothing matched as written: "" (they were
        # not), "apart" or "words" (`engine.expand.LOOSE_APART`, `LOOSE_WORDS`)
        self.loosened = ""

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def fallback(self) -> bool:
        return self.matched_all == 0 and self.total > 0

    def match(self) -> Match:
        """How the query matched: the views turn this into words."""
        total, n_all = self.total, self.matched_all
        if total == 0:
            return Match("none")
        if self.loosened:
            return Match(self.loosened, 0, total)
        if n_all == 0:
            return Match("any", 0, total)
        return Match("all" if total == n_all else "some", n_all, total - n_all)

    @property
    def every_term(self) -> set[int]:
        """The clauses with every term (the first `matched_all` of the order: whole
        parts, so no part is put in order to find them)."""
        parts = zip(self.order.parts, self.tiers_of_parts(), strict=True)
        head = [p.ids for p, first in parts if first]
        return set(np.concatenate(head).tolist()) if head else set()

    def tiers_of_parts(self) -> list[bool]:
        """For each of the order's parts, whether it lies in the first `matched_all` (the
        clauses with every term): a part never straddles that boundary."""
        out, at = [], 0
        for p in self.order.parts:
            out.append(at < self.matched_all)
            at += len(p.ids)
        return out

    def scores_of(self, docnums: list[int]) -> list[float | None]:
        """The scores of `docnums` (a page) under their tier's query, None for a clause
        the query did not match (a sentence lookup's)."""
        out: list[float | None] = [None] * len(docnums)
        wanted = np.asarray(docnums, dtype=np.int64)
        for ranked in self.tiers:
            inside = np.flatnonzero(member(wanted, ranked.ids))
            if len(inside):
                for i, v in zip(
                    inside.tolist(), ranked.scores(wanted[inside]).tolist(), strict=True
                ):
                    out[i] = v
        return out


def tiers(ev: Evaluator, exp: Expansion, allowed: set[int] | None, pruned: bool = True) -> Found:
    """Clauses with every term first, then (several terms) those with only some; their
    documents found without a score, each tier ranked as far as it is read (`pruned`
    False: scored whole, the benches' baseline)."""
    strict = tier(ev, exp.node, allowed, pruned=pruned)
    parts, ranked = [Part(strict.ids, ranker=strict)], [strict]
    if len(exp.groups) > 1:
        node = exp.node_for(any_group=True)
        relaxed = tier(ev, node, allowed, without=strict.ids, pruned=pruned)
        parts.append(Part(relaxed.ids, ranker=relaxed))
        ranked.append(relaxed)
    return Found(parts, ranked, len(strict.ids))


def _counts(table: list[Any], codes: np.ndarray, ids: np.ndarray) -> dict[Any, int]:
    """`{value: count}` of the hits' values, most hits first."""
    values, counts = facet_counts(codes, len(table), ids)
    return {table[v]: c for v, c in zip(values.tolist(), counts.tolist(), strict=True)}


def document_order(docnums: np.ndarray, stats: IndexStats) -> np.ndarray:
    """The clauses in reading order: documents in manifest order, clauses in theirs (then
    by document number), sorted on the columns as arrays."""
    rank, order = stats.array("doc_rank"), stats.array("order")
    return docnums[np.lexsort((docnums, order[docnums], rank[docnums]))].astype(np.int64)


def facets(stats: IndexStats, ids: np.ndarray) -> Facets:
    """Exact counts of every matching clause (`ids`, any order) by document (most hits
    first, ties in corpus order) and by item (in item order), counted on code arrays
    (`IndexStats.codes`) without a Python object per hit, a score or the order."""
    docs = _counts(*stats.codes("doc"), ids)
    items = _counts(*stats.codes("item"), ids)
    items.pop("", None)
    ordered = sorted(items.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 10**6)
    return Facets(doc=docs, item=dict(ordered))
