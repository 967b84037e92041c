"""Model 1 per document: each document's links rest on its own counts.

A translation table learned over every pair of the build makes each document's links
depend on every other document: adding an unrelated corpus (a Bible beside everyday
sentences) shifts t(知り | 知) and the words around it, and with them which word of a
pair takes which, in documents that did not change at all. So the EM counts are kept per
document: each document trains Model 1 (`model1.train`) on its own pairs, and its pairs
are decoded with that table. What other documents know reaches a document as stated
knowledge only, the priors of `priors` (the learned glossary, shown on the glossary page;
the dictionaries; curated pairs), never as counts.

A pair whose text occurs in several documents belongs to the first (in build order), so
adding a later document moves no pair. One document's table at a time is held, so the
learner's memory follows the largest document, not the corpus. The build's own corpus
table as a Dirichlet prior of each document's (t_d(f | e) = (c_d(f, e) + α·t(f | e)) /
(c_d(e) + α), α = 0.5 or 2) was measured and dropped: it moved the seed document's
figures again when a source was added (0.3 point, links alone) and changed the
development sources' by one case at most. `learn_links(skip={"per_document"})` pools
every pair in one table again (the ablation switch).

The learned glossary is such knowledge, but it is learned over every pair of the build:
an entry's association statistics (Dice, how many pairs back it, mutual choice, the
anchors of gaps and enumerations) move when another document adds pairs, and an entry
that appears, goes or turns weak changes the links of every document whose words it
names. So the evidence G and g a document's pairs get comes from a glossary learned on
that document's own pairs alone (`own_lexicons`, the glossary's own learner), as the
counts do; the build's glossary stays what the glossary page, query expansion and the
term panel show. `learn_links(skip={"document_glossary"})` takes the build's glossary
as every document's evidence again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from indexer.glossary import learn_each
from indexer.glossary.block_words import Segmenter
from indexer.links import model1
from indexer.links.model1 import Corpus
from indexer.links.pair_words import PairTokens
from indexer.links.priors import Knowledge
from indexer.records import Clause


def groups(first_docs: Sequence[str]) -> np.ndarray:
    """Each pair's document as a small integer, from the document of its first clause."""
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(d, len(ids)) for d in first_docs], dtype=np.int64)


def members(group: np.ndarray) -> list[list[int]]:
    """The pairs of each document, ascending, documents numbered as `groups` numbers them."""
    order = np.argsort(group, kind="stable")
    cuts = np.flatnonzero(np.diff(group[order])) + 1
    return [part.tolist() for part in np.split(order, cuts)] if len(group) else []


def own_lexicons(
    pairs: Sequence[PairTokens],
    group: np.ndarray,
    clauses: Sequence[Clause],
    lex: Knowledge,
    segment: Segmenter,
    curated: Path | None = None,
) -> Iterator[tuple[list[int], Knowledge]]:
    """(the pairs of a document, `lex` with the glossary the document's own pairs teach),
    document by document; each pair is learned from as its first clause. One document's
    glossary is held at a time; the lookups of the rest of `lex` are shared (`memo`). A
    build of one document keeps `lex` whole: the build's glossary, learned on the same
    pairs, is that document's own (not learned twice). `segment`: the one that cut the
    pairs' words (`pair_words.distinct_pairs`), which knows them."""
    parts = members(group)
    if len(parts) == 1:
        yield parts[0], lex
        return
    by_id = {c.id: c for c in clauses}
    texts = ([by_id[pairs[i].ids[0]] for i in part] for part in parts)
    for part, own in zip(parts, learn_each(texts, curated, segment), strict=True):
        yield part, replace(lex, gloss=own, gloss_memo={})


def posteriors(c: Corpus, group: np.ndarray) -> Iterator[np.ndarray]:
    """The posterior matrix of each pair, in order (as `model1.posteriors`), each under
    its own document's table (`group[p]`: pair p's document). A build's pairs come
    document by document, so each document is one run of pairs; a document whose pairs
    are scattered is trained once over all of them, and the pairs between wait."""
    if not len(group):
        return
    order = np.argsort(group, kind="stable")
    runs = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1], True])
    waiting: dict[int, np.ndarray] = {}
    want = 0
    for a, b in zip(runs[:-1].tolist(), runs[1:].tolist(), strict=True):
        pairs = order[a:b]
        if pairs[-1] - pairs[0] == b - a - 1:  # one run of pairs: a slice, no copy
            sub = _slice(c, int(pairs[0]), int(pairs[-1]) + 1)
        else:
            sub = _select(c, pairs)
        for p, post in zip(pairs.tolist(), model1.posteriors(sub, model1.train(sub)), strict=True):
            waiting[p] = post
            while want in waiting:
                yield waiting.pop(want)
                want += 1


def _slice(c: Corpus, a: int, b: int) -> Corpus:
    """Pairs a..b-1 of `c` as a corpus of their own (views of its arrays)."""
    lo, hi = int(c.cell_first[a]), int(c.cell_first[b])
    i, j = np.searchsorted(c.boosted, [lo, hi])
    return Corpus(
        c.src[c.src_first[a] : c.src_first[b]],
        c.tgt[c.tgt_first[a] : c.tgt_first[b]],
        c.src_first[a : b + 1] - c.src_first[a],
        c.tgt_first[a : b + 1] - c.tgt_first[a],
        c.cell_first[a : b + 1] - lo,
        c.boosted[i:j] - lo,
        c.boost[i:j],
    )


def _select(c: Corpus, pairs: np.ndarray) -> Corpus:
    """The pairs `pairs` (ascending) of `c` as a corpus of their own."""
    parts = [_slice(c, p, p + 1) for p in pairs.tolist()]
    shift = lambda firsts: np.r_[0, np.cumsum([f[-1] for f in firsts])]  # noqa: E731
    src_at, tgt_at = shift([s.src_first for s in parts]), shift([s.tgt_first for s in parts])
    cell_at = shift([s.cell_first for s in parts])
    return Corpus(
        np.concatenate([s.src for s in parts]),
        np.concatenate([s.tgt for s in parts]),
        src_at.astype(np.int64),
        tgt_at.astype(np.int64),
        cell_at.astype(np.int64),
        np.concatenate([s.boosted + at for s, at in zip(parts, cell_at, strict=False)]),
        np.concatenate([s.boost for s in parts]),
    )
