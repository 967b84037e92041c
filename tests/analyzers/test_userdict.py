"""The user-dictionary proposer finds the domain words jieba splits (the shipped file's
rule: tests/analyzers/test_userdict_rule.py)."""

import pytest

from analyzers.userdict import base_segmenter, from_glossary, propose
from settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
def proposed():
    lines = (DATA_DIR / "001_744f217aed3c4039.txt").read_text(encoding="utf-8").splitlines()
    return dict(propose(lines, min_count=2, tok=base_segmenter()))


@pytest.mark.parametrize("word", ["数字贸易", "区块链", "大兴国际机场", "开源软件"])
def test_recurring_split_words_are_proposed(proposed, word):
    assert word in proposed


def test_proposals_are_closed_and_trimmed(proposed):
    # 数字贸易 (7) is kept, not a substring of a longer candidate seen as often.
    assert proposed["数字贸易"] == 7
    assert not any(w[0] in "的和与及" or w[-1] in "的和与及" for w in proposed)
    assert all(3 <= len(w) <= 6 for w in proposed)


def test_kana_lines_are_ignored():
    assert propose(["クロスボーダー数字贸易の数字贸易"] * 3, tok=base_segmenter()) == []


def test_aligned_runs_are_proposed_from_the_glossary():
    def entry(target: str, origin: str = "learned", score: float = 0.9) -> list[dict]:
        return [{"target": target, "count": 2, "score": score, "origin": origin, "examples": []}]

    gloss = {
        "zh": {
            "开源软件": entry("オープンソースソフトウェア"),  # split by jieba, one Japanese term
            "安全管理": entry("安全管理", origin="folding"),  # same kanji: bridged anyway
            "有序流动": entry("かつ秩序立っ"),  # inflected tail: not a term
            "跨境": entry("クロスボーダー"),  # already one jieba word
            "自动驾驶": entry("自動運転", score=0.2),  # too weak
        }
    }
    proposals = from_glossary(gloss, tok=base_segmenter())
    assert [(w, t) for w, t, _ in proposals] == [("开源软件", "オープンソースソフトウェア")]
