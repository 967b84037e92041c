"""The `taiyaku` command line, as a user runs it (click's runner, real data and index)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search_app.cli import main

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_help_everywhere(run):
    for cmd in ([], ["build"], ["corpus"], ["search"], ["glossary"], ["serve"]):
        result = run(*cmd, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_build_reports_and_is_idempotent(run, tmp_path):
    index = tmp_path / "index"
    first = run("build", "--data", str(DATA), "--index", str(index))
    assert first.exit_code == 0, first.output
    assert "aligned pairs" in first.output and "published" in first.output
    again = run("build", "--if-stale", "--data", str(DATA), "--index", str(index))
    assert again.exit_code == 0 and "up to date" in again.output


def test_bad_data_exits_3_and_keeps_the_live_index(run, seed_index, tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(DATA, bad)
    (bad / "000_27f565d3809ec41b.txt").write_bytes(b"")
    live = (seed_index / "CURRENT").read_text()
    result = CliRunner().invoke(main, ["build", "--data", str(bad), "--index", str(seed_index)])
    assert result.exit_code == 3
    assert "000_27f565d3809ec41b.txt" in result.output
    assert (seed_index / "CURRENT").read_text() == live


def test_corpus_report(run):
    result = run("corpus", "--data", str(DATA), "--lowest", "2")
    assert result.exit_code == 0
    assert "clauses:" in result.output and "lowest-confidence pairs (2)" in result.output


def test_search_json_is_the_result_object(run, seed_index):
    result = run("search", "跨境", "--index", str(seed_index), "--json", "--limit", "3")
    body = json.loads(result.output)
    assert set(body) >= {"query", "total", "offset", "limit", "sort", "took_ms", "hits", "facets"}
    assert len(body["hits"]) == 3 and body["total"] > 3
    counterparts = {
        h["ja"]["text"][m["start"] : m["end"]]
        for h in body["hits"]
        for m in h["ja"]["marks"]
        if m["kind"] == "counterpart"
    }
    assert "クロスボーダー" in counterparts


def test_search_text_shows_both_languages_side_by_side(run, seed_index):
    result = run("search", "跨境", "--index", str(seed_index), "--sort", "document", "--all")
    assert result.exit_code == 0
    assert (
        "⟦跨境⟧" in result.output and "⟪クロスボーダー⟫" in result.output and "│" in result.output
    )


def test_search_exit_codes(run, seed_index, tmp_path):
    assert run("search", "zzzzqqq", "--index", str(seed_index)).exit_code == 1
    assert run("search", "跨" * 2000, "--index", str(seed_index)).exit_code == 2
    assert run("search", "跨境", "--index", str(tmp_path / "none")).exit_code == 4


def test_glossary(run, seed_index):
    result = run("glossary", "跨境", "--index", str(seed_index))
    assert result.exit_code == 0 and "クロスボーダー" in result.output


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("跨境 金融", "with every term"),  # some hits have every term, others some
        ("跨境 这个词不存在", "any of them"),  # no hit has every term
    ],
)
def test_search_states_how_the_query_matched(run, seed_index, query, note):
    result = run("search", *query.split(), "--index", str(seed_index), "--all")
    assert result.exit_code == 0 and "note: " in result.output and note in result.output


def test_search_tm_mode_shows_the_match_percentage(run, seed_index):
    pasted = "推进资金跨境流动便利"  # a clause's text, pasted as it is
    result = run("search", pasted, "--index", str(seed_index), "--mode", "tm", "--limit", "1")
    assert result.exit_code == 0 and "100% exact" in result.output


def test_search_with_no_hits_prints_suggestions(run, seed_index):
    result = run("search", "电子商务", "--index", str(seed_index))
    assert result.exit_code == 1
    assert "try: 电商" in result.output and "query syntax" in result.output


def test_userdict_proposes_words_from_text_and_from_the_index(run, seed_index):
    text = DATA / "001_744f217aed3c4039.txt"
    from_text = run("userdict", str(text))
    assert from_text.exit_code == 0 and "区块链  # " in from_text.output
    from_index = run("userdict", "--from-index", "--index", str(seed_index))
    assert from_index.exit_code == 0 and "# proposed from the aligned pairs" in from_index.output
    assert run("userdict").exit_code == 2
