"""`taiyaku add` → `taiyaku build` → `taiyaku search`, for every reader, as a user runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from search_app.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"

GOOD = {  # document id → files (one bilingual file, or one per language in either order)
    "alt": ["alternating.txt"],
    "lines": ["linebyline.txt"],
    "tsv": ["pairs.tsv"],
    "csv": ["pairs.csv"],
    "xlsx": ["pairs.xlsx"],
    "tmx": ["memory.tmx"],
    "xliff12": ["units12.xlf"],
    "xliff20": ["units20.xlf"],
    "docx": ["doc.ja.docx", "doc.zh.docx"],
    "docx-table": ["table.docx"],
    "html": ["doc.zh.html", "doc.ja.html"],
    "pdf": ["doc.zh.pdf", "doc.ja.pdf"],
    "pdf-pages": ["bilingual.pdf"],
}

BAD = [
    ("truncated.xlsx", "not a readable XLSX workbook"),
    ("truncated.docx", "not a readable DOCX file"),
    ("encrypted.pdf", "the PDF is encrypted"),
    ("scanned.pdf", "no text layer"),
    ("bomb.tmx", "refused: the XML declares entities"),
    ("xxe.tmx", "refused: the XML declares entities"),
    ("one_language.tmx", r"no Japanese \(ja\) text in any unit; language variants found: en-US"),
    ("no_header.xlsx", "no language header: expected a first row naming the languages"),
]


def invoke(env: dict[str, str], *args: str):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every good fixture added to one fresh data folder, then built once."""
    root = tmp_path_factory.mktemp("byod")
    env = {"TAIYAKU_DATA_DIR": str(root / "data"), "TAIYAKU_INDEX_DIR": str(root / "index")}
    for doc_id, files in GOOD.items():
        result = invoke(env, "add", *(str(FIXTURES / f) for f in files), "--id", doc_id)
        assert result.exit_code == 0, result.output
        assert f"added '{doc_id}'" in result.output and ", 0 unaligned" in result.output
    built = invoke(env, "build")
    assert built.exit_code == 0, built.output
    return env


def hits(env: dict[str, str], query: str) -> list[dict]:
    result = invoke(env, "search", query, "--all", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["hits"]


@pytest.mark.parametrize("doc_id", list(GOOD))
def test_each_format_is_found_with_its_counterpart(library, doc_id: str) -> None:
    mine = [h for h in hits(library, "知识产权") if h["doc"]["id"] == doc_id]
    assert len(mine) == 1
    assert "知的財産権の保護を強化" in mine[0]["ja"]["text"].replace(" ", "")


@pytest.mark.parametrize("doc_id", ["alt", "lines", "pdf", "pdf-pages", "html"])
def test_a_chinese_sentence_is_never_filed_as_japanese(library, doc_id: str) -> None:
    mine = [h for h in hits(library, "跨境支付") if h["doc"]["id"] == doc_id]
    assert [(h["zh"]["text"], h["ja"]["text"]) for h in mine] == [
        ("完善跨境支付体系。", "越境決済システムを整備する。")
    ]


def test_wrapped_pdf_lines_are_found_by_a_normally_typed_search(library) -> None:
    found = {h["doc"]["id"] for h in hits(library, '"降低中小企业的出口成本"')}
    assert {"pdf", "pdf-pages"} <= found


def test_add_prints_format_and_languages(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    result = invoke(env, "add", str(FIXTURES / "doc.ja.docx"), str(FIXTURES / "doc.zh.docx"))
    assert result.exit_code == 0, result.output
    assert "doc.ja.docx: docx, Japanese, 8 paragraphs" in result.output
    assert "doc.zh.docx: docx, Chinese, 8 paragraphs" in result.output


def test_an_excel_unicode_text_export_is_added_and_found(tmp_path: Path) -> None:
    """Excel's "Unicode Text" is a tab-separated table in UTF-16 with a byte order mark."""
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    table = tmp_path / "export.txt"
    text = (FIXTURES / "pairs.tsv").read_text(encoding="utf-8").replace("\n", "\r\n")
    table.write_bytes(text.encode("utf-16"))  # little-endian here, with its BOM
    added = invoke(env, "add", str(table), "--id", "excel", "--build")
    assert added.exit_code == 0, added.output
    assert "0 unaligned" in added.output and "published" in added.output
    found = invoke(env, "search", "--json", "跨境支付")
    assert found.exit_code == 0, found.output
    assert "越境決済システムを整備する。" in found.output


def test_add_build_prints_the_alignment_report(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    result = invoke(env, "add", str(FIXTURES / "memory.tmx"), "--id", "tm", "--build")
    assert result.exit_code == 0, result.output
    assert "aligned pairs: 5  unaligned: 0" in result.output and "published" in result.output


@pytest.mark.parametrize(("name", "message"), BAD)
def test_bad_file_exits_3_and_adds_nothing(tmp_path: Path, name: str, message: str) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    assert invoke(env, "add", str(FIXTURES / "memory.tmx"), "--id", "first").exit_code == 0
    manifest = (tmp_path / "data" / "documents.toml").read_text(encoding="utf-8")
    result = invoke(env, "add", str(FIXTURES / name), "--id", "second")
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.output.startswith("taiyaku: error: ")
    assert re.search(message, result.output)
    assert (tmp_path / "data" / "documents.toml").read_text(encoding="utf-8") == manifest
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["documents.toml", "first.tmx"]


def test_two_files_of_one_language_are_refused(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data")}
    result = invoke(env, "add", str(FIXTURES / "doc.zh.html"), str(FIXTURES / "doc.zh.docx"))
    assert result.exit_code == 3
    assert "expected one Chinese and one Japanese file; found zh and zh" in result.output


def test_remove_undoes_add(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data")}
    assert invoke(env, "add", str(FIXTURES / "pairs.tsv"), "--id", "a").exit_code == 0
    before = (tmp_path / "data" / "documents.toml").read_text(encoding="utf-8")
    assert invoke(env, "add", str(FIXTURES / "memory.tmx"), "--id", "b").exit_code == 0
    result = invoke(env, "remove", "b")
    assert result.exit_code == 0 and "removed 'b' and b.tmx" in result.output
    assert (tmp_path / "data" / "documents.toml").read_text(encoding="utf-8") == before
    assert not (tmp_path / "data" / "b.tmx").exists()
    missing = invoke(env, "remove", "b")
    assert missing.exit_code == 3 and "no document 'b'" in missing.output


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data")}
    assert invoke(env, "add", str(FIXTURES / "pairs.tsv"), "--id", "a").exit_code == 0
    again = invoke(env, "add", str(FIXTURES / "memory.tmx"), "--id", "a")
    assert again.exit_code == 3 and "already in" in again.output
