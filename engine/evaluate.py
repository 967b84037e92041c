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

The tree is made of the frozen nodes of `engine.tree`. Nothing is cached across requests
except what decodes the open index itself (field lengths, columns), built once per
generation by `engine.scoring.IndexStats`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import compress

from engine.port import Index, Postings
from engine.scoring import K1, IndexStats, idf
from engine.tree import And, AndNot, Every, Node, Or, Phrase, Prefix, Term

Scores = dict[int, float]


class Evaluator:
    """Evaluates query trees for one request over one (thread-owned) backend index.

    Postings and leaf scores read during the request are kept for its other tiers (the
    strict AND and the relaxed OR share their leaves); nothing outlives the request.
    """

    def __init__(self, index: Index, stats: IndexStats):
        self.index = index
        self.stats = stats
        self._postings: dict[tuple[str, str], Postings] = {}
        self._leaf: dict[Node, Scores] = {}
        self._adjacent: dict[tuple[Hashable, ...], bool] = {}

    # -- public ---------------------------------------------------------------------------------
    def scores(self, node: Node, allowed: set[int] | None = None) -> Scores:
        """`{docnum: score}` of every document matching `node` (and in `allowed`)."""
        out = self._eval(node)
        if allowed is not None:
            return {n: s for n, s in out.items() if n in allowed}
        return dict(out) if out is self._leaf.get(node) else out  # callers may change it

    def docs(self, node: Node) -> set[int]:
        """The documents matching `node`."""
        return set(self._eval(node))

    def filter(self, **values: str | None) -> set[int] | None:
        """Documents whose ID fields equal every given value (None: no filter)."""
        found: set[int] | None = None
        for name, value in values.items():
            if value:
                ids = set(self.postings(name, value)[0])
                found = ids if found is None else found & ids
        return found

    def postings(self, field: str, text: str, positions: bool = False) -> Postings:
        """(docnums, weights, encoded values, doc frequency) of a term, read once.

        Positions cost more to decode than the rest of a posting list together: a Term
        leaf never asks for them, and they are read (once) only when a phrase needs
        them; until then the values list is empty.
        """
        key = (field, text)
        got = self._postings.get(key)
        if got is None or (positions and got[0] and not got[2]):
            got = self._postings[key] = self.index.postings(field, text, positions)
        return got

    # -- nodes ------------------------------------------------------------------------------------
    def _eval(self, node: Node) -> Scores:
        if isinstance(node, (Term, Phrase, Prefix)):
            got = self._leaf.get(node)
            if got is None:
                got = self._leaf[node] = self._eval_leaf(node)
            return got
        if isinstance(node, Or):
            return self._or([self._eval(c) for c in node.children], node.boost)
        if isinstance(node, And):
            return self._and([self._eval(c) for c in node.children], node.boost)
        if isinstance(node, AndNot):
            pos = self._eval(node.positive)
            neg = self._eval(node.negative) if pos else {}
            return {n: s for n, s in pos.items() if n not in neg}  # a new dict, always
        if isinstance(node, Every):
            return dict.fromkeys(self._all_docs(), node.boost)
        raise TypeError(f"not a query node: {node!r}")

    def _eval_leaf(self, node: Term | Phrase | Prefix) -> Scores:
        if isinstance(node, Term):
            return self._term(node.field, node.text, node.boost)
        if isinstance(node, Phrase):
            return self._phrase(node.field, node.words, node.boost)
        words = self.index.prefix_terms(node.field, node.prefix, node.limit)
        return self._or([self._term(node.field, w) for w in words], node.boost)

    @staticmethod
    def _or(parts: list[Scores], boost: float) -> Scores:
        parts = [p for p in parts if p]
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        out = dict(parts[0])
        get = out.get
        for p in parts[1:]:
            for n, s in p.items():
                out[n] = get(n, 0.0) + s
        if boost != 1.0:
            out = {n: s * boost for n, s in out.items()}
        return out

    @staticmethod
    def _and(parts: list[Scores], boost: float) -> Scores:
        if not parts or not all(parts):
            return {}
        keep = set(min(parts, key=len))
        for p in parts:
            keep.intersection_update(p.keys())
            if not keep:
                return {}
        out = {}
        for n in keep:
            s = 0.0
            for p in parts:
                s += p[n]
            out[n] = s * boost if boost != 1.0 else s
        return out

    def _term(self, field: str, text: str, boost: float = 1.0) -> Scores:
        ids, weights, _, df = self.postings(field, text)
        if not ids:
            return {}
        norm = self.stats.norm.get(field)
        if norm is None:  # an unscored field (ID): Whoosh scores the weight
            return {n: w * boost for n, w in zip(ids, weights, strict=True)}
        w = idf(self.stats.doc_count, df)
        k = K1 + 1
        if boost == 1.0:
            return {n: w * ((tf * k) / (tf + norm[n])) for n, tf in zip(ids, weights, strict=True)}
        return {
            n: w * ((tf * k) / (tf + norm[n])) * boost for n, tf in zip(ids, weights, strict=True)
        }

    def _phrase(self, field: str, words: tuple[str, ...], boost: float) -> Scores:
        """Documents where `words` sit at consecutive positions, scored like Whoosh's."""
        if not all(self._has(field, w) for w in words):  # before reading any list
            return {}
        lists = [self.postings(field, w, positions=True) for w in words]
        if not all(p[0] for p in lists):
            return {}
        keep = _candidates(lists)
        if not keep:
            return {}
        norm = self.stats.norm.get(field)
        if norm is None:
            return {}
        # Every list restricted to the candidates is in the same (docnum) order, so the
        # restricted columns line up; all of this runs in comprehensions.
        docs = sorted(keep)
        masks = [[n in keep for n in p[0]] for p in lists]
        oks = self._adjacency(lists, masks)
        if not any(oks):
            return {}
        sums = self._phrase_sums(lists, masks, docs, norm)
        if boost != 1.0:
            return {n: s * boost for n, s, ok in zip(docs, sums, oks, strict=True) if ok}
        return {n: s for n, s, ok in zip(docs, sums, oks, strict=True) if ok}

    def _adjacency(self, lists: list[Postings], masks: list[list[bool]]) -> list[bool]:
        """Per candidate document, whether the phrase's words are adjacent there.

        Position lists are short and repeat across documents: decide each distinct
        combination of encoded values once (per request).
        """
        seen = self._adjacent
        oks = []
        columns = [compress(p[2], m) for p, m in zip(lists, masks, strict=True)]
        for key in zip(*columns, strict=True):
            ok = seen.get(key)
            if ok is None:
                ok = seen[key] = _adjacent([self.index.positions(v) for v in key])
            oks.append(ok)
        return oks

    def _phrase_sums(
        self, lists: list[Postings], masks: list[list[bool]], docs: list[int], norm: list[float]
    ) -> list[float]:
        """Per candidate document, the sum of the phrase's words' BM25F term scores."""
        k = K1 + 1
        per_word = []
        for p, m in zip(lists, masks, strict=True):
            w = idf(self.stats.doc_count, p[3])
            per_word.append(
                [
                    w * ((tf * k) / (tf + norm[n]))
                    for n, tf in zip(docs, compress(p[1], m), strict=True)
                ]
            )
        return [sum(t) for t in zip(*per_word, strict=True)]

    def _all_docs(self) -> Iterable[int]:
        return self.index.all_docs()

    def _has(self, field: str, text: str) -> bool:
        if (field, text) in self._postings:
            return bool(self._postings[field, text][0])
        return self.index.has_term(field, text)


def _candidates(lists: list[Postings]) -> set[int]:
    """Documents with every word of a phrase, starting from the rarest (empty if none)."""
    keep = set(min((p[0] for p in lists), key=len))
    for p in lists:
        keep.intersection_update(p[0])
        if not keep:
            break
    return keep


def _adjacent(positions: list[list[int]]) -> bool:
    """Whether word i occurs at p + i for some p, given each word's positions."""
    starts = set(positions[0])
    for i in range(1, len(positions)):
        starts &= {p - i for p in positions[i]}
        if not starts:
            return False
    return True
