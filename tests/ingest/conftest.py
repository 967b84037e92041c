"""Shared fixtures: the seed corpus is built once per test session (it takes ~0.5 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.ingest.corpus import Corpus, build_corpus
from indexer.records import Clause

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return build_corpus(DATA)


def squash(text: str) -> str:
    """Text without whitespace, for comparisons that ignore extraction spacing."""
    return "".join(text.split())


def pair_for(clauses: list[Clause], zh_snippet: str) -> list[Clause]:
    """The clauses whose Chinese contains the snippet (whitespace ignored)."""
    want = squash(zh_snippet)
    return [c for c in clauses if want in squash(c.zh)]
