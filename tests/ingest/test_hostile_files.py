"""Issue #24, cases 3-5: hostile source files get one line and exit 3 from `taiyaku add`.

Each file is generated small in tmp_path (`tests.ingest.hostile`); the case it reproduces
is named in the test. What a user depends on: the command ends with one clear line on
stderr and exit code 3, nothing is added, and limits are checked before the expensive
parse (the bench measures the memory: `bench/bench_hostile.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.ingest.corpus import build_corpus
from indexer.ingest.limits import MAX_PARAGRAPH_CHARS
from indexer.ingest.readers import table
from search_app.cli import main
from tests.ingest import hostile
from tests.ingest.hostile import FIXTURES


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "TAIYAKU_DATA_DIR": str(tmp_path / "data"),
        "TAIYAKU_INDEX_DIR": str(tmp_path / "index"),
    }


def add(env: dict[str, str], *files: Path, doc_id: str = "x"):
    return CliRunner().invoke(main, ["add", *map(str, files), "--id", doc_id], env=env)


def refused(result, pattern: str) -> None:
    """Exit 3, one line naming the problem, no traceback, nothing added."""
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "nothing was added", result.output
    assert len(lines) == 2, result.output  # the message, then "nothing was added"
    assert pattern in lines[0], result.output
    assert "Traceback" not in result.output


def test_a_sparse_huge_text_is_refused_by_its_size_before_reading(env, tmp_path):
    """Case 3: a 1.5 GB sparse .txt reached 7.6 GB of memory before the size check."""
    refused(add(env, hostile.sparse_txt(tmp_path)), "1430.5 MB; the limit is 16 MB")


def test_the_size_limit_is_stated_as_the_readme_states_it(env, tmp_path):
    """Case 3: a 17 MB CSV said "the limit is 17 MB" (the README says 16) after 49 s."""
    refused(add(env, hostile.big_csv(tmp_path)), "the limit is 16 MB")


def test_a_docx_zip_bomb_is_refused_from_its_stated_sizes(env, tmp_path):
    """Case 3: a 1.45 MB DOCX bomb took 3.0 GB and then a traceback."""
    path = hostile.docx_bomb(tmp_path)
    assert path.stat().st_size < 200_000
    refused(add(env, path, FIXTURES / "doc.ja.docx"), "word/document.xml inflates")


def test_docx_entity_amplification_is_one_line(env, tmp_path):
    """Case 5: a DOCX declaring nested entities ended in an XMLSyntaxError traceback."""
    refused(add(env, hostile.docx_entities(tmp_path), FIXTURES / "doc.ja.docx"), "DOCX")


def test_an_xlsx_with_a_huge_cell_is_refused(env, tmp_path):
    """Case 3: an XLSX with a 1 GB cell took 2.0 GB and was accepted; a bomb was 'empty'."""
    refused(add(env, hostile.xlsx_cell(tmp_path, 64 << 20)), "unpacks to 64.0 MB")
    refused(add(env, hostile.xlsx_cell(tmp_path, 200_000, "中日")), "over 131,072 characters")


def test_a_table_with_too_many_rows_is_refused_at_the_first_row_past(env, tmp_path, monkeypatch):
    """Case 3: a million-row XLSX held the build lock for 848 s (the limit is lowered here
    so the file stays small; the refusal is the same code path)."""
    monkeypatch.setattr(table, "MAX_ROWS", 100)
    refused(add(env, hostile.xlsx_rows(tmp_path, 150)), "more than 100 rows")
    refused(add(env, hostile.xlsx_rows(tmp_path, 150, dimension=True)), "151 rows (at most 100)")


def test_a_long_csv_cell_is_cut_like_a_paragraph(env, tmp_path):
    """Case 4: one 66,000-character cell was accepted whole and wedged every later build
    in the link repair; every unit from any reader is now cut to the paragraph limit."""
    result = add(env, hostile.csv_cell(tmp_path, 66_000))
    assert result.exit_code == 0, result.output
    clauses = build_corpus(Path(env["TAIYAKU_DATA_DIR"])).clauses
    assert max(max(len(c.zh), len(c.ja)) for c in clauses) <= MAX_PARAGRAPH_CHARS
    assert sum(len(c.zh) for c in clauses) == 66_000
    assert len(clauses) == 33
    assert sum(1 for c in clauses if c.zh and c.ja) == 1  # the Japanese side goes with the first


def test_a_ten_megabyte_csv_cell_is_one_line(env, tmp_path):
    """Case 5: a 10 MB CSV cell ended in a `_csv.Error` traceback."""
    refused(add(env, hostile.csv_cell(tmp_path, 3_400_000)), "unreadable CSV")  # 10 MB


@pytest.mark.parametrize("kind", ["tmx", "xliff"])
def test_deep_nesting_is_one_line(env, tmp_path, kind):
    """Case 5: 100,000 nested elements in a TMX/XLIFF ended in a RecursionError."""
    refused(add(env, hostile.deep_xml(tmp_path, kind)), "nested over 64 levels")


def test_a_pdf_flate_bomb_is_one_line(env, tmp_path):
    """Case 5: a PDF stream inflating past pypdf's limit raised LimitReachedError."""
    refused(add(env, hostile.pdf_flate_bomb(tmp_path), FIXTURES / "doc.ja.pdf"), "readable PDF")


def test_a_thirty_thousand_page_pdf_is_not_reported_empty(env, tmp_path):
    """Case 5: a 30,000-page PDF was reported as "file is empty"."""
    result = add(env, hostile.pdf_many_pages(tmp_path), FIXTURES / "doc.ja.pdf")
    refused(result, "30,000 pages (at most 3,000)")


def test_pages_holding_only_a_running_header_say_so(env, tmp_path):
    result = add(env, hostile.pdf_many_pages(tmp_path, 40), FIXTURES / "doc.ja.pdf")
    refused(result, "no text left once the lines repeated on every page")


def test_pypdf_warnings_do_not_reach_the_terminal(env, tmp_path):
    """Case 5: pypdf's warnings about a sloppy file leaked to stderr."""
    data = (FIXTURES / "bilingual.pdf").read_bytes()
    at = data.rindex(b"startxref")
    sloppy = tmp_path / "sloppy.pdf"
    sloppy.write_bytes(data[:at] + b"startxref\n999999\n%%EOF\n")  # a wrong xref offset
    result = add(env, sloppy)
    assert result.exit_code == 0, result.output
    assert "startxref" not in result.output and "Object Streams" not in result.output
    assert len(result.output.strip().splitlines()) == 4  # found, copied to, added, run build
