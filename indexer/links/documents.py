"""Model 1 per document: each document's own counts, the whole corpus's table as a prior.

A translation table learned over every pair of the build makes each document's links
depend on every other document: adding an unrelated corpus (a Bible beside everyday
sentences) shifts t(言う | 说) and the words around it, and with them which word of a
pair takes which, in documents that did not change at all. What another document knows
about a word is worth having (a word seen once here may be frequent there), but as
knowledge, not as counts that outweigh this document's own.

So after the corpus EM (`model1.train`), each document runs EM of its own, started from
the corpus table and smoothed towards it (a Dirichlet prior, MAP estimate):

    t_d(f | e) = (c_d(f, e) + ALPHA · t(f | e)) / (c_d(e) + ALPHA)

where c_d are the expected counts over the document's own pairs. A word the document
uses often is explained by its own usage; a word it uses once or twice leans on the
corpus, by `ALPHA` pseudo-occurrences. Each pair is decoded with its document's table.
A pair whose text occurs in several documents belongs to the first (in build order),
so adding a later document moves no pair. `learn_links(skip={"per_document"})` decodes
with the corpus table alone (the ablation switch).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexer.links.model1 import Corpus, Table, _bounds, _cells, _index

ALPHA = 0.0  # pseudo-occurrences of a source word that the corpus table stands for
ITERATIONS = 5  # EM steps of each document's own (as `model1.ITERATIONS`)


def groups(first_docs: Sequence[str]) -> np.ndarray:
    """Each pair's document as a small integer, from the document of its first clause."""
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(d, len(ids)) for d in first_docs], dtype=np.int64)


def train(
    c: Corpus,
    group: np.ndarray,
    prior: Table | None = None,
    alpha: float = ALPHA,
    iterations: int = ITERATIONS,
) -> Table:
    """The table of each document (`group[p]`: pair p's document) learned from its own
    pairs, smoothed towards `prior` (the corpus's table) by `alpha` pseudo-occurrences
    when given; decode with `model1.posteriors`."""
    width = int(c.tgt.max(initial=0)) + 1
    span = (int(c.src.max(initial=0)) + 1) * width  # a multiple of width: see `src`
    keys, inv = _index(c, width, group, span)
    if len(keys) == 0:
        return Table(keys, np.zeros(0), width, group=group, span=span)
    src = keys // width  # group * (span / width) + source word: one per (document, word)
    first = np.r_[True, src[1:] != src[:-1]]  # keys ascend, so each source's run is one
    src = np.cumsum(first) - 1
    smooth = np.zeros(len(keys))
    if prior is not None and alpha > 0 and len(prior.keys):
        smooth = alpha * prior.t[np.searchsorted(prior.keys, keys % span)]
    t = np.ones(len(keys))
    for _ in range(iterations):
        counts = np.zeros(len(keys))
        for a, b in _bounds(c):
            _, boost, row = _cells(c, width, a, b, keys=False)
            cells = inv[c.cell_first[a] : c.cell_first[b]]
            w = t[cells]
            w *= boost
            del boost
            w /= np.bincount(row, weights=w)[row]
            del row
            counts += np.bincount(cells, weights=w, minlength=len(keys))
            del w
        total = np.bincount(src, weights=counts)
        if prior is not None and alpha > 0:
            total += alpha
        t = (counts + smooth) / total[src]
    return Table(keys, t, width, group=group, span=span)
