"""Which format a file is in, from its suffix and, for text files, its layout.

Binary and XML formats are told by suffix (and checked by their reader). A text file may
be a table (a tab on most lines), a page-interleaved extraction (blocks separated by
blank lines) or a one-paragraph-per-line file; the layout decides.
"""

from __future__ import annotations

from pathlib import Path

from indexer.errors import IngestError
from indexer.ingest.readers import FORMATS

TEXT_SUFFIXES = (".txt", ".md", ".text", "")


def sniff_format(path: Path, data: bytes, bilingual: bool) -> str:
    """The registered format name for a file; IngestError naming the suffixes known."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _text_layout(data, bilingual)
    for name, fmt in FORMATS.items():
        if suffix in fmt.suffixes:
            return name
    known = sorted({s for f in FORMATS.values() for s in f.suffixes} | {".txt"})
    raise IngestError(f"{path}: unknown format '{suffix}' (known: {' '.join(known)})")


def _text_layout(data: bytes, bilingual: bool) -> str:
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    filled = [x for x in lines if x.strip()]
    if filled and sum(b"\t" in x for x in filled) >= 0.8 * len(filled):
        return "table"
    if bilingual and any(not x.strip() for x in lines[:-1]):
        return "bilingual-pages"
    return "plain"
