"""Model 1 per document: each document's links rest on its own counts.

A translation table learned over every pair of the build makes each document's links
depend on every other document: adding an unrelated corpus (a Bible beside everyday
sentences) shifts t(知り | 知) and the words around it, and with them which word of a
pair takes which, in documents that did not change at all. So the EM counts are kept per
document: each document trains Model 1 on its own pairs (the same EM as `model1.train`,
its keys moved apart by document), and each pair is decoded with its document's table.
What other documents know reaches a document as stated knowledge only, the priors of
`priors` (the learned glossary, shown on the glossary page; the dictionaries; curated
pairs), never as counts.

A pair whose text occurs in several documents belongs to the first (in build order), so
adding a later document moves no pair. `train` can smooth each document towards a prior
table (a Dirichlet prior, MAP estimate: t_d(f | e) = (c_d(f, e) + α·t(f | e)) /
(c_d(e) + α)), the hook for a table learned offline from open parallel text. The
build's own corpus table as that prior (`ALPHA` 0.5 or 2) moved the seed document's
figures again when a source was added (0.3 point, links alone) and changed the
development sources' by one case at most, so `ALPHA` is 0.
`learn_links(skip={"per_document"})` pools every pair in one table again (the ablation
switch).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexer.links.model1 import Corpus, Table, _bounds, _cells, _index

ALPHA = 0.0  # pseudo-occurrences of a source word the build's corpus table stands for
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
        smooth = alpha * _lookup(prior, (keys % span) // width, keys % width)
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


def _lookup(table: Table, src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
    """t(tgt | src) of `table` for each (src, tgt), 0 where it has none."""
    key = src * table.width + tgt
    at = np.minimum(np.searchsorted(table.keys, key), len(table.keys) - 1)
    return np.where((table.keys[at] == key) & (tgt < table.width), table.t[at], 0.0)
