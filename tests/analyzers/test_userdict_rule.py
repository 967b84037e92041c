"""The shipped user dictionary is the rule's output, and each step of the rule does what
its statement says (analyzers/userdict.py, indexer/userdict.py)."""

import subprocess
import sys
from collections import Counter

import pytest

from analyzers import userdict as rule
from analyzers.chinese import segmenter
from indexer.userdict import cedict_words
from settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "data" / "userdict_zh.txt"


def _entries(text: str) -> list[str]:
    return [ln.split("#")[0].split()[0] for ln in text.splitlines() if ln.split("#")[0].strip()]


def test_shipped_file_is_the_generators_output():
    """Nobody edits the file by hand: `make userdict` rewrites it from data/."""
    done = subprocess.run(
        [sys.executable, "-m", "indexer.userdict", "--data", str(PROJECT_ROOT / "data")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == SHIPPED.read_text(encoding="utf-8"), "run `make userdict`"


def test_a_data_folder_the_build_refuses_stops_it_with_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "indexer.userdict", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 3
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert "documents.toml" in done.stderr and not done.stdout


def test_every_shipped_word_loads_whole_and_the_header_states_the_rule():
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.startswith(rule.HEADER)
    words = _entries(text)
    assert len(words) >= 10
    assert all(list(segmenter().cut(w)) == [w] for w in words)


@pytest.fixture(scope="module")
def tok():
    return rule.base_segmenter()


def test_a_verb_headed_run_is_no_word_a_nominal_one_is(tok):
    runs = rule.count_runs(["风险可控", "发展数字贸易"], tok)
    assert "数字贸易" in runs.aligned  # 数字|贸易: a noun and a verbal noun
    assert "风险可控" not in runs.aligned  # 可控 is a verb: a clause, not a term


def test_a_run_mostly_straddling_word_boundaries_is_a_fragment():
    runs = rule.Runs(
        aligned=Counter({"数字贸易": 3, "区块链": 1}), raw=Counter({"数字贸易": 4, "区块链": 3})
    )
    assert rule.words_of_runs(runs) == {"数字贸易": 4}


def test_fragments_of_a_longer_word_and_compounds_of_shorter_ones_go():
    counts = {"大兴国际": 4, "大兴国际机场": 4, "国际机场": 6, "区块链": 3, "区块链技术": 2}
    assert rule.closed(counts).keys() == {"大兴国际机场", "国际机场", "区块链", "区块链技术"}
    assert rule.minimal(rule.closed(counts)) == {"国际机场", "区块链"}


def _entry(target, count=3, origin="learned", score=1.0):
    return [{"target": target, "count": count, "score": score, "origin": origin, "examples": []}]


def test_one_japanese_term_in_enough_pairs_is_evidence():
    assert rule.term_rendering(_entry("デジタル貿易")) == "= デジタル貿易 x3"
    assert rule.term_rendering(_entry("証券投資", origin="folding")) == "= 証券投資 x3"
    assert rule.term_rendering(_entry("デジタル貿易", count=rule.MIN_PAIRS - 1)) is None
    assert rule.term_rendering(_entry("かつ秩序立っ")) is None  # inflected: not a term
    assert rule.term_rendering(_entry("越境", origin="curated")) is None  # proves nothing
    assert rule.term_rendering(_entry("自動運転", score=0.2)) is None
    assert rule.term_rendering([]) is None


def test_cedict_lists_a_word_jieba_splits():
    assert cedict_words(["区块链", "数字贸易", "私募基金"]) == {"区块链", "私募基金"}


def test_the_file_lists_words_by_count_with_their_evidence():
    text = rule.render({"区块链": (3, "CC-CEDICT"), "工作方案": (15, "= 業務方案 x11")})
    assert text == rule.HEADER + "工作方案  # 15; = 業務方案 x11\n区块链  # 3; CC-CEDICT\n"
    assert _entries(text) == ["工作方案", "区块链"]
