"""Query segmentation from the on-disk dictionary equals segmentation by the full one.

`taiyaku search` and the servers segment queries through `analyzers.query_dictionary` (a tokenizer
holding only the entries the text needs) instead of loading jieba's 580,000 entries; a
user must get exactly the words the full dictionary gives, on every seed sentence and on
any text.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from text_strategies import cjk_text

from analyzers import chinese
from analyzers.query_dictionary import QueryDictionary

DATA = Path(__file__).resolve().parents[2] / "data"
LINES = sorted(
    {
        line.strip()
        for f in DATA.glob("*.txt")
        if f.name != "userdict_zh.txt"
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)


@pytest.fixture(scope="module")
def lexicon() -> QueryDictionary:
    lex = QueryDictionary.ensure()
    assert lex is not None
    return lex


def test_every_seed_line_segments_as_with_the_full_dictionary(lexicon):
    assert len(LINES) > 100
    for line in LINES:
        assert list(chinese.spans(line, "query", lexicon)) == list(chinese.spans(line, "query"))


ODD = {
    "sub-words": "数据安全，负面清单",
    "full-width": "跨境ＡＩ服务",
    "user words": "区块链 数字贸易",
    "lone surrogate": "数据\ud800データ",
    "nul": "贸易\x00貿易",
    "empty": "",
}


@pytest.mark.parametrize("text", ODD.values(), ids=ODD.keys())
def test_odd_text_segments_as_with_the_full_dictionary(lexicon, text):
    assert list(chinese.spans(text, "query", lexicon)) == list(chinese.spans(text, "query"))


@settings(max_examples=60, deadline=None)
@given(cjk_text)
def test_any_text_segments_as_with_the_full_dictionary(text):
    lexicon = QueryDictionary.ensure()
    assert list(chinese.spans(text, "query", lexicon)) == list(chinese.spans(text, "query"))


def test_query_words_is_words_in_query_mode():
    assert chinese.query_words("推进资金跨境流动便利") == chinese.words("推进资金跨境流动便利")
