"""The hand-checked spotting cases (tests/spotting/cases.jsonl) against the links the
seed build writes: the figures `bench/bench_spotting.py` reports, held as a floor.

Targets are recall ≥ 0.95 and wrong marks ≤ 0.03 of all cases; the floors below are the
figures reached so far (whole file, both halves), so that a change cannot lose them
silently. Raise them as the links improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.links_store import LinksStore
from eval.spotting import read_cases, score
from indexer.records import read_clauses
from storage.generations import current_generation

CASES = Path(__file__).parents[1] / "spotting" / "cases.jsonl"
# Reached 0.951 (0.953 before the dictionary pairs of issue 22); target 0.95. With the user
# dictionary written by rule (issue 22, item 8) 0.949 (915/964): below the target, where
# the hand-kept list gave 0.951 and no user dictionary 0.950; not words added back by hand.
# Round 5 deleted the pass `repeated` (nothing on the held-out sources): 0.948 (914/964).
# Round 6 deleted six passes that paid nothing on the held-out sources: 0.945 (911/964)
# and 39 wrong marks in 997 (0.039, above the target here, where the passes were grown).
# Round 8 deleted `brackets`, which paid on no held-out source (on the legal text read
# blind this round it made 6 cases wrong and found 2): 0.9398 (906/964) and 41 wrong marks
# in 997 (0.041) here, where it was grown (docs/evaluation.md).
MIN_RECALL = 0.939
MAX_WRONG = 0.042  # reached 0.029 before round 6's deletion (links alone); target 0.03


@pytest.fixture(scope="module")
def figures(seed_index: Path):
    gen = current_generation(seed_index)
    assert gen is not None
    by_id = {c.id: c for c in read_clauses(gen / "clauses.jsonl")}
    store = LinksStore.open(gen)
    cases = read_cases(CASES)
    return score(cases, lambda p: (by_id[p].zh, by_id[p].ja), store.get)


def test_every_case_names_a_seed_pair(seed_index: Path):
    gen = current_generation(seed_index)
    ids = {c.id for c in read_clauses(gen / "clauses.jsonl")}
    assert {c["pair"] for c in read_cases(CASES)} <= ids


def test_recall(figures):
    assert figures.recall >= MIN_RECALL, f"{figures.found}/{figures.with_counterpart}"


def test_wrong_marks(figures):
    assert figures.wrong_rate <= MAX_WRONG, f"{figures.wrong} wrong marks in {figures.cases}"
