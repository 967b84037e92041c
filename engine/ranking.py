"""From scores to an ordered result list: tiers, tie-breaking, document order, facets.

A query's clauses come in tiers: those with every term first, ranked by score; then, for
a query of several terms, those with only some (flagged by `matched_all`). Document order
ignores scores. Facets count every matching clause, never just a page.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.api import Facets, Match
from engine.docsets import lookup, member
from engine.evaluate import EMPTY, Evaluator
from engine.expand import Expansion
from engine.order import Order, Part, facet_order
from engine.scoring import IndexStats


class Found:
    """Every matching clause of a request, in result order, with what the user is told.

    The order is kept as parts (`engine.order.Order`): the tiers, split and led by
    `engine.recall` and `engine.tm`, each put in order only as far as a page, the term
    panel or an export reads it. The scores are kept as arrays (`ids` ascending, `vals`
    beside them) for a page's scores.
    """

    def __init__(
        self,
        parts: list[Part],
        ids: np.ndarray = EMPTY.ids,
        vals: np.ndarray = EMPTY.vals,
        matched_all: int = 0,
    ):
        self.order = Order(parts)
        self.ids, self.vals = ids, vals
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
        """The clauses with every term (the first `matched_all` of the order)."""
        return set(self.order.head(self.matched_all).tolist())

    def tiers_of_parts(self) -> list[bool]:
        """For each of the order's parts, whether it lies in the first `matched_all` (the
        clauses with every term): a part never straddles that boundary."""
        out, at = [], 0
        for p in self.order.parts:
            out.append(at < self.matched_all)
            at += len(p.ids)
        return out

    def scores_of(self, docnums: list[int]) -> list[float | None]:
        """The scores of `docnums` (a page), None for a clause the query did not score."""
        if not len(self.ids):
            return [None] * len(docnums)
        at, found = lookup(self.ids, np.asarray(docnums, dtype=np.int64))
        return [
            v if ok else None for v, ok in zip(self.vals[at].tolist(), found.tolist(), strict=True)
        ]


def tiers(ev: Evaluator, exp: Expansion, allowed: set[int] | None) -> Found:
    """Clauses with every term first, then (several terms) those with only some."""
    strict = ev.matching(exp.node, allowed)
    parts = [Part(strict.ids, strict.vals)]
    n_all = len(strict.ids)
    ids, vals = strict
    if len(exp.groups) > 1:
        relaxed = ev.matching(exp.node_for(any_group=True), allowed)
        more = ~member(relaxed.ids, strict.ids)
        parts.append(Part(relaxed.ids[more], relaxed.vals[more]))
        ids = np.concatenate((strict.ids, relaxed.ids[more]))
        vals = np.concatenate((strict.vals, relaxed.vals[more]))
        at = np.argsort(ids, kind="stable")
        ids, vals = ids[at], vals[at]
    return Found(parts, ids, vals, n_all)


def _counts(table: list[Any], codes: np.ndarray, parts: list[Part]) -> dict[Any, int]:
    """`{value: count}` of the hits' values, in order of each value's first hit."""
    values, counts = facet_order(codes, len(table), parts)
    return {table[v]: c for v, c in zip(values.tolist(), counts.tolist(), strict=True)}


def document_order(docnums: np.ndarray, columns: dict[str, list[Any]]) -> np.ndarray:
    """The clauses in reading order: documents in manifest order, clauses in theirs."""
    out = sorted(docnums.tolist(), key=columns["order"].__getitem__)
    out.sort(key=columns["doc_rank"].__getitem__)
    return np.asarray(out, dtype=np.int64)


def facets(stats: IndexStats, parts: list[Part]) -> Facets:
    """Exact counts of every matching clause by document (in order of first appearance
    in the order shown) and by item (in item order), counted on code arrays
    (`IndexStats.codes`) without a Python object per hit, nor the order itself."""
    docs = _counts(*stats.codes("doc"), parts)
    items = _counts(*stats.codes("item"), parts)
    items.pop("", None)
    ordered = sorted(items.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 10**6)
    return Facets(doc=docs, item=dict(ordered))
