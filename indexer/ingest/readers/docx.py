"""Word documents (DOCX): one language per file, or one file with a two-column zh/ja table.

Paragraph styles named Title or Heading N (Word's built-in headings, in any UI language
the style id stays `Heading1` …) become headings. A document whose body is a table with
a Chinese and a Japanese column is already aligned: its rows become pairs directly.
"""

from __future__ import annotations

import io
import zipfile

from indexer.errors import IngestError
from indexer.ingest.decoding import clean
from indexer.ingest.language import label_paragraphs
from indexer.ingest.paragraphs import Paragraph, ReadContext, is_shared_line
from indexer.ingest.readers.table import bounded_rows, table_units
from indexer.ingest.readers.zipsafe import check_zip
from indexer.ingest.units import Unit


def read_docx(data: bytes, ctx: ReadContext) -> list[Paragraph] | list[Unit]:
    """Paragraphs of a monolingual DOCX, or the rows of its bilingual table as units."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    check_zip(data, ctx.name, "DOCX file")
    try:
        document = docx.Document(io.BytesIO(data))
    except LxmlError as err:  # entity tricks, huge text nodes, malformed parts
        raise IngestError(f"{ctx.name}: refused: the DOCX holds malformed XML ({err})") from err
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise IngestError(f"{ctx.name}: not a readable DOCX file (damaged or truncated)") from err
    if len(ctx.languages) == 2:
        cells = ([clean(c.text) for c in row.cells] for t in document.tables for row in t.rows)
        rows = bounded_rows(cells, ctx.name)
        if not rows:
            raise IngestError(
                f"{ctx.name}: expected a two-column Chinese/Japanese table in a bilingual DOCX; "
                "found no table (give each language its own file instead)"
            )
        return table_units(rows, ctx.name)
    paras = []
    for n, p in enumerate(document.paragraphs, 1):
        text = clean(p.text).strip()
        if not text:
            continue
        style = (p.style.style_id if p.style is not None else "") or ""
        heading = style.startswith(("Heading", "Title")) or style.lower().startswith("heading")
        paras.append(Paragraph(text, "", n, bold=heading, shared=is_shared_line(text, ctx.shared)))
    return label_paragraphs(paras, ctx.languages, ctx.name, "Word paragraphs", ctx.stated)
