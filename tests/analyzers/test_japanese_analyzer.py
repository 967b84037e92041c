"""JapaneseAnalyzer: golden token tables, orthBase lemmas, dropped particles, compounds."""

import pickle

import pytest

from analyzers.japanese import JapaneseAnalyzer, words

QUERY_TABLE = [
    (
        "データのクロスボーダー流動を試行し",
        ["データ", "クロス", "ボーダー", "流動", "試行", "する"],
    ),
    (
        "デジタル貿易の知的財産権関連制度",
        ["デジタル", "貿易", "知的", "財産", "権", "関連", "制度"],
    ),
    ("自動運転マップ応用を実現し", ["自動", "運転", "マップ", "応用", "実現", "する"]),
    ("ネガティブリストを制定する", ["ネガティブ", "リスト", "制定", "する"]),
    ("オープンソースソフトウェア", ["オープン", "ソース", "ソフトウェア"]),
    ("大興国際空港", ["大興", "国際", "空港"]),
    ("単一窓口", ["単一", "窓口"]),
    ("電子商取引を行った", ["電子", "商", "取引", "行う"]),
    ("ＡＩ　とICT", ["ai", "ict"]),
]


@pytest.mark.parametrize(("text", "expected"), QUERY_TABLE, ids=[t for t, _ in QUERY_TABLE])
def test_query_words(text, expected):
    assert [w for w, _, _ in words(text, mode="query")] == expected


def test_offsets_are_exact_across_whitespace():
    text = "資金の クロスボーダー\n\t流動、データ"
    for term, start, end in words(text, mode="query"):
        surface = text[start:end]
        assert surface == term or term in ("する",), (term, surface)
    expected = ["資金", "クロス", "ボーダー", "流動", "データ"]
    assert [text[s:e] for _, s, e in words(text)] == expected


def test_katakana_compound_is_one_span_at_index_time():
    toks = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in JapaneseAnalyzer()("データのクロスボーダー流動", positions=True, chars=True)
    ]
    assert toks == [
        ("データ", 0, 0, 3),
        ("クロスボーダー", 1, 4, 11),
        ("クロス", 1, 4, 7),
        ("ボーダー", 2, 7, 11),
        ("流動", 3, 11, 13),
    ]


def test_particles_do_not_use_up_positions():
    with_particle = [t.pos for t in JapaneseAnalyzer()("知的財産権の保護", positions=True)]
    assert with_particle == [0, 1, 2, 3]


def test_orthbase_not_lemma():
    # lemma would give 取り引き and クロース-cloth; orthBase keeps the written form.
    assert [w for w, _, _ in words("取引のクロス")] == ["取引", "クロス"]


def test_picklable_and_equal():
    a = JapaneseAnalyzer()
    list(a("データ"))  # creates the tagger
    b = pickle.loads(pickle.dumps(a))
    assert a == b == JapaneseAnalyzer()
    assert [t.text for t in b("知的財産権")] == ["知的", "財産", "権"]
