"""Evidence from knowledge: the JMdict pair table (J) and names spelled alike (T, N)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from indexer import glossary
from indexer.dictionaries import cedict as dictionary
from indexer.links.names import romaji, similarity, skeleton
from indexer.links.pair_words import PairTokens, side
from indexer.links.priors import evidence, read_lexicon


def pair(zh: str, ja: str) -> PairTokens:
    return PairTokens(("t.0",), side(zh, "zh"), side(ja, "ja"))


def codes_between(p: PairTokens, zh: str, ja: str, **lex) -> set[str]:
    """The evidence codes of the cells joining the words of `zh` to those of `ja`."""
    za, ja_a = p.zh.text.index(zh), p.ja.text.index(ja)
    zs = {i for i, (a, b) in enumerate(p.zh.spans) if za <= a and b <= za + len(zh)}
    js = {k for k, (a, b) in enumerate(p.ja.spans) if ja_a <= a and b <= ja_a + len(ja)}
    english = lex.pop("english", {})
    gloss = glossary.Glossary({"zh": {}, "ja": {}})
    cells = evidence(p, read_lexicon(gloss, None, english, **lex))
    return {c for (i, k), cs in cells.items() if i in zs and k in js for c in cs}


def test_the_shipped_table_pairs_words_through_a_whole_english_sense():
    table = dictionary.ja_pairs()
    assert "稅關" in table[dictionary._fold("海关")].split()  # "customs"
    assert "ギャング" in table[dictionary._fold("帮派")].split()  # "gang"


@pytest.mark.parametrize(
    ("zh", "ja", "z", "j"),
    [
        ("海关加强检查", "税関が検査を強化する", "海关", "税関"),
        ("帮派成员被捕", "ギャングのメンバーが逮捕された", "帮派", "ギャング"),
    ],
)
def test_jmdict_pairs_are_evidence_j(zh: str, ja: str, z: str, j: str):
    p = pair(zh, ja)
    assert "J" in codes_between(p, z, j, ja_pairs=dictionary.ja_pairs())
    assert "J" not in codes_between(p, z, j)  # no table, no J


def test_a_table_written_by_the_generator_is_read_folded(tmp_path: Path):
    path = tmp_path / "pairs.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("# header\n版权\t著作権 版権:2\n")
    assert dictionary.ja_pairs(path) == {dictionary._fold("版权"): "著作權 版權:2"}


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("ジョンソン", "jonson"),
        ("イワノフ", "iwanofu"),
        ("カヴァノー", "kavano"),
        ("チェック", "ceku"),
    ],
)
def test_romaji(kana: str, expected: str):
    assert romaji(kana) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Johnson", "ジョンソン"),
        ("伊万诺夫", "イワノフ"),
        ("特朗普", "トランプ"),
        ("Smith", "スミス"),
    ],
)
def test_names_spelled_alike_are_similar(a: str, b: str):
    assert similarity(a, b) >= 0.8


UNLIKE = [("数据", "データ"), ("市场", "マーケット"), ("公司", "カンパニー")]


@pytest.mark.parametrize(("a", "b"), UNLIKE)
def test_words_that_only_mean_alike_are_not(a: str, b: str):
    assert similarity(a, b) < 0.8


def test_skeleton_meets_english_and_pinyin_spelling():
    assert skeleton("Kavanaugh") == skeleton("カヴァノー") == skeleton("卡瓦诺")


def test_a_transcription_and_its_katakana_get_t_and_a_latin_name_its_origin_n():
    p = pair("伊万诺夫说", "イワノフは言った")
    assert "T" in codes_between(p, "伊万诺夫", "イワノフ")
    english = {dictionary._fold("投资"): frozenset({"invest"})}
    r = pair("投资德国", "ドイツへの投資")  # touzi and doitsu sound alike by chance
    assert "T" not in codes_between(r, "投资", "ドイツ", english=english)
    q = pair("Johnson表示", "ジョンソン氏は述べた")
    assert "N" in codes_between(q, "Johnson", "ジョンソン")
