"""What a generation keeps of the queries it answered: a phrase's matches.

Matching a phrase reads every word's positions; the documents it matches are a property
of the generation, so `IndexStats.phrase_docs` keeps the recent ones. What users depend
on: a query asked again finds exactly what it found the first time, and a new
generation or an engine that keeps nothing (`queries_kept=False`, the benches' cold
figure) matches every phrase anew.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import SearchRequest, open_engine
from engine.evaluate import Evaluator

QUERIES = ["クロスボーダー", "知的財産", "数据安全", "国際空港"]


@pytest.fixture()
def phrase_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []
    real = Evaluator._phrase_docs

    def counted(self: Evaluator, field: str, words: tuple, checked: tuple):
        calls.append((field, words))
        return real(self, field, words, checked)

    monkeypatch.setattr(Evaluator, "_phrase_docs", counted)
    return calls


def _shown(result) -> tuple:
    return (result.total, [(h.id, h.score, h.zh, h.ja) for h in result.hits], result.facets)


@pytest.mark.parametrize("q", QUERIES)
def test_a_phrase_asked_again_is_not_matched_again(
    seed_index: Path, phrase_calls: list, q: str
) -> None:
    eng = open_engine(seed_index)
    first = eng.search(SearchRequest(q))
    assert phrase_calls, q  # each query has a phrase to match
    matched = len(phrase_calls)
    again = eng.search(SearchRequest(q, offset=0))
    assert len(phrase_calls) == matched
    assert _shown(again) == _shown(first)


def test_an_engine_keeping_nothing_matches_every_phrase_anew(
    seed_index: Path, phrase_calls: list
) -> None:
    kept, cold = open_engine(seed_index), open_engine(seed_index, queries_kept=False)
    kept.search(SearchRequest(QUERIES[0]))
    before = len(phrase_calls)
    got = cold.search(SearchRequest(QUERIES[0]))
    once = len(phrase_calls) - before
    assert once > 0  # the kept engine's phrases are not the cold engine's
    cold.search(SearchRequest(QUERIES[0]))
    assert len(phrase_calls) - before == 2 * once  # matched again, every time
    assert _shown(got) == _shown(kept.search(SearchRequest(QUERIES[0])))
