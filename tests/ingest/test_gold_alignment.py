"""Hand-checked gold pairs over the whole seed document: ≥ 98 % paired exactly as written."""

from __future__ import annotations

from pathlib import Path

from .conftest import pair_for, squash

GOLD = Path(__file__).with_name("gold_alignment.tsv")


def _gold() -> list[tuple[str, str]]:
    rows = []
    for line in GOLD.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            zh, ja = line.split("\t")
            rows.append((zh, ja))
    return rows


def test_gold_file_is_large_enough() -> None:
    assert len(_gold()) >= 60


def test_gold_snippets_are_unique(seed_corpus) -> None:
    ambiguous = [zh for zh, _ in _gold() if len(pair_for(seed_corpus.clauses, zh)) != 1]
    assert not ambiguous


def test_gold_pass_rate(seed_corpus) -> None:
    failures = []
    gold = _gold()
    for zh, ja in gold:
        found = pair_for(seed_corpus.clauses, zh)
        if not any(squash(ja) in squash(c.ja) for c in found):
            failures.append((zh, ja, [c.ja[:60] for c in found]))
    rate = 1 - len(failures) / len(gold)
    assert rate >= 0.98, failures
