"""Plain sources: one language per file, one paragraph per line.

The only joining done is for a heading too long for one line (a wrapped title): two
consecutive lines that both lack sentence-final punctuation and a heading number are one
paragraph. Body paragraphs always end a sentence, so they are never joined.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.errors import IngestError
from indexer.ingest.headings import parse_label
from indexer.ingest.paragraphs import (
    Paragraph,
    ReadContext,
    is_shared_line,
    is_terminated,
    join_text,
)


def read_plain(text: str, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of a one-language, one-paragraph-per-line file."""
    if len(ctx.languages) != 1:
        raise IngestError(f"{ctx.name}: a plain source holds exactly one language")
    lang = ctx.languages[0]
    out: list[Paragraph] = []
    prev_open = False
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            prev_open = False
            continue
        shared = is_shared_line(line, ctx.shared)
        wraps = not shared and parse_label(line) is None and not is_terminated(line)
        if prev_open and wraps:
            out[-1] = replace(out[-1], text=join_text(out[-1].text, line))
            continue
        out.append(Paragraph(line, lang, n, shared=shared))
        prev_open = wraps
    if not out:
        raise IngestError(f"{ctx.name}: file is empty")
    return out
