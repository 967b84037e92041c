"""Plain sources: one paragraph per line, in one language or both (a line-by-line file).

The only joining done is for a heading too long for one line (a wrapped title): two
consecutive lines that both lack sentence-final punctuation and a heading number are one
paragraph. Body paragraphs always end a sentence, so they are never joined.

The language is decided per line (`indexer.ingest.language`): in a file declared as one
language, a line plainly in the other one stops the build rather than being filed under
the wrong language; in a file declared as both, each line goes to its own language, and a
line with no evidence (a short Han-only heading) follows the line before it.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.errors import IngestError
from indexer.ingest.headings import parse_label
from indexer.ingest.language import NAMES, paragraph_language, require_languages
from indexer.ingest.paragraphs import (
    Paragraph,
    ReadContext,
    is_shared_line,
    is_terminated,
    join_text,
)


def read_plain(text: str, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of a one-language, one-paragraph-per-line file."""
    out: list[Paragraph] = []
    prev_open = False
    lang = ctx.languages[0]
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            prev_open = False
            continue
        shared = is_shared_line(line, ctx.shared)
        own = None if shared else paragraph_language(line)
        if own and own not in ctx.languages:
            raise IngestError(
                f"{ctx.name}: line {n}: {NAMES[own]} text in a {NAMES[lang]} plain source "
                f"({line[:30]}); declare both languages for a line-by-line file"
            )
        wraps = not shared and parse_label(line) is None and not is_terminated(line)
        if prev_open and wraps and own in (None, lang):
            out[-1] = replace(out[-1], text=join_text(out[-1].text, line))
            continue
        lang = own or lang
        out.append(Paragraph(line, lang, n, shared=shared))
        prev_open = wraps
    if not out:
        raise IngestError(f"{ctx.name}: file is empty")
    require_languages(out, ctx.languages, ctx.name, "one paragraph per line")
    return out
