"""Source formats: the manifest's `format` name → the reader turning text into paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from indexer.ingest.paragraphs import Paragraph, ReadContext
from indexer.ingest.readers.bilingual_pages import read_bilingual_pages
from indexer.ingest.readers.plain import read_plain

Reader = Callable[[str, ReadContext], list[Paragraph]]

READERS: dict[str, Reader] = {
    "plain": read_plain,
    "bilingual-pages": read_bilingual_pages,
}
