"""Model 1 and grow-diag-final-and on tiny synthetic corpora (word ids, no analyzers)."""

from __future__ import annotations

import numpy as np

from indexer.links import model1
from indexer.links.symmetrize import grow_diag_final_and


def train(src: list[list[int]], tgt: list[list[int]], boosts=None):
    c = model1.flatten(src, tgt, boosts or [{} for _ in src])
    table = model1.train(c, iterations=10)
    return list(model1.posteriors(c, table))


def best(post: np.ndarray) -> list[int]:
    """Best source position (0 = NULL, 1.. = words) of each target word."""
    return [int(i) for i in post.argmax(1)]


def test_em_learns_from_co_occurrence():
    # 1 ↔ 11 in every pair; 2 ↔ 12 and 3 ↔ 13 once each: what is left explains them.
    src = [[1, 2], [1, 3], [1, 2, 3]]
    tgt = [[11, 12], [13, 11], [12, 13, 11]]
    posts = train(src, tgt)
    assert best(posts[0]) == [1, 2]
    assert best(posts[1]) == [2, 1]
    assert best(posts[2]) == [2, 3, 1]


def test_posteriors_are_distributions_and_deterministic():
    src, tgt = [[1, 2, 3], [2, 4]], [[5, 6], [6, 7, 8]]
    a, b = train(src, tgt), train(src, tgt)
    for p, q in zip(a, b, strict=True):
        assert np.allclose(p.sum(1), 1.0)
        assert np.array_equal(p, q)


def test_a_prior_decides_what_counts_cannot():
    # One pair: every alignment is equally likely until a prior names the cell.
    boost = {(0, 1): 30.0}  # target word 0 ↔ source word 1
    (post,) = train([[1, 2]], [[11, 12]], [boost])
    assert best(post)[0] == 2


def test_empty_corpus():
    c = model1.flatten([], [], [])
    assert model1.train(c).size == 0


def test_training_in_chunks_learns_the_same_table(monkeypatch):
    # A corpus cut into chunks of a few cells learns what it learns in one piece.
    src = [[1, 2], [1, 3], [1, 2, 3], [4], [2, 4, 1]]
    tgt = [[11, 12], [13, 11], [12, 13, 11], [14, 11], [12]]
    whole = train(src, tgt, [{(0, 1): 5.0}, {}, {}, {(1, 0): 2.0}, {}])
    monkeypatch.setattr(model1, "CHUNK", 4)
    chunked = train(src, tgt, [{(0, 1): 5.0}, {}, {}, {(1, 0): 2.0}, {}])
    for a, b in zip(whole, chunked, strict=True):
        assert np.allclose(a, b, rtol=1e-12)
        assert best(a) == best(b)


def test_grow_diag_final_and_grows_next_to_agreement():
    forward = {(0, 0), (1, 1)}
    backward = {(0, 0), (1, 1), (1, 2), (3, 5)}
    # (1, 2) touches (1, 1) and its ja word is unaligned: grown; (3, 5) touches nothing
    # but both its words are unaligned: added at the end.
    assert grow_diag_final_and(forward, backward) == {(0, 0), (1, 1), (1, 2), (3, 5)}


def test_grow_diag_final_and_final_step_needs_both_words_unaligned():
    # (2, 3) and (3, 3) compete for ja word 3, far from the agreed point: the first wins.
    assert grow_diag_final_and({(0, 0), (2, 3)}, {(0, 0), (3, 3)}) == {(0, 0), (2, 3)}


def test_grow_diag_final_and_keeps_agreement_only_when_nothing_else():
    assert grow_diag_final_and(set(), set()) == set()
    assert grow_diag_final_and({(0, 0)}, {(0, 0)}) == {(0, 0)}
