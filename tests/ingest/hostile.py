"""Generators of small hostile source files (issue #24), shared by the tests and the bench.

Each writes into a given folder and returns the path; nothing big is committed: a bomb
is a few kilobytes that claim, or inflate to, much more.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sparse_txt(folder: Path, size: int = 1_500_000_000) -> Path:
    """A file that stats as `size` bytes but takes no disk (a hole)."""
    path = folder / "sparse.txt"
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def big_csv(folder: Path, mib: int = 17) -> Path:
    """A real CSV a little over the size limit."""
    path = folder / "big.csv"
    row = "zh,ja\n" + "一条普通的中文句子。,普通の日本語の文である。\n" * (
        mib * 1024 * 1024 // 60 + 1
    )
    path.write_text(row, encoding="utf-8")
    return path


def csv_cell(folder: Path, chars: int, name: str = "cell.csv") -> Path:
    """A two-column CSV whose one row has a Chinese cell of `chars` characters (sentences)."""
    sentence = "推进贸易便利化改革。"
    zh = (sentence * (chars // len(sentence) + 1))[:chars]
    path = folder / name
    path.write_text(f"zh,ja\n{zh},貿易円滑化改革を推進する。\n", encoding="utf-8")
    return path


def replaced_zip(source: Path, out: Path, member: str, data: bytes) -> Path:
    """An office file with one member's bytes replaced (deflated, as Word writes)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == member else src.read(info))
    return out


def docx_bomb(folder: Path, mib: int = 32) -> Path:
    """A DOCX whose document.xml inflates to `mib` MiB (a few tens of KB on disk)."""
    body = b"<w:p>" + b" " * (mib << 20) + b"</w:p>"
    return replaced_zip(FIXTURES / "doc.zh.docx", folder / "bomb.docx", "word/document.xml", body)


def docx_entities(folder: Path) -> Path:
    """A DOCX whose document.xml declares nested entities (amplification)."""
    decl = b'<!ENTITY a "' + b"x" * 1000 + b'">'
    for i in range(1, 8):
        decl += f'<!ENTITY {chr(97 + i)} "'.encode() + f"&{chr(96 + i)};".encode() * 10 + b'">'
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [' + decl + b"]>"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p></w:body></w:document>"
    )
    src = FIXTURES / "doc.zh.docx"
    return replaced_zip(src, folder / "entities.docx", "word/document.xml", xml)


def xlsx_cell(folder: Path, chars: int, repeat: str = "a") -> Path:
    """An XLSX with a zh/ja header and one row whose Chinese cell is `chars` long (the
    sheet is written by hand: openpyxl itself cuts cells to Excel's 32,767 characters)."""
    base = xlsx_rows(folder, 1)
    cell = (repeat * chars)[:chars]
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>zh</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>ja</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{cell}</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>日本語の文。</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return replaced_zip(base, folder / "cell.xlsx", "xl/worksheets/sheet1.xml", sheet)


def xlsx_rows(folder: Path, rows: int, dimension: bool = False) -> Path:
    """An XLSX with a header and `rows` short zh/ja rows; with `dimension`, the sheet
    declares its size as Excel writes it (`<dimension ref="A1:B…"/>`)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["zh", "ja"])
    for n in range(rows):
        sheet.append([f"第{n}条规定。", f"第{n}条の規定。"])
    out = folder / "rows.xlsx"
    book.save(out)
    if not dimension:
        return out
    with zipfile.ZipFile(out) as src:
        xml = src.read("xl/worksheets/sheet1.xml").decode()
    at = xml.index("<sheetData")
    xml = xml[:at] + f'<dimension ref="A1:B{rows + 1}"/>' + xml[at:]
    return replaced_zip(out, folder / "rows-dim.xlsx", "xl/worksheets/sheet1.xml", xml.encode())


def deep_xml(folder: Path, kind: str, depth: int = 100_000) -> Path:
    """A TMX or XLIFF whose one segment nests `depth` inline elements."""
    inner = "<ph>" * depth + "x" + "</ph>" * depth
    if kind == "tmx":
        body = (
            '<tmx version="1.4"><header/><body><tu>'
            f'<tuv xml:lang="zh"><seg>{inner}</seg></tuv>'
            '<tuv xml:lang="ja"><seg>日本語</seg></tuv></tu></body></tmx>'
        )
    else:
        body = (
            '<xliff version="1.2"><file source-language="zh" target-language="ja"><body>'
            f"<trans-unit id='1'><source>{inner}</source><target>日本語</target></trans-unit>"
            "</body></file></xliff>"
        )
    path = folder / f"deep.{'tmx' if kind == 'tmx' else 'xlf'}"
    path.write_text(body, encoding="utf-8")
    return path


def pdf(pages: list[bytes | None], *, flate: bool = False) -> bytes:
    """A minimal PDF: one page per item, its content stream (or none), Helvetica text."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the kids are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in pages:
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        page += b"/Resources << /Font << /F1 3 0 R >> >> "
        if content is not None:
            data = zlib.compress(content, 9) if flate else content
            filt = b"/Filter /FlateDecode " if flate else b""
            objects.append(
                b"<< " + filt + b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
            )
            page += b"/Contents %d 0 R " % len(objects)
        objects.append(page + b">>")
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def text_page(line: str) -> bytes:
    return b"BT /F1 10 Tf 10 100 Td (" + line.encode() + b") Tj ET"


def pdf_flate_bomb(folder: Path, mib: int = 200) -> Path:
    """One page whose content stream inflates to `mib` MiB of spaces."""
    path = folder / "bomb.pdf"
    path.write_bytes(pdf([b" " * (mib << 20)], flate=True))
    return path


def pdf_many_pages(folder: Path, n: int = 30_000) -> Path:
    """`n` pages, each printing the same one line (a running header and nothing else)."""
    path = folder / "pages.pdf"
    path.write_bytes(pdf([text_page("Confidential draft")] * n))
    return path
