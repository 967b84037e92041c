"""Aligned tables (CSV, TSV, XLSX): one row per pair, a column per language.

The first row names the languages (zh / ja, zh-CN, 中文 / 日本語, Chinese / Japanese,
中国語 …); optional `id` and `note` columns are kept. A table without such a header is
accepted when its text says which column is which (each column consistently one
language, e.g. a zh⇥ja TSV); otherwise the message says what header was expected.

Tables are bounded before they are interpreted: at most `MAX_ROWS` rows of at most
`MAX_COLUMNS` cells of at most `MAX_CELL_CHARS` characters (a million-row XLSX held the
build lock for 848 s; a 10 MB CSV cell ended in a `_csv.Error` traceback), read row by
row so the refusal comes at the first row past the limit.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence

from indexer.errors import IngestError
from indexer.ingest.decoding import clean, decode
from indexer.ingest.language import language_of_code, paragraph_language
from indexer.ingest.paragraphs import ReadContext
from indexer.ingest.readers.zipsafe import check_zip
from indexer.ingest.units import Unit

ID_NAMES = frozenset({"id", "no", "no.", "#", "编号", "番号", "序号"})
NOTE_NAMES = frozenset({"note", "notes", "comment", "备注", "備考", "注", "メモ", "注释"})
MAX_ROWS = 50_000  # a large translation memory export; split bigger ones
MAX_COLUMNS = 64
MAX_CELL_CHARS = 131_072  # Python's csv field limit; Excel's own cell limit is 32,767
EXPECTED = "a first row naming the languages (zh / ja, 中文 / 日本語, Chinese / Japanese)"


def read_delimited(data: bytes, ctx: ReadContext) -> list[Unit]:
    """CSV or TSV text: tab-separated when the first line has a tab, else comma-separated."""
    text = decode(data, ctx.name)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in first else ",")
    try:
        rows = bounded_rows(reader, ctx.name)
    except csv.Error as err:  # a field over the csv limit, a NUL byte …
        raise IngestError(
            f"{ctx.name}: line {reader.line_num}: unreadable CSV ({err}); a cell may hold at "
            f"most {MAX_CELL_CHARS:,} characters"
        ) from err
    return table_units(rows, ctx.name)


def bounded_rows(rows: Iterable[Sequence[object]], name: str) -> list[list[str]]:
    """Rows as lists of strings, refused at the first row, row width or cell past a limit."""
    out: list[list[str]] = []
    for n, row in enumerate(rows, 1):
        if n > MAX_ROWS:
            raise IngestError(f"{name}: more than {MAX_ROWS:,} rows; split the table")
        if len(row) > MAX_COLUMNS:
            raise IngestError(f"{name}: row {n} has {len(row):,} cells (at most {MAX_COLUMNS})")
        cells = ["" if v is None else str(v) for v in row]
        if any(len(c) > MAX_CELL_CHARS for c in cells):
            raise IngestError(
                f"{name}: row {n} has a cell over {MAX_CELL_CHARS:,} characters; refused"
            )
        out.append(cells)
    return out


def read_xlsx(data: bytes, ctx: ReadContext) -> list[Unit]:
    """The first worksheet of an Excel workbook, cell values as shown."""
    from lxml.etree import LxmlError
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(data, ctx.name, "XLSX workbook")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            declared = sheet.max_row or 0  # from the sheet's <dimension>, when it has one
            if declared > MAX_ROWS + 1:  # + the header: refused before reading a row
                raise IngestError(f"{ctx.name}: {declared:,} rows (at most {MAX_ROWS:,}); split it")
            rows = bounded_rows(sheet.iter_rows(values_only=True), ctx.name)
        finally:
            book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as err:
        raise IngestError(
            f"{ctx.name}: not a readable XLSX workbook (damaged or truncated)"
        ) from err
    except (LxmlError, SyntaxError) as err:  # malformed sheet XML (ElementTree or lxml)
        raise IngestError(f"{ctx.name}: refused: the XLSX holds malformed XML ({err})") from err
    return table_units(rows, ctx.name)


def table_units(rows: list[list[str]], name: str) -> list[Unit]:
    """Units from rows of cells; the columns come from the header or, failing that, the text."""
    rows = [[clean(c) for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise IngestError(f"{name}: the table is empty")
    columns = _header_columns(rows[0])
    if columns:
        body = rows[1:]
    else:
        columns = _content_columns(rows, name)
        body = rows
    units = []
    for n, row in enumerate(body, 1):
        cell = {k: (row[i].strip() if i < len(row) else "") for k, i in columns.items()}
        if cell["zh"] or cell["ja"]:
            units.append(
                Unit(cell["zh"], cell["ja"], cell.get("id", "") or str(n), cell.get("note", ""))
            )
    if not units:
        raise IngestError(f"{name}: the table has a header but no rows")
    return units


def _header_columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = cell.strip().lower()
        lang = language_of_code(key) if key else None
        role = lang or ("id" if key in ID_NAMES else "note" if key in NOTE_NAMES else None)
        if role and role not in columns:
            columns[role] = i
    return columns if "zh" in columns and "ja" in columns else None


def _content_columns(rows: list[list[str]], name: str) -> dict[str, int]:
    """Columns whose cells are, by majority, Chinese and Japanese; else a clear error."""
    width = max(len(r) for r in rows)
    votes = []
    for i in range(width):
        langs = [paragraph_language(r[i]) for r in rows if i < len(r) and r[i].strip()]
        zh, ja = langs.count("zh"), langs.count("ja")
        votes.append("zh" if zh > 2 * ja and zh else "ja" if ja > 2 * zh and ja else None)
    if votes.count("zh") == 1 and votes.count("ja") == 1:
        return {"zh": votes.index("zh"), "ja": votes.index("ja")}
    found = " | ".join(c[:20] for c in rows[0])
    raise IngestError(
        f"{name}: no language header: expected {EXPECTED}, or one Chinese and one Japanese "
        f"column; found first row: {found}"
    )
