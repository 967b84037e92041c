"""Source formats: the manifest's `format` name → the reader of that layout. One registry.

A reader takes the file's bytes and a ReadContext and returns either paragraphs (to be
structured and aligned) or `Unit`s (already aligned: TMX, XLIFF, tables), which become
clause records directly. Adding a format is one module plus one line here; `suffixes`
lets `taiyaku add` recognise it, `bilingual`/`monolingual` say what one file may hold.
Every reader is wrapped by `_guarded`: a file nested too deeply for any parser's recursion
is a bad file (one line, exit 3), not a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from indexer.errors import IngestError
from indexer.ingest.decoding import decode
from indexer.ingest.limits import check_text
from indexer.ingest.paragraphs import Paragraph, ReadContext
from indexer.ingest.readers.bilingual_pages import read_bilingual_pages
from indexer.ingest.readers.docx import read_docx
from indexer.ingest.readers.html import read_html_bytes
from indexer.ingest.readers.pdf import read_pdf
from indexer.ingest.readers.plain import read_plain
from indexer.ingest.readers.table import read_delimited, read_xlsx
from indexer.ingest.readers.tmx import read_tmx
from indexer.ingest.readers.xliff import read_xliff
from indexer.ingest.units import Unit

Reading = list[Paragraph] | list[Unit]
Reader = Callable[[bytes, ReadContext], Reading]


@dataclass(frozen=True)
class Format:
    """A source layout: its reader, the file suffixes it has, what one file may hold."""

    name: str
    read: Reader
    suffixes: tuple[str, ...]
    monolingual: bool  # one language per file is a valid use
    bilingual: bool  # both languages in one file is a valid use
    summary: str


def _text(reader: Callable[[str, ReadContext], list[Paragraph]]) -> Reader:
    """A reader of decoded text; garbled lines are refused before the reader guesses at them."""

    def read(data: bytes, ctx: ReadContext) -> list[Paragraph]:
        text = decode(data, ctx.name)
        check_text(text, ctx.name)
        return reader(text, ctx)

    return read


def _guarded(reader: Reader) -> Reader:
    def read(data: bytes, ctx: ReadContext) -> Reading:
        try:
            return reader(data, ctx)
        except RecursionError as err:
            raise IngestError(f"{ctx.name}: refused: nested too deeply to read") from err

    return read


FORMATS: dict[str, Format] = {
    f.name: replace(f, read=_guarded(f.read))
    for f in (
        Format(
            "plain",
            _text(read_plain),
            (".txt",),
            True,
            True,
            "one paragraph per line; both languages: line by line",
        ),
        Format(
            "bilingual-pages",
            _text(read_bilingual_pages),
            (".txt", ".md"),
            False,
            True,
            "page-interleaved blocks separated by blank lines",
        ),
        Format("tmx", read_tmx, (".tmx",), False, True, "TMX translation memory"),
        Format(
            "xliff",
            read_xliff,
            (".xlf", ".xliff", ".sdlxliff", ".mqxliff"),
            False,
            True,
            "XLIFF 1.2 / 2.x bilingual file",
        ),
        Format(
            "table",
            read_delimited,
            (".csv", ".tsv", ".tab"),
            False,
            True,
            "CSV/TSV, a column per language",
        ),
        Format("xlsx", read_xlsx, (".xlsx", ".xlsm"), False, True, "Excel, a column per language"),
        Format(
            "docx",
            read_docx,
            (".docx",),
            True,
            True,
            "Word: one language, or a two-column zh/ja table",
        ),
        Format(
            "pdf",
            read_pdf,
            (".pdf",),
            True,
            True,
            "PDF text layer: one language, or page-interleaved",
        ),
        Format(
            "html",
            read_html_bytes,
            (".html", ".htm", ".xhtml"),
            True,
            False,
            "HTML page, one language",
        ),
    )
}
