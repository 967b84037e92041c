"""The public reference pairs (tests/reference/public.json, key "align") are aligned."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, pair_for, squash

REFERENCE = json.loads((ROOT / "tests" / "reference" / "public.json").read_text("utf-8"))
PAIRS = [(p["zh"], p["ja"]) for p in REFERENCE["align"]]


@pytest.mark.parametrize(("zh", "ja"), PAIRS, ids=[zh for zh, _ in PAIRS])
def test_reference_pair(seed_corpus, zh: str, ja: str) -> None:
    found = pair_for(seed_corpus.clauses, zh)
    assert len(found) == 1, f"{zh!r} in {len(found)} clauses"
    assert squash(ja) in squash(found[0].ja), found[0].ja
