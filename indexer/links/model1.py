"""IBM Model 1 over all pairs, one direction, vectorised with numpy and seeded by priors.

Model 1 explains each target word of a pair by one source word (or by nothing, NULL)
with a translation table t(target | source) learned by EM over the whole corpus. On a
small corpus most words are rare, so the evidence of `priors` multiplies the posterior
of its cells at every step: once frequent words and evidenced cells explain most of a
pair, a word seen once aligns to what is left.

All cells of all pairs live in flat arrays (a pair's block is target-major, one row of
source words plus NULL per target word), so one EM step is a handful of `bincount`
calls: time and memory are linear in the corpus, and the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ITERATIONS = 5
NULL_BOOST = 0.2  # NULL explains a word only when no source word does: it co-occurs with all


@dataclass
class Corpus:
    """Flattened cells of one direction: source and target vocabulary ids per cell."""

    src: np.ndarray  # source word id per cell (0 = NULL)
    tgt: np.ndarray  # target word id per cell
    group: np.ndarray  # target token (global index) per cell: the posterior's normaliser
    boost: np.ndarray  # prior multiplier per cell
    offsets: list[int]  # start cell of each pair's block
    shapes: list[tuple[int, int]]  # (target words, source words + 1) per pair


def flatten(
    sources: Sequence[Sequence[int]],
    targets: Sequence[Sequence[int]],
    boosts: Sequence[np.ndarray],
) -> Corpus:
    """Cells of every pair: for each target word, NULL then every source word.

    `boosts[p]` has shape (targets, sources) and multiplies the posterior of each cell.
    """
    src, tgt, grp, bst, offsets, shapes = [], [], [], [], [], []
    n_cells = n_groups = 0
    for s, t, b in zip(sources, targets, boosts, strict=True):
        m, n = len(s), len(t)
        offsets.append(n_cells)
        shapes.append((n, m + 1))
        row = np.concatenate(([0], np.asarray(s, dtype=np.int64)))
        src.append(np.tile(row, n))
        tgt.append(np.repeat(np.asarray(t, dtype=np.int64), m + 1))
        grp.append(np.repeat(np.arange(n_groups, n_groups + n), m + 1))
        full = np.full((n, m + 1), NULL_BOOST)
        full[:, 1:] = b
        bst.append(full.ravel())
        n_cells += n * (m + 1)
        n_groups += n
    cat = (
        (lambda xs, dt: np.concatenate(xs).astype(dt)) if src else (lambda xs, dt: np.zeros(0, dt))
    )
    return Corpus(
        cat(src, np.int64), cat(tgt, np.int64), cat(grp, np.int64), cat(bst, np.float64),
        offsets, shapes,
    )  # fmt: skip


def train(c: Corpus, iterations: int = ITERATIONS) -> np.ndarray:
    """Posterior of every cell after EM (same layout as the cells)."""
    if len(c.src) == 0:
        return np.zeros(0)
    n_tgt = int(c.tgt.max()) + 1
    keys, inv = np.unique(c.src * n_tgt + c.tgt, return_inverse=True)
    key_src = keys // n_tgt
    t = np.ones(len(keys))
    post = np.zeros(len(c.src))
    for _ in range(iterations):
        w = t[inv] * c.boost
        norm = np.bincount(c.group, weights=w)
        post = w / norm[c.group]
        counts = np.bincount(inv, weights=post, minlength=len(keys))
        total = np.bincount(key_src, weights=counts)
        t = counts / total[key_src]
    w = t[inv] * c.boost
    return w / np.bincount(c.group, weights=w)[c.group]


def pair_posteriors(c: Corpus, post: np.ndarray, p: int) -> np.ndarray:
    """Posterior matrix of pair `p`: (target words, NULL + source words)."""
    n, m1 = c.shapes[p]
    return post[c.offsets[p] : c.offsets[p] + n * m1].reshape(n, m1)
