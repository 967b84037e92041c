"""The seed document's pairs, written back as two damaged monolingual texts, realign.

Each run of ten pairs loses a sentence on one side, has two neighbours merged, one
sentence split at a comma and two neighbours swapped (`eval.alignment`); the
true links are known, so this is the hand-checked fixture's test at a larger scale.
The figures with each piece of evidence taken out are `bench/bench_align.py`'s.
"""

from __future__ import annotations

import random

import pytest

from eval import alignment as align_eval
from indexer.ingest.corpus import Corpus
from indexer.ingest.sentence_align import align
from indexer.ingest.similarity import estimate_ratio


@pytest.fixture(scope="module")
def pairs(seed_corpus: Corpus) -> list[tuple[str, str]]:
    return [(c.zh, c.ja) for c in seed_corpus.clauses if c.kind == "text" and c.zh and c.ja]


def test_perturbations_keep_track_of_the_truth(pairs) -> None:
    case = align_eval.perturb(pairs[:10], random.Random(3))
    lines = case.zh + case.ja
    assert len(case.zh) != 10 or len(case.ja) != 10  # something was omitted or merged
    assert {i for line in lines for i in line.ids} == set(range(10))
    for side in (case.zh, case.ja):  # every sentence is still there, once, unless omitted
        text = "".join(line.text for line in side)
        assert all(text.count(pairs[k][side is case.ja]) <= 1 for k in range(10))


def test_damaged_runs_realign(pairs) -> None:
    ratio = estimate_ratio(pairs)
    cases = align_eval.cases(pairs[:100], run=10, seeds=(0, 1))
    precision, recall, f1 = align_eval.evaluate(cases, align, ratio)
    assert f1 >= 0.9, (precision, recall)
