"""Set-at-a-time evaluation of an expanded query over a Whoosh index.

Whoosh's own matchers walk documents one at a time through trees of Python objects,
which costs tens of milliseconds per query on a corpus of some ten thousand clauses.
Here each leaf of the query reads its posting lists once, block by block, into a
`{docnum: score}` dict, and the inner nodes combine whole dicts: OR sums over the
union, AND sums over the intersection, NOT is a set difference. Whoosh still does the
storage, analysis and stored fields; the semantics are Whoosh's:

- a term scores BM25F exactly as `whoosh.scoring.BM25F` (idf `log(N / (df + 1)) + 1`,
  the field lengths Whoosh stores, their average over the index) times its boost;
- a phrase matches where its words sit at consecutive positions (what Whoosh's
  `Phrase` with its default slop 1 means), and scores the sum of its words' term scores
  times its boost, like Whoosh; words indexed at one position (Chinese index-mode
  sub-words, Japanese compound runs) are alternatives at that position;
- a compound's boost multiplies the sum of its children's scores.

The tree is made of the frozen nodes of `engine.tree`. Nothing is cached across requests
except what decodes the open index itself (field lengths, columns), built once per
generation by `engine.stats.IndexStats`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate, compress, islice
from math import log
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader

from engine.stats import K1, IndexStats
from engine.tree import And, AndNot, Every, Node, Or, Phrase, Prefix, Term

Postings = tuple[list[int], list[float], list[bytes], int]  # docnums, weights, values, df
Scores = dict[int, float]


class Evaluator:
    """Evaluates query trees for one request with one (thread-owned) reader.

    Postings and leaf scores read during the request are kept for its other tiers (the
    strict AND and the relaxed OR share their leaves); nothing outlives the request.
    """

    def __init__(self, reader: IndexReader, stats: IndexStats):
        self.reader = reader
        self.stats = stats
        self.leaves = reader.leaf_readers()
        self._postings: dict[tuple[str, str], Postings] = {}
        self._leaf: dict[Node, Scores] = {}
        self._adjacent: dict[tuple[bytes, ...], bool] = {}

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

        Positions are unpickled block by block and cost more than the rest of a posting
        list together: a Term leaf never asks for them, and they are read (once) only
        when a phrase needs them; until then the values list is empty.
        """
        key = (field, text)
        got = self._postings.get(key)
        if got is None or (positions and got[0] and not got[2]):
            got = self._postings[key] = self._read(field, text, positions)
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
        words = [
            t.decode("utf-8") if isinstance(t, bytes) else t
            for t in islice(self.reader.expand_prefix(node.field, node.prefix), node.limit)
        ]
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
        idf = log(self.stats.doc_count / (df + 1)) + 1
        k = K1 + 1
        if boost == 1.0:
            return {
                n: idf * ((tf * k) / (tf + norm[n])) for n, tf in zip(ids, weights, strict=True)
            }
        return {
            n: idf * ((tf * k) / (tf + norm[n])) * boost for n, tf in zip(ids, weights, strict=True)
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
                ok = seen[key] = _adjacent(key)
            oks.append(ok)
        return oks

    def _phrase_sums(
        self, lists: list[Postings], masks: list[list[bool]], docs: list[int], norm: list[float]
    ) -> list[float]:
        """Per candidate document, the sum of the phrase's words' BM25F term scores."""
        k = K1 + 1
        per_word = []
        for p, m in zip(lists, masks, strict=True):
            idf = log(self.stats.doc_count / (p[3] + 1)) + 1
            per_word.append(
                [
                    idf * ((tf * k) / (tf + norm[n]))
                    for n, tf in zip(docs, compress(p[1], m), strict=True)
                ]
            )
        return [sum(t) for t in zip(*per_word, strict=True)]

    def _all_docs(self) -> Iterable[int]:
        return self.reader.all_doc_ids()

    # -- reading postings -------------------------------------------------------------------------
    def _has(self, field: str, text: str) -> bool:
        if (field, text) in self._postings:
            return bool(self._postings[field, text][0])
        btext = text.encode("utf-8")
        return any((field, btext) in leaf for leaf, _ in self.leaves)

    def _read(self, field: str, text: str, positions: bool) -> Postings:
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        df = 0
        btext = text.encode("utf-8") if isinstance(text, str) else text
        for leaf, base in self.leaves:
            if (field, btext) not in leaf:
                continue
            df += leaf.doc_frequency(field, btext)
            m = leaf.postings(field, btext)
            if type(m) is W3LeafMatcher:
                _read_blocks(m, base, ids, weights, values if positions else None)
            else:  # inlined postings, or deletions filtered out: the generic matcher API
                while m.is_active():
                    ids.append(base + m.id())
                    weights.append(m.weight())
                    if positions:
                        values.append(m.value())
                    m.next()
        return ids, weights, values, df


def _read_blocks(
    m: W3LeafMatcher, base: int, ids: list[int], weights: list[float], values: list[Any] | None
) -> None:
    """Append a posting list block by block (one unpickle per block, no per-posting calls).

    Uses the block attributes of Whoosh 2.7's W3LeafMatcher (pinned in requirements.txt).
    """
    while m.is_active():
        m._read_data()
        raw = m._data[0]
        block = raw if m._byteids else accumulate(raw)  # what `_read_ids` delta-decodes
        if base:
            ids.extend([base + n for n in block])
        else:
            ids.extend(block)
        m._read_weights()
        weights.extend(m._weights)
        if values is not None:
            m._read_values()
            values.extend(m._values)
        m._next_block()


def _candidates(lists: list[Postings]) -> set[int]:
    """Documents with every word of a phrase, starting from the rarest (empty if none)."""
    keep = set(min((p[0] for p in lists), key=len))
    for p in lists:
        keep.intersection_update(p[0])
        if not keep:
            break
    return keep


def _adjacent(values: tuple[bytes, ...]) -> bool:
    """Whether word i occurs at p + i for some p, given each word's encoded positions."""
    starts = set(_positions(values[0]))
    for i in range(1, len(values)):
        starts &= {p - i for p in _positions(values[i])}
        if not starts:
            return False
    return True


def _positions(value: bytes) -> list[int]:
    """Positions from an encoded `Positions` value (as `Positions.decode_positions`)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))
