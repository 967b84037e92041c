"""PDFs with a text layer: one language per file, or the page-interleaved bilingual layout.

What a text layer does to text, and how it is undone here:
- radical code points (⽀ ⻋) for ordinary ideographs: `clean` (NFKC + table);
- running headers and footers (title, date, URL, 「1/3」) on every page: a line that
  recurs at the top or bottom of most pages, digits ignored, is dropped, and so is a line
  that is only a page number;
- lines wrapped mid-sentence: a line that fills the text width and does not end a
  sentence continues on the next line (a short unterminated line is a heading);
- a paragraph cut by a page end: joined to the next page's first line (monolingual), or
  by the bilingual-pages reader, which knows each page's language runs.
Encrypted and scanned (no text) PDFs stop with a message saying what to do. Hostile ones
stop with one line too: more than `MAX_PAGES` pages, a stream that inflates past pypdf's
limit (LimitReachedError), more extracted text than `MAX_TEXT_CHARS`, or pages whose only
text is a line repeated on every one (it used to be reported as "file is empty"). pypdf's
own warnings about sloppy files are not printed: the result is what matters.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter

from indexer.errors import IngestError
from indexer.ingest.decoding import clean
from indexer.ingest.headings import parse_label
from indexer.ingest.paragraphs import Paragraph, ReadContext, is_terminated, join_text
from indexer.ingest.readers.bilingual_pages import read_bilingual_pages
from indexer.ingest.readers.plain import read_plain

_PAGE_NO = re.compile(r"^[-–—\s]*(?:第\s*)?\d+\s*(?:/\s*\d+|页|頁|ページ)?[-–—\s]*$")
# What browsers and word processors print in page margins: a URL, a page counter, a stamp.
_MARGIN = re.compile(r"(?:https?|file)://\S+|\s\d+\s*/\s*\d+$|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s")
FULL = 0.8  # a line at least this share of the widest line filled the text width
MIN_TEXT = 20  # characters of text in the whole file below which it is a scan
MAX_PAGES = 3000  # a long law is ~300 pages
MAX_TEXT_CHARS = 8_000_000  # ~4x the text of the largest source the size limit lets in
MAX_STREAM_BYTES = 16_000_000  # one decompressed stream (a page's content: kilobytes)


def read_pdf(data: bytes, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of a PDF's text layer, laid out as one language or page-interleaved."""
    pages = [_drop_page_numbers(p) for p in _drop_running_lines(_page_lines(data, ctx.name))]
    if not any(pages):
        raise IngestError(
            f"{ctx.name}: no text left once the lines repeated on every page (running headers, "
            "footers, page numbers) are removed"
        )
    if len(ctx.languages) == 1:
        lines = _unwrap([line for page in pages for line in page])
        return read_plain("\n".join(lines), ctx)
    text = "\n\n".join("\n".join(_unwrap(page)) for page in pages if page)
    return read_bilingual_pages(text, ctx)


def _page_lines(data: bytes, name: str) -> list[list[str]]:
    from pypdf.errors import PdfReadError, PyPdfError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), _bounded_streams():
            warnings.simplefilter("ignore")
            pages = _extract(data, name)
    except IngestError:
        raise
    except RecursionError as err:
        raise IngestError(f"{name}: not a readable PDF (objects nested too deeply)") from err
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise IngestError(f"{name}: not a readable PDF ({type(err).__name__}: {err})") from err
    finally:
        quiet.setLevel(level)
    if sum(len("".join(p.split())) for p in pages) < MIN_TEXT:
        raise IngestError(
            f"{name}: the PDF has no text layer (a scan?); run OCR on it first "
            "(e.g. ocrmypdf -l chi_sim+jpn in.pdf out.pdf)"
        )
    return [[line.strip() for line in p.split("\n") if line.strip()] for p in pages]


def _bounded_streams():
    """pypdf's decompression limits lowered from 75 MB to `MAX_STREAM_BYTES` per stream: a
    page's text never needs more, and a 200 MiB flate bomb then costs ~60 MB, not ~200."""
    import pypdf

    limit = MAX_STREAM_BYTES
    return pypdf.apply_configuration(
        zlib_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        array_based_stream_maximum_output_length=limit,
    )


def _extract(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _open_without_password(reader):
        raise IngestError(
            f"{name}: the PDF is encrypted; save an unprotected copy "
            "(e.g. qpdf --decrypt in.pdf out.pdf) and add that"
        )
    declared = _declared_pages(reader)  # the page tree's /Count: no page is read for it
    if declared > MAX_PAGES:
        raise IngestError(f"{name}: {declared:,} pages (at most {MAX_PAGES:,}); split the document")
    if len(reader.pages) > MAX_PAGES:
        raise IngestError(
            f"{name}: {len(reader.pages):,} pages (at most {MAX_PAGES:,}); split the document"
        )
    pages, total = [], 0
    for page in reader.pages:
        pages.append(clean(page.extract_text() or ""))
        total += len(pages[-1])
        if total > MAX_TEXT_CHARS:
            raise IngestError(f"{name}: more than {MAX_TEXT_CHARS:,} characters of text; split it")
    return pages


def _declared_pages(reader) -> int:
    """The page count the document's root page tree declares (0 when it declares none)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
    except (KeyError, TypeError, AttributeError):
        return 0
    return count if isinstance(count, int) else 0


def _open_without_password(reader) -> bool:
    """PDFs locked only against editing open with the empty user password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # any failure (missing AES support, a real password) means locked
        return False


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Lines recurring at the top or bottom of at least half the pages (2 or more)."""
    if len(pages) < 2:
        return pages
    edges = Counter(_shape(x) for p in pages for x in {*p[:2], *p[-2:]})
    running = {s for s, n in edges.items() if n >= max(2, len(pages) / 2)}
    return [
        [x for i, x in enumerate(p) if not _is_edge(i, len(p)) or _shape(x) not in running]
        for p in pages
    ]


def _is_edge(i: int, n: int) -> bool:
    return i < 2 or i >= n - 2


def _drop_page_numbers(lines: list[str]) -> list[str]:
    n = len(lines)
    return [
        x
        for i, x in enumerate(lines)
        if not (_is_edge(i, n) and (_PAGE_NO.match(x) or _MARGIN.search(x)))
    ]


def _width(line: str) -> int:
    """Display width: CJK characters count two, everything else one."""
    return sum(1 if c.isascii() else 2 for c in line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines that a full text width cut mid-sentence; one paragraph per returned line."""
    if not lines:
        return []
    widths = Counter(_width(x) for x in lines)
    # the text width: the widest width shared by two lines (one long stray line is no measure)
    widest = max((w for w, k in widths.items() if k >= 2), default=max(widths))
    out: list[str] = []
    open_ = False
    for line in lines:
        if open_ and out and parse_label(line) is None:
            out[-1] = join_text(out[-1], line)
        else:
            out.append(line)
        open_ = _width(line) >= FULL * widest and not is_terminated(line)
    return out
