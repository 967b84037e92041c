"""A Latin token with a `.`, `_` or `/` inside (3.5, str.format, Node.js) is one term.

Typed into `taiyaku search`, `3.5` used to become `3` AND `5`: the clause 第3批共5个项目
ranked above the one that says 3.5, and `str.format` marked every `str` of the pair.
Now the token matches as written, ranks first and is marked whole on both sides; a clause
that has its pieces apart is at most a substring match below it, with nothing marked.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search_app.cli import main

PAIRS = [
    ("增长率为3.5%，高于去年。", "成長率は3.5%で、昨年を上回った。"),
    ("第3批共5个项目。", "第3陣は計5件のプロジェクトである。"),
    ("可参看 formatstrings 中 str.format 方法。", "formatstrings の str.format を参照。"),
    ("str 通常已足够。", "たいていは str で十分です。"),
    ("使用 Node.js 运行。", "Node.js で実行する。"),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("latin")
    table = root / "latin.tsv"
    table.write_text("zh\tja\n" + "".join(f"{z}\t{j}\n" for z, j in PAIRS), encoding="utf-8")
    env = {"TAIYAKU_DATA_DIR": str(root / "data"), "TAIYAKU_INDEX_DIR": str(root / "index")}
    added = CliRunner().invoke(main, ["add", str(table), "--id", "latin", "--build"], env=env)
    assert added.exit_code == 0, added.output
    return env


def search(env: dict[str, str], q: str) -> dict:
    result = CliRunner().invoke(main, ["search", "--json", q], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def marked(hit: dict, side: str) -> list[str]:
    text = hit[side]["text"]
    return [text[m["start"] : m["end"]] for m in hit[side]["marks"]]


def test_a_decimal_number_ranks_the_clause_that_has_it_first(env: dict[str, str]) -> None:
    hits = search(env, "3.5")["hits"]
    assert hits[0]["zh"]["text"] == PAIRS[0][0]
    assert marked(hits[0], "zh") == ["3.5"] and marked(hits[0], "ja") == ["3.5"]
    for other in hits[1:]:  # 3 and 5 apart: a substring match at most, nothing marked
        assert other["match_kind"] == "substring" and not marked(other, "zh")


def test_an_identifier_is_one_term_marked_whole_on_both_sides(env: dict[str, str]) -> None:
    found = search(env, "str.format")
    assert found["total"] == 1
    hit = found["hits"][0]
    assert marked(hit, "zh") == ["str.format"] and marked(hit, "ja") == ["str.format"]
    node = search(env, "Node.js")["hits"]
    assert [marked(h, "ja") for h in node] == [["Node.js"]]


def test_punctuation_between_words_still_separates_terms(env: dict[str, str]) -> None:
    # a comma after a word, a full stop at the end: two terms, as before
    assert search(env, "str, 通常。")["hits"][0]["zh"]["text"] == PAIRS[3][0]
