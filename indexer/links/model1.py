"""IBM Model 1 over all pairs, one direction, vectorised with numpy and seeded by priors.

Model 1 explains each target word of a pair by one source word (or by nothing, NULL)
with a translation table t(target | source) learned by EM over the pairs it is given
(each document's own, `documents`, or the whole corpus's). On a
small corpus most words are rare, so the evidence of `priors` multiplies the posterior
of its cells at every step: once frequent words and evidenced cells explain most of a
pair, a word seen once aligns to what is left.

A pair's cells form a block, target-major: one row of NULL plus every source word per
target word. The cells are not kept: 9.5 million a direction at 18,800 clause pairs, and
32 bytes each plus the posteriors took 2 GB, 10× that at 188,000. Only the words of each
pair, the cells evidence boosts (a few per pair) and, while training, the table entry of
each cell (4 bytes) are; the rest is made `CHUNK` cells at a time, so one EM step is a
handful of `bincount` calls per chunk. Posteriors are computed per pair when decoded.
Time and memory are linear in the corpus, and the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

ITERATIONS = 5
NULL_BOOST = 0.2  # NULL explains a word only when no source word does: it co-occurs with all
CHUNK = 4_000_000  # cells of one EM step at once (about 130 MB of temporaries)
# Cells at once where the chunking changes no result (the keys, the posteriors): the EM
# counts are summed chunk by chunk, so their chunks stay `CHUNK` (the same float sums,
# the same links), but a posterior is a pair's own and a key is a key.
SMALL_CHUNK = 1_000_000

Boost = Mapping[tuple[int, int], float]  # (target word, source word) of a pair -> multiplier


@dataclass
class Corpus:
    """The pairs of one direction: word ids per pair and the boosted cells."""

    src: np.ndarray  # source word ids of every pair, concatenated (ids ≥ 1; 0 is NULL)
    tgt: np.ndarray  # target word ids of every pair, concatenated
    src_first: np.ndarray  # where each pair's source words start in `src` (+ one at the end)
    tgt_first: np.ndarray  # the same for `tgt`
    cell_first: np.ndarray  # where each pair's block starts among all cells (+ the total)
    boosted: np.ndarray  # global cell number of each boosted cell, ascending
    boost: np.ndarray  # its multiplier

    def __len__(self) -> int:
        return len(self.src_first) - 1


@dataclass
class Table:
    """The learned t(target | source), by key `source * width + target`, keys ascending."""

    keys: np.ndarray
    t: np.ndarray
    width: int

    @property
    def size(self) -> int:
        return len(self.keys)


def flatten(
    sources: Sequence[Sequence[int]], targets: Sequence[Sequence[int]], boosts: Iterable[Boost]
) -> Corpus:
    """The corpus of one direction; `boosts[p]` multiplies the posterior of cells of pair
    `p` (cells it does not name keep 1)."""
    pair, tgt, src, weight = [], [], [], []
    for p, b in enumerate(boosts):
        for (k, i), w in b.items():
            pair.append(p)
            tgt.append(k)
            src.append(i)
            weight.append(w)
    return flatten_cells(sources, targets, *map(np.array, (pair, tgt, src)), np.array(weight))


def flatten_cells(
    sources: Sequence[Sequence[int]],
    targets: Sequence[Sequence[int]],
    pair: np.ndarray,
    tgt: np.ndarray,
    src: np.ndarray,
    weight: np.ndarray,
) -> Corpus:
    """`flatten` with the boosted cells as flat arrays (pair, target word, source word,
    multiplier; each cell once): no mapping per pair to make and sort."""
    src_first = _firsts([len(s) for s in sources])
    tgt_first = _firsts([len(t) for t in targets])
    sizes = np.diff(tgt_first) * (np.diff(src_first) + 1)
    cell_first = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=cell_first[1:])
    pair = pair.astype(np.int64)
    cells = cell_first[pair] + tgt * (np.diff(src_first)[pair] + 1) + src + 1
    order = np.argsort(cells, kind="stable")
    return Corpus(
        np.array([w for s in sources for w in s], dtype=np.int64),
        np.array([w for t in targets for w in t], dtype=np.int64),
        src_first, tgt_first, cell_first,
        cells[order].astype(np.int64), weight[order].astype(np.float64),
    )  # fmt: skip


def train(c: Corpus, iterations: int = ITERATIONS) -> Table:
    """The translation table after EM."""
    width = int(c.tgt.max(initial=0)) + 1
    keys, inv = _index(c, width)
    if len(keys) == 0:
        return Table(keys, np.zeros(0), width)
    key_src = keys // width
    t = np.ones(len(keys))
    for _ in range(iterations):
        counts = np.zeros(len(keys))
        for a, b in _bounds(c):
            _, boost, row = _cells(c, width, a, b, keys=False)
            cells = inv[c.cell_first[a] : c.cell_first[b]]
            w = t[cells]  # w = t * boost, then w / its row's sum: in place, same values
            w *= boost
            del boost
            w /= np.bincount(row, weights=w)[row]
            del row
            counts += np.bincount(cells, weights=w, minlength=len(keys))
            del w
        total = np.bincount(key_src, weights=counts)
        t = counts / total[key_src]
    return Table(keys, t, width)


def _index(c: Corpus, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct cell keys, ascending, and the place of each cell's key among them.

    One pass over the cells: each chunk's keys are sorted once (sorting, not
    `np.unique`: its hash table took 20 s for 8M), which gives both the chunk's distinct
    keys and each cell's rank among them; once all chunks are seen, ranks become places."""
    inv = np.empty(int(c.cell_first[-1]), dtype=np.int32)
    chunks: list[tuple[int, int, np.ndarray]] = []  # cells lo..hi, their distinct keys
    for a, b in _bounds(c, SMALL_CHUNK):
        lo, hi = int(c.cell_first[a]), int(c.cell_first[b])
        if lo == hi:
            continue
        order, ordered = _argsort(_cells(c, width, a, b)[0])
        new = np.empty(len(ordered), dtype=bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
        inv[lo + order] = np.cumsum(new) - 1
        chunks.append((lo, hi, ordered[new]))
        del order, ordered, new
    keys = np.zeros(0, dtype=np.int64)
    if chunks:
        keys = _distinct(np.concatenate([k for _, _, k in chunks]))
    for lo, hi, distinct in chunks:
        inv[lo:hi] = np.searchsorted(keys, distinct).astype(np.int32)[inv[lo:hi]]
    return keys, inv


def posteriors(c: Corpus, table: Table) -> Iterator[np.ndarray]:
    """The posterior matrix of each pair in order: (target words, NULL + source words)."""
    for a, b in _bounds(c, SMALL_CHUNK):
        key, boost, row = _cells(c, table.width, a, b)
        post = np.zeros(0)
        if len(table.keys):
            post = table.t[_inverse(table.keys, key)]
            post *= boost
            post /= np.bincount(row, weights=post)[row]
        del key, boost, row  # the caller holds this generator while it decodes
        base = c.cell_first[a]
        for p in range(a, b):
            n = int(c.tgt_first[p + 1] - c.tgt_first[p])
            m1 = int(c.src_first[p + 1] - c.src_first[p]) + 1
            yield post[c.cell_first[p] - base : c.cell_first[p + 1] - base].reshape(n, m1)


def _distinct(keys: np.ndarray) -> np.ndarray:
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _inverse(keys: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Where each of `found` is in `keys` (sorted first: a random search of a large table
    missed the cache at every step, 17 s for 8M)."""
    order, ordered = _argsort(found)
    out = np.empty(len(found), dtype=np.int32)
    out[order] = np.searchsorted(keys, ordered)
    return out


def _argsort(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An order that sorts `found` (non-negative), and `found` in it. Each value carries
    its position in its low bits and the values are sorted, not arg-sorted: numpy's
    value sort is vectorised, its argsort is not (0.14 s against 0.86 s for 4M). Ties
    may come in any order: callers only look values up."""
    shift = max(len(found) - 1, 1).bit_length()
    if not len(found) or int(found.max()).bit_length() + shift > 62:
        order = np.argsort(found)
        return order, found[order]
    packed = np.sort((found << shift) | np.arange(len(found), dtype=np.int64))
    return packed & ((1 << shift) - 1), packed >> shift


def _firsts(lengths: list[int]) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def _bounds(c: Corpus, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """Pair ranges of about `size` cells (a pair bigger than that alone)."""
    p = 0
    while p < len(c):
        q = max(p + 1, int(np.searchsorted(c.cell_first, c.cell_first[p] + size, "right")) - 1)
        yield p, min(q, len(c))
        p = q


def _cells(
    c: Corpus, width: int, a: int, b: int, keys: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells of pairs a..b-1: key (source * width + target), boost, row (target word,
    counted from the chunk's first). Made from per-row arrays by `repeat` (a row is one
    target word, its cells run over NULL and the pair's source words in order): fewer
    cell-sized temporaries than indexing cell by cell."""
    m1 = np.diff(c.src_first[a : b + 1]) + 1  # row length per pair
    n = np.diff(c.tgt_first[a : b + 1])  # rows per pair
    row_len = np.repeat(m1, n)
    starts = np.cumsum(row_len) - row_len  # where each row starts among the chunk's cells
    total = int(row_len.sum())
    row = np.repeat(np.arange(len(row_len)), row_len)
    boost = np.ones(total)
    boost[starts] = NULL_BOOST  # column 0: NULL
    lo, hi = int(c.cell_first[a]), int(c.cell_first[b])
    i, j = np.searchsorted(c.boosted, lo), np.searchsorted(c.boosted, hi)
    boost[c.boosted[i:j] - lo] = c.boost[i:j]
    if not keys:
        return np.zeros(0, np.int64), boost, row
    # cell `starts[r] + col` of row r reads source word src_first[pair] + col - 1
    at = np.repeat(np.repeat(c.src_first[a:b], n) - 1 - starts, row_len)
    at += np.arange(total)
    at[starts] = 0  # column 0 (NULL): any valid place, overwritten below
    src = c.src[at] if len(c.src) else np.zeros(total, dtype=np.int64)
    del at
    src[starts] = 0  # NULL
    src *= width
    src += np.repeat(c.tgt[c.tgt_first[a] : c.tgt_first[b]], row_len)
    return src, boost, row
