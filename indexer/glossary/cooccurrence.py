"""Joint counts of (zh, ja) n-grams over the pairs, counted in numpy, kept only where useful.

Every recurring Chinese n-gram of a pair co-occurs with every recurring Japanese one, so
the (zh, ja) combinations grow with the square of a pair's length and with the vocabulary:
a `Counter` of string tuples held 2.7 million of them at 18,800 clause pairs (72% seen
once), and 10× as many at 188,000. Here the combinations are generated as integer
keys a slice of the Chinese vocabulary at a time (`SLICE` keys at most in memory), counted
with a sort, and only the ones association can use are kept: seen in at least
`min_count` pairs and either Dice ≥ `min_dice` or the same folded form (`_rank` ranks
nothing else).

The order of the result is the order in which a `Counter` over the pairs would have first
seen each combination, and `first` gives the order in which each n-gram was first part of
a recurring combination: association breaks ties by that order, so the glossary is the
one the `Counter` gave, to the byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SLICE = 1_000_000  # (zh, ja) combinations generated and sorted at once


@dataclass
class Joint:
    """The useful joint counts, in first-seen order, and when each n-gram first recurred."""

    entries: list[tuple[str, str, int]] = field(default_factory=list)  # (zh, ja, pairs)
    first: dict[str, list[str]] = field(default_factory=dict)  # lang -> n-grams, first-seen


@dataclass
class Flat:
    """One language's n-grams of every pair, end to end, as vocabulary ids."""

    names: list[str]  # id -> surface
    ids: np.ndarray  # each pair's distinct n-gram ids, in the pair's order, pairs in order
    ptr: np.ndarray  # where each pair's ids start (one more than pairs)
    df: np.ndarray  # id -> pairs it occurs in
    fold: np.ndarray  # id -> id of its folded form (shared by both languages)


@dataclass
class _Side:
    """The recurring n-grams of one language as ids, per pair (CSR: `ptr` into `ids`)."""

    names: list[str]
    ids: np.ndarray  # n-gram id of each (pair, n-gram) occurrence, pairs in order
    pos: np.ndarray  # its place among the pair's n-grams (the Counter's product order)
    ptr: np.ndarray  # where each pair's occurrences start (one more than pairs)
    pair: np.ndarray  # the pair of each occurrence
    df: np.ndarray  # pairs each n-gram occurs in
    fold: np.ndarray  # id of its folded form (shared by both languages)


def joint_counts(
    zh_grams: Flat, ja_grams: Flat, min_count: int, min_dice: float, slice_size: int = SLICE
) -> Joint:
    """(zh, ja, pairs) for the combinations seen in ≥ `min_count` pairs that Dice or
    folding can rank."""
    zh = _side(zh_grams, min_count)
    ja = _side(ja_grams, min_count)
    n_ja = max(1, len(ja.names))
    width = int(ja.pos.max(initial=0)) + 1
    zh_width = int(zh.pos.max(initial=0)) + 1
    per_z = np.zeros(len(zh.names), dtype=np.int64)  # combinations each zh n-gram makes
    np.add.at(per_z, zh.ids, np.repeat(np.diff(ja.ptr), np.diff(zh.ptr)))
    keys, counts, firsts = [], [], []
    first = {"zh": np.full(len(zh.names), -1, np.int64), "ja": np.full(n_ja, -1, np.int64)}
    for lo, hi in _slices(per_z, slice_size):
        k, c, f = _count_slice(zh, ja, lo, hi, width, zh_width)
        keep = c >= min_count
        k, c, f = k[keep], c[keep], f[keep]
        for lang, ids in (("zh", k // n_ja), ("ja", k % n_ja)):
            _earliest(first[lang], ids, f)
        z, j = k // n_ja, k % n_ja
        dice = 2 * c / (zh.df[z] + ja.df[j])
        useful = (dice >= min_dice) | (zh.fold[z] == ja.fold[j])
        keys.append(k[useful])
        counts.append(c[useful])
        firsts.append(f[useful])
    k, c, f = (np.concatenate(x) if x else np.zeros(0, np.int64) for x in (keys, counts, firsts))
    order = np.argsort(f, kind="stable")
    out = Joint()
    out.entries = [
        (zh.names[a], ja.names[b], n)
        for a, b, n in zip(
            (k[order] // n_ja).tolist(), (k[order] % n_ja).tolist(), c[order].tolist(), strict=True
        )
    ]
    for lang, side in (("zh", zh), ("ja", ja)):
        seen = np.flatnonzero(first[lang] >= 0)
        seen = seen[np.argsort(first[lang][seen], kind="stable")]
        out.first[lang] = [side.names[i] for i in seen.tolist()]
    return out


def _side(grams: Flat, min_count: int) -> _Side:
    """The recurring n-grams of one language, renumbered, with their occurrences."""
    recurring = grams.df >= min_count
    renumber = np.cumsum(recurring) - 1
    n_pairs = len(grams.ptr) - 1
    pair = np.repeat(np.arange(n_pairs), np.diff(grams.ptr))
    pos = np.arange(len(grams.ids)) - grams.ptr[pair]
    mine = recurring[grams.ids]
    pair = pair[mine]
    kept = np.flatnonzero(recurring)
    return _Side(
        [grams.names[i] for i in kept.tolist()],
        renumber[grams.ids[mine]],
        pos[mine],
        np.r_[0, np.cumsum(np.bincount(pair, minlength=n_pairs))],
        pair,
        grams.df[kept],
        grams.fold[kept],
    )


def _slices(per_z: np.ndarray, size: int) -> list[tuple[int, int]]:
    """Ranges of zh ids whose combinations number about `size` (one id may exceed it)."""
    cum = np.cumsum(per_z)
    out, lo = [], 0
    while lo < len(per_z):
        base = cum[lo - 1] if lo else 0
        hi = max(lo + 1, int(np.searchsorted(cum, base + size, side="right")))
        out.append((lo, hi))
        lo = hi
    return out


def _count_slice(
    zh: _Side, ja: _Side, lo: int, hi: int, width: int, zh_width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, pairs, first position) of the combinations of zh ids in [lo, hi)."""
    mine = (zh.ids >= lo) & (zh.ids < hi)
    pair_of = zh.pair[mine]
    z_ids, z_pos = zh.ids[mine], zh.pos[mine]
    n_j = (ja.ptr[1:] - ja.ptr[:-1])[pair_of]  # combinations each zh occurrence makes
    total = int(n_j.sum())
    if total == 0:
        return (np.zeros(0, np.int64),) * 3
    rep = np.repeat(np.arange(len(z_ids)), n_j)
    within = np.arange(total) - np.repeat(np.cumsum(n_j) - n_j, n_j)
    j_at = ja.ptr[pair_of][rep] + within
    n_ja = max(1, len(ja.names))
    key = z_ids[rep] * n_ja + ja.ids[j_at]
    shift = total.bit_length()
    if ((hi - lo) * n_ja) << shift < 2**62:
        # Positions grow along the combinations as generated, so a key's first position
        # is that of its earliest combination: sort (key, index) packed in one integer,
        # which numpy sorts several times faster than it argsorts the keys.
        packed = np.sort(((key - lo * n_ja) << shift) | np.arange(total))
        key, at = (packed >> shift) + lo * n_ja, packed & ((1 << shift) - 1)
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        at, j_at = at[starts], j_at[at[starts]]
        first = (pair_of[rep[at]] * zh_width + z_pos[rep[at]]) * width + ja.pos[j_at]
        return key[starts], np.diff(np.r_[starts, len(key)]), first
    first = (pair_of[rep] * zh_width + z_pos[rep]) * width + ja.pos[j_at]
    order = np.argsort(key, kind="stable")
    key, first = key[order], first[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    counts = np.diff(np.r_[starts, len(key)])
    return key[starts], counts, np.minimum.reduceat(first, starts)


def _earliest(first: np.ndarray, ids: np.ndarray, pos: np.ndarray) -> None:
    """first[i] = the smallest of its value (−1: none yet) and every pos given for i."""
    if len(ids) == 0:
        return
    cur = np.where(first >= 0, first, np.iinfo(np.int64).max)
    np.minimum.at(cur, ids, pos)
    first[:] = np.where(cur == np.iinfo(np.int64).max, -1, cur)
