"""ChineseAnalyzer: golden token tables from the seed corpus, modes, positions, pickling."""

import pickle
from pathlib import Path

import jieba
import pytest

from analyzers.chinese import ChineseAnalyzer, segmenter, words
from analyzers.resources import cache_dir

# (text, query-mode words): domain words whole, punctuation dropped, Latin lowercased.
QUERY_TABLE = [
    ("制定外商投资负面清单", ["制定", "外商投资", "负面", "清单"]),  # seen once: no entry
    ("推进金融领域“证照分离”改革", ["推进", "金融", "领域", "证照", "分离", "改革"]),
    ("推动区块链技术在金融领域应用", ["推动", "区块链", "技术", "在", "金融", "领域", "应用"]),
    ("打造数字贸易统计体系", ["打造", "数字贸易", "统计", "体系"]),
    ("国际贸易“单一窗口”", ["国际贸易", "单一", "窗口"]),
    ("大兴国际机场", ["大兴", "国际机场"]),  # a compound of an entry stays a phrase
    ("建设综合示范区工作方案", ["建设", "综合示范区", "工作方案"]),
    ("开展自动驾驶测试", ["开展", "自动", "驾驶", "测试"]),  # a verb head: no entry
    ("北京大兴国际机场", ["北京", "大兴", "国际机场"]),
    ("数据安全有序流动", ["数据安全", "有序", "流动"]),
    ("AI与ICT产业", ["ai", "与", "ict", "产业"]),
    ("ＡＩ与ICT产业", ["ai", "与", "ict", "产业"]),
]

# (text, index-mode (term, start, end)): sub-words follow their word, in start order.
INDEX_TABLE = [
    (
        "和数据安全",
        [("和", 0, 1), ("数据安全", 1, 5), ("数据", 1, 3), ("安全", 3, 5)],
    ),
    (
        "外商独资企业",
        [
            ("外商独资企业", 0, 6),
            ("外商独资", 0, 4),
            ("外商", 0, 2),
            ("独资企业", 2, 6),
            ("独资", 2, 4),
            ("企业", 4, 6),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUERY_TABLE, ids=[t for t, _ in QUERY_TABLE])
def test_query_words(text, expected):
    assert [w for w, _, _ in words(text, mode="query")] == expected


@pytest.mark.parametrize(("text", "expected"), INDEX_TABLE, ids=[t for t, _ in INDEX_TABLE])
def test_index_words_with_subwords(text, expected):
    assert words(text, mode="index") == expected


def test_subwords_share_their_words_position():
    toks = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ChineseAnalyzer()("数据安全，数字贸易", positions=True, chars=True)
    ]
    assert toks == [
        ("数据安全", 0, 0, 4),
        ("数据", 0, 0, 2),
        ("安全", 0, 2, 4),
        ("数字贸易", 1, 5, 9),
        ("数字", 1, 5, 7),
        ("贸易", 1, 7, 9),
    ]


def test_query_mode_does_not_explode():
    toks = [t.text for t in ChineseAnalyzer()("数据安全", mode="query")]
    assert toks == ["数据安全"]


def test_start_pos_and_start_char_are_honoured():
    toks = [
        (t.pos, t.startchar)
        for t in ChineseAnalyzer()(
            "资金跨境", positions=True, chars=True, start_pos=5, start_char=7
        )
    ]
    assert toks == [(5, 7), (6, 9)]


def test_picklable_and_equal():
    a = ChineseAnalyzer()
    list(a("数据"))  # loads jieba
    b = pickle.loads(pickle.dumps(a))
    assert a == b == ChineseAnalyzer()
    assert [t.text for t in b("数据安全")] == [t.text for t in a("数据安全")]


def test_segmenter_is_loaded_once_with_project_cache():
    tok = segmenter()
    assert tok is segmenter()
    assert tok is not jieba.dt
    assert Path(tok.tmp_dir) == cache_dir()
    assert (cache_dir() / tok.cache_file).is_file()


def test_cache_dir_env_override(tmp_path, monkeypatch):
    monkeypatch.setenv("TAIYAKU_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    assert (tmp_path / "c").is_dir()
