"""Incremental builds: reused segments must search exactly like a build from scratch.

Parts are made small here (a few clauses) so that even the seed corpus plus a few small
documents spans several segments, and adding, removing or editing one document reuses
the others; the same data built from scratch into another index must then give the same
hits, in the same order, with the same scores, counts, facets and marks.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from engine import open_engine
from engine.api import SearchRequest
from indexer.index import parts
from indexer.ingest.adding import add_document, remove_document
from indexer.pipeline import build
from storage.generations import current_generation

PROJECT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT / "tests" / "ingest" / "fixtures"
QUERIES = [
    "跨境",
    "知识产权",
    "企业 市场",
    "越境",
    "支付体系",
    "商標",
    "服务业 开放",
    "データ",
    "保护",
]


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(parts, "PART_CLAUSES", 6)
    monkeypatch.setattr(parts, "SMALL_PART", 0)


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """The seed document and three small translation memories / spreadsheets."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    for name in ("memory.tmx", "pairs.csv", "units12.xlf"):
        add_document(data, [FIXTURES / name], name.split(".")[0], {})
    return data


def results(root: Path) -> list[dict]:
    """Everything a user sees of each query, minus the timing."""
    engine = open_engine(root)
    out = []
    for q in QUERIES:
        res = dataclasses.asdict(engine.search(SearchRequest(q=q, limit=None)))
        res.pop("took_ms")
        out.append(res)
    return out


def same_as_full_build(data: Path, incremental: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    build(data, full)
    got, want = results(incremental), results(full)
    assert sum(len(r["hits"]) for r in want) > 20  # the queries do find things
    assert got == want


def analysed(note_list: list[str]) -> int:
    """Clause pairs analysed again, as the build's note says."""
    found = [n for n in note_list if n.startswith("incremental: reused")]
    assert found, note_list
    return int(found[0].rsplit(" ", 1)[1])


def clauses_of(root: Path, doc_id: str) -> int:
    return len(open_engine(root).document(doc_id) or [])


def test_adding_a_document_reuses_the_others(data, tmp_path):
    root = tmp_path / "index"
    build(data, root)
    add_document(data, [FIXTURES / "units20.xlf"], "units20", {})
    result = build(data, root)
    assert analysed(result.notes) == clauses_of(root, "units20")  # only the new document
    same_as_full_build(data, root, tmp_path)


def test_removing_a_document_matches_a_full_build(data, tmp_path):
    root = tmp_path / "index"
    build(data, root)
    remove_document(data, "pairs")
    result = build(data, root)
    # what follows it (its ranks moved), and at most the part it shared with the one before
    assert clauses_of(root, "units12") <= analysed(result.notes)
    assert analysed(result.notes) <= clauses_of(root, "units12") + parts.PART_CLAUSES
    same_as_full_build(data, root, tmp_path)


def test_an_edited_document_is_reindexed(data, tmp_path):
    root = tmp_path / "index"
    build(data, root)
    tmx = next(data.glob("*memory*.tmx"))
    tmx.write_text(tmx.read_text("utf-8").replace("完善跨境支付体系", "完善跨境结算体系"), "utf-8")
    result = build(data, root)
    assert analysed(result.notes) <= clauses_of(root, "memory")
    same_as_full_build(data, root, tmp_path)
    hits = open_engine(root).search(SearchRequest(q="结算体系", limit=None)).hits
    assert [h.doc.id for h in hits] == ["memory"]


def test_damaged_previous_generation_means_a_full_build(data, tmp_path):
    root = tmp_path / "index"
    build(data, root)
    seg = next(current_generation(root).glob("*.seg"))
    seg.write_bytes(seg.read_bytes()[:-1] + b"\0")
    result = build(data, root)
    assert any("failed verification" in n for n in result.notes), result.notes
    assert not any(n.startswith("incremental") for n in result.notes)
    same_as_full_build(data, root, tmp_path)


def test_other_analysis_code_means_a_full_build(data, tmp_path, monkeypatch):
    root = tmp_path / "index"
    build(data, root)
    monkeypatch.setattr(parts, "_code_hash", lambda: "another tokenizer")
    result = build(data, root)
    assert any("other analysis code" in n for n in result.notes), result.notes
    assert not any(n.startswith("incremental") for n in result.notes)


def test_build_says_what_it_reused(data, tmp_path):
    """`taiyaku build` tells the user whether it started from scratch, and why."""
    from click.testing import CliRunner

    from search_app.cli import main

    root = tmp_path / "index"

    def build_cli() -> str:
        result = CliRunner().invoke(main, ["build", "--data", str(data), "--index", str(root)])
        assert result.exit_code == 0, result.output
        return result.output

    assert "full build: no previous generation" in build_cli()
    add_document(data, [FIXTURES / "units20.xlf"], "units20", {})
    out = build_cli()
    assert "incremental: reused" in out and "full build" not in out
