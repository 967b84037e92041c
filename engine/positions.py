"""Phrase positions: the documents where a phrase's words sit at consecutive positions.

A phrase matches a document where some start has each word `i` at `start + i`. The
compiled matcher (`engine._phrase`, built by `make install`) merges each word's positions
with the candidates; the numpy code intersects `document << SHIFT | position − offset`
codes, for arrays of other types and a tree nobody installed. Both find the same
documents (tests/engine/test_phrase_kernel.py).
"""

from __future__ import annotations

import numpy as np

from engine.docsets import common, find
from engine.port import Postings

try:  # phrase matching compiled by `make install` (setup.py); the numpy code otherwise
    from engine import _phrase as compiled
except ImportError:  # pragma: no cover - a source tree nobody installed
    compiled = None

SHIFT = 32  # a (document, position) pair as one int64: document << SHIFT | position


def consecutive(lists: list[Postings], offsets: tuple[int, ...], docs: np.ndarray) -> np.ndarray:
    """The documents of `docs` (ascending, in every list) where each list's word sits at
    one start + its offset, for some start: the phrase's matches. Compiled when the
    module is built for these arrays' types (`engine._phrase`), else in numpy."""
    if compiled is not None and all(compiled_types(p) for p in lists):
        cand: tuple[np.ndarray, np.ndarray] | None = None
        # from the word with the fewest positions: the fewest candidates to follow
        order = sorted(zip(lists, offsets, strict=True), key=lambda x: len(x[0].pos))
        for p, offset in order:
            if cand is None:
                cand = compiled.starts(docs, p.ids, p.pos_first, p.pos, offset)
            else:
                cand = compiled.follow(cand[0], cand[1], p.ids, p.pos_first, p.pos, offset)
            if not len(cand[0]):
                return cand[0]
        assert cand is not None
        return _distinct(cand[0])
    return consecutive_numpy(lists, offsets, docs)


def consecutive_numpy(
    lists: list[Postings], offsets: tuple[int, ...], docs: np.ndarray
) -> np.ndarray:
    """`consecutive` in numpy: the lists' (document, position − offset) codes intersected."""
    starts: np.ndarray | None = None
    for p, offset in zip(lists, offsets, strict=True):
        found = codes(p, docs, offset)
        starts = found if starts is None else common(starts, found)
        if not len(starts):
            return starts
    assert starts is not None
    return _distinct(starts >> SHIFT)  # ascending: the codes are sorted


def _distinct(ascending: np.ndarray) -> np.ndarray:
    return ascending[np.concatenate(([True], ascending[1:] != ascending[:-1]))]


# the array types `engine._phrase` is built for: ids, pos_first, pos
_COMPILED = (
    frozenset({np.dtype(np.int32), np.dtype(np.int64)}),
    frozenset({np.dtype(np.uint32), np.dtype(np.uint64), np.dtype(np.int64)}),
    frozenset({np.dtype(t) for t in (np.uint16, np.uint32, np.int32, np.int64)}),
)


def compiled_types(p: Postings) -> bool:
    return (
        p.pos is not None
        and p.pos_first is not None
        and all(
            a.dtype in kinds
            for a, kinds in zip((p.ids, p.pos_first, p.pos), _COMPILED, strict=True)
        )
    )


def codes(p: Postings, docs: np.ndarray, offset: int) -> np.ndarray:
    """`document << SHIFT | position − offset` of `p`'s positions in `docs` (a subset of
    `p.ids`), ascending: documents ascend and so do positions within each."""
    assert p.pos is not None and p.pos_first is not None
    at = find(p.ids, docs)
    # widened: an index may keep offsets as uint32 (`storage.postings_file.narrowest`)
    starts = p.pos_first[at].astype(np.int64)
    ends = p.pos_first[at + 1].astype(np.int64)
    counts = ends - starts
    # the concatenated ranges starts[k]:ends[k], without a Python loop
    flat = np.arange(counts.sum()) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
    owner = np.repeat(docs, counts)
    where = p.pos[flat].astype(np.int64) - offset
    ok = where >= 0
    return (owner[ok] << SHIFT) | where[ok]
