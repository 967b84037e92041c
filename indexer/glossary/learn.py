"""The learning pipeline end to end, and the JSON file it produces.

`learn` runs the stages in order (evidence → association → mutual choice → gaps →
enumerations → cleaning → examples → curated entries), so each stage sees what the previous ones
decided: the gap and enumeration learners anchor on the associations (and the second on
the first), and curated entries override everything. `save` and `load` write and read
the result as the generation's glossary file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from indexer.glossary.association import MIN_DICE, candidates, choose_both, mutual
from indexer.glossary.block_words import Segmenter
from indexer.glossary.clean import clean
from indexer.glossary.curated import apply_curated
from indexer.glossary.enumerations import learn_enumerations
from indexer.glossary.evidence import Glossary, add_examples, statistics
from indexer.glossary.gaps import learn_gaps
from indexer.glossary.pairs import LANGS, Vocab, distinct_pairs
from indexer.records import Clause


def learn(
    clauses: Sequence[Clause],
    curated: Path | None = None,
    *,
    segment: Segmenter | None = None,
    examples: bool = True,
) -> Glossary:
    """Learn zh→ja and ja→zh equivalents from the aligned pairs (both sides non-empty).

    `segment`: a segmenter shared by several learning runs (each Chinese block cut once
    over all of them, `learn_each`); `examples`: whether entries get their example pairs
    (the glossary page's; the links need none)."""
    vocab = {lang: Vocab() for lang in LANGS}
    segment = segment or Segmenter()
    stats = statistics(distinct_pairs(clauses, vocab, segment), vocab, segment, MIN_DICE)
    gloss = mutual(choose_both(stats, candidates(stats)))
    learn_gaps(stats, gloss)
    learn_enumerations(stats, gloss)
    clean(stats, gloss)
    if examples:
        add_examples(stats, gloss)
    apply_curated(gloss, curated)
    return gloss


def learn_each(
    groups: Iterable[Sequence[Clause]],
    curated: Path | None = None,
    segment: Segmenter | None = None,
) -> Iterator[Glossary]:
    """A glossary of each group of clauses on its own (no examples), in order, one
    segmenter for all: what each document's own pairs teach (`indexer.links`, whose
    evidence must not change when another document is added). `segment`: the caller's,
    holding the words of the texts it has analysed already (`Segmenter.known`)."""
    segment = segment or Segmenter()
    for clauses in groups:
        yield learn(clauses, curated, segment=segment, examples=False)


def save(gloss: Glossary, path: Path) -> None:
    """Write the glossary as JSON (the generation's `glossary.json`)."""
    path.write_text(json.dumps(gloss, ensure_ascii=False), encoding="utf-8")


def load(path: Path) -> Glossary:
    """Read a glossary written by `save`."""
    return json.loads(path.read_text(encoding="utf-8"))
