"""Word matches before substring matches, and the flag that tells them apart.

Every term is also looked up in the n-gram layer (`engine.expand._ngrams`), so a clause
can be found only because the typed characters occur inside a longer word (ウェア in
ソフトウェア). Such a clause is a true match — totals count it — but a reader who typed a
word wants the clauses with that word first. BM25 sums alone do not promise that (a long
substring phrase can outscore a short word), so the order is made explicit: within each
tier of `engine.ranking.tiers`, clauses matching every term at word level come first,
then the rest, flagged `match_kind="substring"`.
"""

from __future__ import annotations

import numpy as np

from engine import tree as E
from engine.api import MatchKind
from engine.docsets import member
from engine.evaluate import Evaluator
from engine.expand import NGRAM_FIELD, Expansion
from engine.order import Order, Part
from engine.ranking import Found


def without_ngrams(node: E.Node) -> E.Node:
    """`node` with every n-gram leaf removed (an Or left empty matches nothing)."""
    if isinstance(node, E.OnSide):  # a one-side substring check over n-grams
        return E.NOTHING
    if isinstance(node, (E.Term, E.Phrase, E.Prefix)):
        return E.NOTHING if node.field == NGRAM_FIELD else node
    if isinstance(node, E.Or):
        return E.Or(tuple(without_ngrams(c) for c in node.children), node.boost)
    if isinstance(node, E.And):
        if all(_is_ngram(c) for c in node.children):
            return E.NOTHING
        return E.And(tuple(without_ngrams(c) for c in node.children), node.boost)
    if isinstance(node, E.AndNot):
        return E.AndNot(without_ngrams(node.positive), node.negative)  # exclusions stay whole
    return node


def _is_ngram(node: E.Node) -> bool:
    if isinstance(node, E.OnSide):
        return True
    return isinstance(node, (E.Term, E.Phrase, E.Prefix)) and node.field == NGRAM_FIELD


def words_first(ev: Evaluator, exp: Expansion, found: Found, allowed: set[int] | None) -> set[int]:
    """Reorder `found` so word matches lead each tier; return the substring-only clauses.

    The leaves are the ones the tiers already read (the evaluator keeps them for the
    request), so this costs array comparisons, not postings. Each part of the order is
    split in two, which keeps both halves in its order without sorting anything.
    """
    if not found.total:
        return set()
    in_head = found.tiers_of_parts()
    words = {True: ev.matching_ids(without_ngrams(exp.node), allowed)}
    if not all(in_head):
        relaxed_node = without_ngrams(exp.node_for(any_group=True))
        words[False] = ev.matching_ids(relaxed_node, allowed)
    first: dict[bool, list[Part]] = {True: [], False: []}
    later: dict[bool, list[Part]] = {True: [], False: []}
    for p, head in zip(found.order.parts, in_head, strict=True):
        keep = member(p.ids, words[head])
        first[head].append(p.where(keep))
        later[head].append(p.where(~keep))
    moved = [p.ids for tier in later.values() for p in tier if len(p.ids)]
    if not moved:
        return set()
    found.order = Order(first[True] + later[True] + first[False] + later[False])
    return set(np.concatenate(moved).tolist())


def kind(n: int, substring: set[int]) -> MatchKind:
    """How a clause matched the terms: "substring" (n-grams only) or "word"; a sentence
    match's "exact" | "fuzzy" is set by `tm.annotate`."""
    return "substring" if n in substring else "word"
