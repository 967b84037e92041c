"""Evidence from knowledge: the JMdict pair table (J, and R for a word in hiragana) and names
spelled alike (T, N)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from indexer import glossary
from indexer.dictionaries import cedict as dictionary
from indexer.links.names import romaji, similarity, skeleton
from indexer.links.pair_words import PairTokens, kana_lemma, side
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


def test_a_surname_or_a_variant_note_is_no_gloss_to_pivot_on():
    # 时 "surname Shi" and 颜 "surname Yan" once shared "surname": 時 ↔ 顔 became evidence D
    assert dictionary.gloss_words("surname Shi/o'clock/time/when/") == {"clock", "time", "when"}
    assert dictionary.gloss_words("Japanese variant of 顏|颜[yan2]/") == frozenset()


def test_an_english_word_alone_meets_the_chinese_word_it_glosses_l():
    # Japanese technical text keeps an English word where Chinese translates it
    english = {dictionary._fold("性能"): frozenset({"performance"})}
    p = pair("性能问题", "Performance の問題")
    assert "L" in codes_between(p, "性能", "Performance", english=english)
    # one of several English words in a row is a name's part, not a word translated alone
    english = {dictionary._fold("车"): frozenset({"vehicle"})}
    q = pair("智能网联汽车和车", "Intelligent Connected Vehicle と車")
    assert "L" not in codes_between(q, "车", "Vehicle", english=english)


def test_a_name_jieba_glued_to_the_next_word_still_meets_its_katakana():
    # jieba does not know 迦拿 (Cana) and keeps 迦拿行 ("in Cana did") as one word
    p = pair("耶稣在迦拿行了头一件神迹", "イエスはこの最初のしるしをカナで行い")
    assert "T" in codes_between(p, "迦拿行", "カナ")
    # a trimmed run the dictionary glosses is still no transcription (其他 "other")
    english = {dictionary._fold("其他"): frozenset({"other"})}
    q = pair("跟其他语言相比", "ツイッターの言語と比べて")
    assert "T" not in codes_between(q, "跟其他", "ツイッター", english=english)


@pytest.mark.parametrize(
    ("zh", "ja", "z", "j"),
    [
        ("圣灵仿佛鸽子从天降下", "御霊がはとのように天から下った", "鸽子", "はと"),  # 鳩
        ("那时约翰还没有下在监里", "そのときヨハネはまだ獄に入れられていなかった", "还", "まだ"),
    ],
)
def test_a_word_in_hiragana_meets_the_pairs_by_its_kanji_spelling_r(
    zh: str, ja: str, z: str, j: str
):
    """A translation that spells a word in kana (はと for 鳩) still meets the JMdict
    pairs: evidence R, not J (the kana surface is no headword); off with the switch."""
    p = pair(zh, ja)
    table = dictionary.ja_pairs()
    assert "R" in codes_between(p, z, j, ja_pairs=table)
    assert "J" not in codes_between(p, z, j, ja_pairs=table)
    cells = evidence(
        p,
        read_lexicon(glossary.Glossary({"zh": {}, "ja": {}}), None, {}, ja_pairs=table),
        frozenset("R"),
    )
    assert not any("R" in cs for cs in cells.values())


def test_grammar_in_hiragana_has_no_kanji_spelling_to_look_up():
    """する, いる, ため are grammar: UniDic's 為る, 居る, 為 would pair them with 为, 在."""
    assert [kana_lemma(w) for w in ("だれ", "はと", "いる", "する", "ため", "その")] == [
        "誰",
        "鳩",
        "",
        "",
        "",
        "",
    ]
