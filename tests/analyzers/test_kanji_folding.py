"""Kanji folding meets Chinese and Japanese forms; bigrams keep original offsets."""

import pickle

import pytest

from analyzers.chinese import ChineseAnalyzer
from analyzers.folding import FoldedBigramAnalyzer, FoldFilter, fold
from analyzers.japanese import JapaneseAnalyzer

MEET = [
    ("贸易", "貿易"),
    ("数据", "數據"),
    ("资金", "資金"),
    ("开放", "開放"),
    ("发展", "発展"),
    ("艺术品", "芸術品"),
    ("国际", "国際"),
    ("单一窗口", "単一窓口"),
    ("外商投资", "外商投資"),
    ("所得税", "所得税"),
    ("综合", "総合"),
    ("知识产权", "知識產權"),
    ("财产权", "財産権"),
    ("证照分离", "証照分離"),
]


@pytest.mark.parametrize(("zh", "ja"), MEET, ids=[f"{a}={b}" for a, b in MEET])
def test_forms_meet(zh, ja):
    assert fold(zh) == fold(ja)


def test_known_differences_stay_apart():
    assert fold("自动驾驶") != fold("自動運転")  # 駕/運 are different words
    assert fold("沪") != fold("濾")  # jp2t alone would turn Chinese 沪 into 濾


def test_fold_is_traditional_and_length_preserving():
    assert fold("知识产权") == "知識產權"
    assert fold("贸易") == "貿易"
    text = "AI与クロスボーダー😀\x00贸易\ud800"
    assert len(fold(text)) == len(text)
    assert fold("abcかな") == "abcかな"


def test_fold_filter_makes_one_term_for_both_languages():
    zh = [t.text for t in (ChineseAnalyzer() | FoldFilter())("对标国际先进贸易规则", mode="query")]
    ja = [t.text for t in (JapaneseAnalyzer() | FoldFilter())("国際的な貿易ルール", mode="query")]
    assert "貿易" in zh and "貿易" in ja


def test_bigrams_have_original_offsets_and_gaps_between_runs():
    text = "数字贸易，和。知的財産権"
    toks = [
        (t.text, t.pos, text[t.startchar : t.endchar])
        for t in FoldedBigramAnalyzer()(text, positions=True, chars=True)
    ]
    assert toks == [
        ("數字", 0, "数字"),
        ("字貿", 1, "字贸"),
        ("貿易", 2, "贸易"),
        ("和", 4, "和"),
        ("知的", 6, "知的"),
        ("的財", 7, "的財"),
        ("財產", 8, "財産"),
        ("產權", 9, "産権"),
    ]


def test_bigram_analyzer_without_unigrams_and_picklable():
    a = FoldedBigramAnalyzer(unigrams=False)
    assert [t.text for t in a("和。贸易")] == ["貿易"]
    assert pickle.loads(pickle.dumps(a)) == a
