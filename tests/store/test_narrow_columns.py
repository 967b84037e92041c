"""Posting columns are stored in the narrowest type that holds them exactly.

A serving process keeps the posting lists a query mix reads resident, so the bytes per
posting are memory; the narrowing must never change a value (scores are compared with
Whoosh's own in `tests/engine/test_evaluator.py`)."""

from __future__ import annotations

import numpy as np

from storage.arrays import narrowest


def test_counts_and_positions_narrow_without_loss():
    tf = np.array([1.0, 3.0, 255.0], dtype=np.float32)
    assert narrowest(tf, (np.uint8, np.uint16)).dtype == np.uint8
    wide = np.array([1.0, 300.0], dtype=np.float32)
    assert narrowest(wide, (np.uint8, np.uint16)).dtype == np.uint16
    pos = np.array([0, 70_000], dtype=np.int32)
    assert narrowest(pos, (np.uint16,)) is pos  # too wide: kept as it was


def test_values_that_do_not_fit_exactly_keep_their_type():
    weights = np.array([1.0, 2.5], dtype=np.float32)  # a weight with a fraction
    assert narrowest(weights, (np.uint8,)).dtype == np.float32
    negative = np.array([-1, 2], dtype=np.int32)
    assert narrowest(negative, (np.uint16,)).dtype == np.int32
    for kind in (np.uint8, np.uint16):
        got = narrowest(np.array([2.0, 7.0], dtype=np.float32), (kind,))
        assert np.array_equal(got.astype(np.float64), [2.0, 7.0])
