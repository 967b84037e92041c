"""The compiled phrase matcher (`engine._phrase`) finds what the numpy code finds.

Users depend on a phrase query matching exactly the clauses whose words sit at
consecutive positions, whichever code runs; the compiled one is built by `make install`
and is what serves, so it must be there.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import docsets, positions
from engine.port import Postings

rng = np.random.default_rng(20261207)


def _postings(docs: int, words: int, ids_t, first_t, pos_t, every: float = 0.5) -> Postings:
    """A word's random posting list: documents, ascending positions per document (some
    repeated: words indexed at one position are alternatives there)."""
    ids = np.flatnonzero(rng.random(docs) < every)
    counts = rng.integers(1, 6, size=len(ids))
    pos = np.concatenate(
        [np.sort(rng.integers(0, words, size=c)) for c in counts] or [np.zeros(0, int)]
    )
    first = np.concatenate(([0], np.cumsum(counts)))
    return Postings(
        ids.astype(ids_t),
        counts.astype(np.uint8),
        len(ids),
        first.astype(first_t),
        pos.astype(pos_t),
    )


TYPES = [
    (np.int32, np.uint32, np.uint16),
    (np.int64, np.int64, np.int64),
    (np.int32, np.uint64, np.uint32),
    (np.int64, np.uint32, np.int32),
]


@pytest.mark.parametrize("types", TYPES)
@pytest.mark.parametrize("n_words", [2, 3, 5])
def test_compiled_and_numpy_find_the_same_documents(types, n_words: int) -> None:
    assert positions.compiled is not None  # `make install` builds it; the server uses it
    for _ in range(20):
        lists = [_postings(300, 12, *types, every=0.6) for _ in range(n_words)]
        docs = docsets.intersect([p.ids for p in lists])
        offsets = tuple(sorted(rng.choice(8, size=n_words, replace=False).tolist()))
        got = positions.consecutive(lists, offsets, docs)
        want = positions.consecutive_numpy(lists, offsets, docs)
        assert got.dtype == want.dtype == np.int64
        assert np.array_equal(got, want)


def test_a_phrase_matches_only_consecutive_positions() -> None:
    """中国 at 3 and 国际 at 4 in document 7; 国际 at 9 alone in document 8."""
    a = Postings(np.array([7, 8], np.int32), np.array([1, 1], np.uint8), 2,
                 np.array([0, 1, 2], np.uint32), np.array([3, 2], np.uint16))  # fmt: skip
    b = Postings(np.array([7, 8], np.int32), np.array([1, 1], np.uint8), 2,
                 np.array([0, 1, 2], np.uint32), np.array([4, 9], np.uint16))  # fmt: skip
    docs = np.array([7, 8], np.int64)
    assert positions.consecutive([a, b], (0, 1), docs).tolist() == [7]
    assert positions.consecutive_numpy([a, b], (0, 1), docs).tolist() == [7]
    assert positions.consecutive([b, a], (1, 0), docs).tolist() == [7]


def test_types_it_was_not_built_for_use_numpy() -> None:
    p = _postings(50, 6, np.int32, np.uint32, np.uint8)  # positions as bytes
    assert not positions.compiled_types(p)
    docs = p.ids.astype(np.int64)
    assert np.array_equal(
        positions.consecutive([p, p], (0, 1), docs),
        positions.consecutive_numpy([p, p], (0, 1), docs),
    )
