"""Sets of document numbers as sorted numpy arrays: intersection, membership, lookup.

Every node of a query evaluates to sorted arrays of document numbers (`engine.evaluate`);
these are the operations on them, chosen by what the arrays look like: a binary search
per value for a few values, a boolean mask over the document numbers for many (random-order
binary searches miss the cache at every step), never a sort of both sides as `np.isin`
and `np.intersect1d` do.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def intersect(lists: Iterable[np.ndarray]) -> np.ndarray:
    """Document numbers in every list (each ascending and unique), rarest first."""
    ordered = sorted(lists, key=len)
    out = ordered[0].astype(np.int64, copy=False)
    for ids in ordered[1:]:
        out = common(out, ids)
        if not len(out):
            break
    return out


def common(small: np.ndarray, large: np.ndarray) -> np.ndarray:
    """The values of `small` also in `large` (both ascending and unique): `member` over
    the shorter, not a sort of both as `np.intersect1d` does."""
    if len(small) > len(large):
        small, large = large, small
    return small[member(small, large)].astype(np.int64, copy=False)


def member(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `values` (any order) are in `ids` (ascending, unique): a binary search per
    value, not the sort of both that `np.isin` does."""
    if not len(ids) or not len(values):
        return np.zeros(len(values), dtype=bool)
    if _dense(values, ids):
        return _in_mask(values, ids)
    return lookup(ids, values)[1]


def lookup(ids: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `values` sits in `ids` (ascending, unique, not empty), and whether it
    is there at all (a position past the end is reported as 0, not found)."""
    at = find(ids, values)
    at[at == len(ids)] = 0
    return at, ids[at] == values


MASK_MIN = 1024  # values looked up, from which a mask beats binary searches (6-20x at 3,000)
MASK_SPAN = 64  # a mask no longer than this many times the values it answers for


def _dense(values: np.ndarray, ids: np.ndarray) -> bool:
    """Whether `_in_mask` is the cheaper way: many values, and ids (ascending, document
    numbers) whose largest is small enough for a mask that long (never for phrase codes,
    whose values are documents shifted by 32 bits)."""
    return len(values) >= MASK_MIN and int(ids[-1]) < MASK_SPAN * len(values)


def _in_mask(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `values` (non-negative, any order) are in `ids`, through a boolean mask
    over 0..max(ids): one pass over each array, where binary searches in random order
    miss the cache at every step."""
    span = int(ids[-1]) + 1
    mask = np.zeros(span, dtype=bool)
    mask[ids] = True
    out = np.zeros(len(values), dtype=bool)
    inside = values < span
    out[inside] = mask[values[inside]]
    return out


def positions(ids: np.ndarray, subset: np.ndarray) -> np.ndarray:
    """Where each of `subset` (ascending, every value in `ids`) sits in `ids` (ascending,
    unique): the scores of an intersection are read from each list at these places.

    A phrase or AND of frequent words keeps most of each list: then every place follows
    from one pass over a mask (`_in_mask`) or, when nothing was dropped, is the list's own
    index; a binary search per value, missing the cache at each step, is for a few."""
    if len(subset) == len(ids):
        return np.arange(len(ids))
    if len(subset) * SUBSET_MASK >= len(ids) and _dense(ids, subset):
        return np.flatnonzero(_in_mask(ids, subset))
    return find(ids, subset)


SUBSET_MASK = 4  # a subset at least this share of its list (1/4) is placed by a mask


def find(haystack: np.ndarray, needles: np.ndarray) -> np.ndarray:
    """Where `needles` go in the ascending `haystack`: the method, with the needles in the
    haystack's type (document numbers fit either): `np.searchsorted` would convert the
    whole haystack when the types differ, and its dispatch costs more than a short search."""
    return haystack.searchsorted(needles.astype(haystack.dtype, copy=False))
