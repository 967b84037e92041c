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

Two more readings of a tree serve a request (`engine.topk`): the matching documents
alone (`ids`: counts and facets need no score), and their scores inside a
`engine.windows.Window` of document ranges (`in_window`: the very floats of a full
evaluation, so a frequent term's top k can be scored only where it can be).

The tree is made of the frozen nodes of `engine.tree`. Nothing is cached across requests
except what decodes the open index itself (field lengths, columns), queries' best score
per range and phrases' matches, kept per generation by `engine.scoring.IndexStats`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from analyzers import ngrams
from engine.docsets import intersect, member, positions
from engine.port import Index, Postings
from engine.positions import consecutive
from engine.scoring import IndexStats, idf
from engine.tree import And, AndNot, Every, Node, OnSide, Or, Phrase, Prefix, Term
from engine.windows import Window

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

    def __init__(self, index: Index, stats: IndexStats, kept: bool = True):
        """`kept`: phrases' matches kept by the generation are used and kept (False: every
        phrase is matched anew, the benches' cold figure)."""
        self.index = index
        self.stats = stats
        self.kept = kept
        self._postings: dict[tuple[str, str], Postings] = {}
        self._leaf: dict[Node | tuple[Node, object], Vec] = {}  # nodes evaluated (in windows)
        self._ids: dict[Node, np.ndarray] = {}  # nodes' matching documents
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
        return set(self.ids(node).tolist())

    def matching_ids(self, node: Node, allowed: set[int] | None = None) -> np.ndarray:
        """The documents matching `node` (and in `allowed`), ascending, without scores."""
        ids = self.ids(node)
        return ids if allowed is None else ids[self._allowed_mask(ids, allowed)]

    def ids(self, node: Node) -> np.ndarray:
        """The documents matching `node`, ascending: unions and intersections of the
        posting lists' document numbers, no score computed (those a full evaluation
        already has are reused)."""
        got = self._ids.get(node)
        if got is None:
            full = self._leaf.get(node)
            got = self._ids[node] = full.ids if full is not None else self._ids_node(node)
        return got

    def in_window(self, node: Node, window: Window) -> Vec:
        """The documents matching `node` inside `window`, with their full scores."""
        return self._eval(node, window)

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

    # -- scores ---------------------------------------------------------------------------------
    def _eval(self, node: Node, window: Window | None = None) -> Vec:
        # Every node is kept for the request: the tiers and the word-level check share
        # whole subtrees (a term's group of variants and n-grams), not only leaves.
        key = node if window is None else (node, window.key)
        got = self._leaf.get(key)
        if got is None:
            got = self._leaf[key] = self._eval_node(node, window)
        return got

    def _eval_node(self, node: Node, window: Window | None) -> Vec:
        if isinstance(node, (Term, Phrase, Prefix)):
            return self._eval_leaf(node, window)
        if isinstance(node, Or):
            # summed longest list first, by the full lists' lengths even inside a window,
            # so that a window's sums are the very floats of the full evaluation
            kids = [(self._eval(c, window), self._size(c, window)) for c in node.children]
            return _or(kids, node.boost)
        if isinstance(node, And):
            return _and([self._eval(c, window) for c in node.children], node.boost)
        if isinstance(node, AndNot):
            pos = self._eval(node.positive, window)
            if not len(pos.ids):
                return EMPTY
            keep = ~member(pos.ids, self.ids(node.negative))
            return Vec(pos.ids[keep], pos.vals[keep])
        if isinstance(node, OnSide):
            v = self._eval(node.child, window)
            keep = member(v.ids, self.ids(node)) if window else self._side_mask(v.ids, node)
            return Vec(v.ids[keep], v.vals[keep])
        if isinstance(node, Every):
            ids = self.ids(node)
            ids = ids[window.holds(ids)] if window else ids
            return Vec(ids, np.full(len(ids), node.boost, dtype=np.float64))
        raise TypeError(f"not a query node: {node!r}")

    def _size(self, node: Node, window: Window | None) -> int:
        """How many documents `node` matches in all (its place in an OR's sum)."""
        return len(self._eval(node).ids) if window is None else len(self.ids(node))

    def _eval_leaf(self, node: Term | Phrase | Prefix, window: Window | None) -> Vec:
        if isinstance(node, Term):
            return self._term(node.field, node.text, node.boost, window)
        if isinstance(node, Phrase):
            return self._phrase(node, window)
        words = self.index.prefix_terms(node.field, node.prefix, node.limit)
        kids = [
            (self._term(node.field, w, 1.0, window), self.postings(node.field, w)) for w in words
        ]
        return _or([(v, len(p.ids)) for v, p in kids], node.boost)

    def _restrict(self, v: Vec, allowed: set[int] | None) -> Vec:
        if allowed is None:
            return v
        keep = self._allowed_mask(v.ids, allowed)
        return Vec(v.ids[keep], v.vals[keep])

    def _allowed_mask(self, ids: np.ndarray, allowed: set[int]) -> np.ndarray:
        if self._allowed is None or self._allowed[0] != id(allowed):
            self._allowed = (id(allowed), np.sort(np.fromiter(allowed, dtype=np.int64)))
        return member(ids, self._allowed[1])

    def _term(self, field: str, text: str, boost: float = 1.0, window: Window | None = None) -> Vec:
        p = self.postings(field, text)
        if not len(p.ids):
            return EMPTY
        at = None if window is None else window.select(p.ids)
        ids = p.ids.astype(np.int64, copy=False) if at is None else p.ids[at].astype(np.int64)
        part = self.stats.tf_part(field, p, at)
        if self.stats.norm_array(field) is not None:  # an unscored field scores the weight
            part = idf(self.stats.doc_count, p.df) * part
        return Vec(ids, part * boost if boost != 1.0 else part)

    def _phrase(self, node: Phrase, window: Window | None = None) -> Vec:
        """Documents where the words sit at consecutive positions, scored like Whoosh's
        (the sum of the words' term scores, times the boost)."""
        docs = self.ids(node)
        if window is not None:
            docs = docs[window.holds(docs)]
        if not len(docs):
            return EMPTY
        total = np.zeros(len(docs), dtype=np.float64)
        for w in node.words:
            p = self.postings(node.field, w)
            part = self.stats.tf_part(node.field, p, positions(p.ids, docs))
            total = total + idf(self.stats.doc_count, p.df) * part
        return Vec(docs, total * node.boost if node.boost != 1.0 else total)

    # -- documents ------------------------------------------------------------------------------
    def _ids_node(self, node: Node) -> np.ndarray:
        if isinstance(node, Term):
            return self.postings(node.field, node.text).ids.astype(np.int64, copy=False)
        if isinstance(node, Phrase):
            find = lambda: self._phrase_docs(node.field, node.words, node.checked)  # noqa: E731
            key = (node.field, node.words, node.checked)  # not the boost: same documents
            return self.stats.phrase_docs(key, find) if self.kept else find()
        if isinstance(node, Prefix):
            words = self.index.prefix_terms(node.field, node.prefix, node.limit)
            return _union([self.postings(node.field, w).ids for w in words])
        if isinstance(node, Or):
            return _union([self.ids(c) for c in node.children])
        if isinstance(node, And):
            kids = [self.ids(c) for c in node.children]
            return intersect(kids) if kids and all(len(k) for k in kids) else EMPTY.ids
        if isinstance(node, AndNot):
            pos = self.ids(node.positive)
            return pos[~member(pos, self.ids(node.negative))] if len(pos) else pos
        if isinstance(node, OnSide):
            ids = self.ids(node.child)
            return ids[self._side_mask(ids, node)]
        if isinstance(node, Every):
            return np.fromiter(self.index.all_docs(), dtype=np.int64)
        raise TypeError(f"not a query node: {node!r}")

    def _phrase_docs(
        self, field: str, words: tuple[str, ...], checked: tuple[int, ...]
    ) -> np.ndarray:
        """Documents where `words` sit at consecutive positions; only the `checked` words'
        positions are read (all when empty: see `Phrase`)."""
        if not all(self._has(field, w) for w in words):  # before reading any list
            return EMPTY.ids
        lists = [self.postings(field, w) for w in words]
        if self.stats.norm_array(field) is None or not all(len(p.ids) for p in lists):
            return EMPTY.ids
        docs = intersect([p.ids for p in lists])
        if not len(docs):
            return EMPTY.ids
        at = checked or tuple(range(len(words)))
        return consecutive([self.postings(field, words[i], positions=True) for i in at], at, docs)

    def _side_mask(self, ids: np.ndarray, node: OnSide) -> np.ndarray:
        return np.fromiter(
            (self._side_has(n, node.side, node.runs) for n in ids.tolist()),
            dtype=bool,
            count=len(ids),
        )

    def _side_has(self, n: int, side: str, runs: tuple[str, ...]) -> bool:
        key = ngrams.gram_key(self.index.view(n)[f"{side}_text"] or "")
        return all(run in key for run in runs)

    def _has(self, field: str, text: str) -> bool:
        if (field, text) in self._postings:
            return bool(len(self._postings[field, text].ids))
        return self.index.has_term(field, text)


def _union(lists: list[np.ndarray]) -> np.ndarray:
    """The distinct document numbers of `lists`, ascending (`_sum_by_doc` without sums)."""
    lists = [ids for ids in lists if len(ids)]
    if not lists:
        return EMPTY.ids
    if len(lists) == 1:
        return lists[0].astype(np.int64, copy=False)
    ids = np.concatenate(lists).astype(np.int64, copy=False)
    span = int(ids.max()) + 1
    if len(ids) * DENSE >= span:
        present = np.zeros(span, dtype=bool)
        present[ids] = True
        return np.flatnonzero(present)
    return np.unique(ids)


def _or(kids: list[tuple[Vec, int]], boost: float) -> Vec:
    """The union, each document's scores summed in the children's order (longest first:
    `kids` pairs each child's scores with its full length)."""
    parts = [
        v for v, _ in sorted((k for k in kids if len(k[0].ids)), key=lambda k: k[1], reverse=True)
    ]
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
