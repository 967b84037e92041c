"""Every tokenizer is a SpanTokenizer; the Japanese hot path equals the generic loop."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzers.chinese import ChineseTokenizer
from analyzers.folding import FoldedBigramTokenizer
from analyzers.japanese import JapaneseTokenizer
from analyzers.tokens import SpanTokenizer
from settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"

SEED = (DATA_DIR / "000_27f565d3809ec41b.txt").read_text(encoding="utf-8").splitlines()


def tokens(tokenizer, text: str, generic: bool, mode: str) -> list[tuple]:
    call = SpanTokenizer.__call__ if generic else type(tokenizer).__call__
    return [
        (t.text, t.pos, t.startchar, t.endchar, t.original)
        for t in call(
            tokenizer,
            text,
            positions=True,
            chars=True,
            keeporiginal=True,
            mode=mode,
            start_pos=3,
            start_char=10,
        )
    ]


@pytest.mark.parametrize("mode", ["index", "query"])
def test_japanese_inlined_call_matches_its_spans(mode):
    tok = JapaneseTokenizer()
    for line in SEED[:80]:
        assert tokens(tok, line, True, mode) == tokens(tok, line, False, mode), line


@given(st.text(max_size=80))
def test_japanese_inlined_call_matches_its_spans_on_any_text(text):
    tok = JapaneseTokenizer()
    assert tokens(tok, text, True, "index") == tokens(tok, text, False, "index")


def test_bigram_positions_leave_a_gap_between_runs():
    toks = [(t.text, t.pos) for t in FoldedBigramTokenizer()("贸易、税", positions=True)]
    assert toks == [("貿易", 0), ("稅", 2)]


@pytest.mark.parametrize(
    "tok", [ChineseTokenizer(), JapaneseTokenizer(), FoldedBigramTokenizer(unigrams=False)]
)
def test_tokenizers_pickle_and_compare_by_settings(tok):
    assert pickle.loads(pickle.dumps(tok)) == tok
    assert FoldedBigramTokenizer(unigrams=True) != FoldedBigramTokenizer(unigrams=False)
    assert hash(pickle.loads(pickle.dumps(tok))) == hash(tok)
