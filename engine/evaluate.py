"""Set-at-a-time evaluation of an expanded query over any backend's postings (`engine.port`).

Per-document matchers (Whoosh's own) walk documents one at a time through trees of
Python objects, which costs tens of milliseconds per query on a corpus of some ten
thousand clauses. Here each leaf of the query reads its posting lists once into a
`{docnum: score}` dict, and the inner nodes combine whole dicts: OR sums over the
union, AND sums over the intersection, NOT is a set difference. The semantics are
Whoosh's, so the Whoosh backend scores exactly as Whoosh would:

- a term scores BM25F exactly as `whoosh.scoring.BM25F` (idf `log(N / (df + 1)) + 1`,
  the field lengths Whoosh stores, their average over the index) times its boost;
- a phrase matches where its words sit at consecutive positions (what Whoosh's
  `Phrase` with its default slop 1 means), and scores the sum of its words' term scores
  times its boost, like Whoosh; words indexed at one position (Chinese index-mode
  sub-words, Japanese compound runs) are alternatives at that position;
- a compound's boost multiplies the sum of its children's scores.

Posting lists come as numpy arrays (`engine.port.Postings`) and every node is evaluated
on sorted arrays of document numbers with their scores (`Vec`): OR is a concatenation
summed with `bincount`, AND an intersection, a phrase intersects (document, position −
offset) codes. Sums run in the same order as a loop over the children would, so scores
are the same floats Whoosh computes; only `scores()` turns the result into a dict.

The tree is made of the frozen nodes of `engine.tree`. Nothing is cached across requests
except what decodes the open index itself (field lengths, columns), built once per
generation by `engine.scoring.IndexStats`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from analyzers import ngrams
from engine.docsets import intersect, member, positions
from engine.port import Index, Postings
from engine.positions import consecutive
from engine.scoring import K1, IndexStats, idf
from engine.tree import And, AndNot, Every, Node, OnSide, Or, Phrase, Prefix, Term

Scores = dict[int, float]
DENSE = 8  # union by counting when the ids number at least 1/DENSE of the documents


class Vec(NamedTuple):
    """Matching documents (ascending, unique) and their scores, as parallel arrays."""

    ids: np.ndarray
    vals: np.ndarray


EMPTY = Vec(np.empty(0, np.int64), np.empty(0, np.float64))


class Evaluator:
    """Evaluates query trees for one request over one (thread-owned) backend index.

    Postings and node scores read during the request are kept for its other tiers (the
    strict AND and the relaxed OR share their subtrees); nothing outlives the request.
    """

    def __init__(self, index: Index, stats: IndexStats):
        self.index = index
        self.stats = stats
        self._postings: dict[tuple[str, str], Postings] = {}
        self._leaf: dict[Node, Vec] = {}  # every node evaluated in this request
        self._allowed: tuple[int, np.ndarray] | None = None

    # -- public ---------------------------------------------------------------------------------
    def matching(self, node: Node, allowed: set[int] | None = None) -> Vec:
        """The documents matching `node` (and in `allowed`), ascending, with their scores."""
        return self._restrict(self._eval(node), allowed)

    def scores(self, node: Node, allowed: set[int] | None = None) -> Scores:
        """`{docnum: score}` of every document matching `node` (and in `allowed`)."""
        v = self.matching(node, allowed)
        return dict(zip(v.ids.tolist(), v.vals.tolist(), strict=True))

    def docs(self, node: Node) -> set[int]:
        """The documents matching `node`."""
        return set(self._eval(node).ids.tolist())

    def filter(self, **values: str | None) -> set[int] | None:
        """Documents whose ID fields equal every given value (None: no filter)."""
        found: set[int] | None = None
        for name, value in values.items():
            if value:
                ids = set(self.postings(name, value).ids.tolist())
                found = ids if found is None else found & ids
        return found

    def postings(self, field: str, text: str, positions: bool = False) -> Postings:
        """A term's posting list, read once per request (positions only when asked)."""
        key = (field, text)
        got = self._postings.get(key)
        if got is None or (positions and got.pos is None and len(got.ids)):
            got = self._postings[key] = self.index.postings(field, text, positions)
        return got

    # -- nodes ------------------------------------------------------------------------------------
    def _eval(self, node: Node) -> Vec:
        # Every node is kept for the request: the tiers and the word-level check share
        # whole subtrees (a term's group of variants and n-grams), not only leaves.
        got = self._leaf.get(node)
        if got is None:
            got = self._leaf[node] = self._eval_node(node)
        return got

    def _eval_node(self, node: Node) -> Vec:
        if isinstance(node, (Term, Phrase, Prefix)):
            return self._eval_leaf(node)
        if isinstance(node, Or):
            return _or([self._eval(c) for c in node.children], node.boost)
        if isinstance(node, And):
            return _and([self._eval(c) for c in node.children], node.boost)
        if isinstance(node, AndNot):
            pos = self._eval(node.positive)
            if not len(pos.ids):
                return EMPTY
            neg = self._eval(node.negative)
            keep = ~member(pos.ids, neg.ids)
            return Vec(pos.ids[keep], pos.vals[keep])
        if isinstance(node, OnSide):
            v = self._eval(node.child)
            keep = np.fromiter(
                (self._side_has(n, node.side, node.runs) for n in v.ids.tolist()),
                dtype=bool,
                count=len(v.ids),
            )
            return Vec(v.ids[keep], v.vals[keep])
        if isinstance(node, Every):
            ids = np.fromiter(self.index.all_docs(), dtype=np.int64)
            return Vec(ids, np.full(len(ids), node.boost, dtype=np.float64))
        raise TypeError(f"not a query node: {node!r}")

    def _eval_leaf(self, node: Term | Phrase | Prefix) -> Vec:
        if isinstance(node, Term):
            return self._term(node.field, node.text, node.boost)
        if isinstance(node, Phrase):
            return self._phrase(node.field, node.words, node.boost, node.checked)
        words = self.index.prefix_terms(node.field, node.prefix, node.limit)
        return _or([self._term(node.field, w) for w in words], node.boost)

    def _restrict(self, v: Vec, allowed: set[int] | None) -> Vec:
        if allowed is None:
            return v
        if self._allowed is None or self._allowed[0] != id(allowed):
            self._allowed = (id(allowed), np.sort(np.fromiter(allowed, dtype=np.int64)))
        keep = member(v.ids, self._allowed[1])
        return Vec(v.ids[keep], v.vals[keep])

    def _term(self, field: str, text: str, boost: float = 1.0) -> Vec:
        p = self.postings(field, text)
        if not len(p.ids):
            return EMPTY
        ids = p.ids.astype(np.int64, copy=False)
        tf = p.tf.astype(np.float64)
        norm = self.stats.norm_array(field)
        if norm is None:  # an unscored field (ID): Whoosh scores the weight
            return Vec(ids, tf * boost)
        vals = idf(self.stats.doc_count, p.df) * ((tf * (K1 + 1)) / (tf + norm[ids]))
        return Vec(ids, vals * boost if boost != 1.0 else vals)

    def _phrase(
        self, field: str, words: tuple[str, ...], boost: float, checked: tuple[int, ...] = ()
    ) -> Vec:
        """Documents where `words` sit at consecutive positions, scored like Whoosh's;
        only the `checked` words' positions are read (all when empty: see `Phrase`)."""
        if not all(self._has(field, w) for w in words):  # before reading any list
            return EMPTY
        norm = self.stats.norm_array(field)
        lists = [self.postings(field, w) for w in words]
        if norm is None or not all(len(p.ids) for p in lists):
            return EMPTY
        docs = intersect([p.ids for p in lists])
        if not len(docs):
            return EMPTY
        at = checked or tuple(range(len(words)))
        docs = consecutive([self.postings(field, words[i], positions=True) for i in at], at, docs)
        if not len(docs):
            return EMPTY
        total = np.zeros(len(docs), dtype=np.float64)
        for p in lists:
            tf = p.tf[positions(p.ids, docs)].astype(np.float64)
            total = total + idf(self.stats.doc_count, p.df) * ((tf * (K1 + 1)) / (tf + norm[docs]))
        return Vec(docs, total * boost if boost != 1.0 else total)

    def _side_has(self, n: int, side: str, runs: tuple[str, ...]) -> bool:
        key = ngrams.gram_key(self.index.view(n)[f"{side}_text"] or "")
        return all(run in key for run in runs)

    def _has(self, field: str, text: str) -> bool:
        if (field, text) in self._postings:
            return bool(len(self._postings[field, text].ids))
        return self.index.has_term(field, text)


def _or(parts: list[Vec], boost: float) -> Vec:
    """The union, each document's scores summed in the children's order (longest first)."""
    parts = sorted((p for p in parts if len(p.ids)), key=lambda p: len(p.ids), reverse=True)
    if not parts:
        return EMPTY
    if len(parts) == 1:
        ids, vals = parts[0]
    else:
        ids, vals = _sum_by_doc(
            np.concatenate([p.ids for p in parts]), np.concatenate([p.vals for p in parts])
        )
    return Vec(ids, vals * boost if boost != 1.0 else vals)


def _sum_by_doc(ids: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct `ids` (ascending) and the sum of `vals` of each, in array order.

    Counted into an array as long as the largest document number when the ids are many
    (two passes, no sort: half the time of `np.unique` at 5,800 of 18,800 documents),
    else sorted; both sum in array order, so the floats are the same either way."""
    span = int(ids.max()) + 1
    if len(ids) * DENSE >= span:
        sums = np.bincount(ids, weights=vals, minlength=span)
        present = np.zeros(span, dtype=bool)  # a mask, not counts: its scan is 8x shorter
        present[ids] = True
        got = np.flatnonzero(present)
        return got, sums[got]
    got, inverse = np.unique(ids, return_inverse=True)
    return got, np.bincount(inverse, weights=vals)


def _and(parts: list[Vec], boost: float) -> Vec:
    """The intersection, each document's scores summed in the children's order."""
    if not parts or not all(len(p.ids) for p in parts):
        return EMPTY
    ids = intersect([p.ids for p in parts])
    total = np.zeros(len(ids), dtype=np.float64)
    for p in parts:
        total = total + p.vals[positions(p.ids, ids)]
    return Vec(ids, total * boost if boost != 1.0 else total)
