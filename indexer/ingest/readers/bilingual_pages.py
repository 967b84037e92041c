"""Page-interleaved bilingual extractions: per page a Chinese block, then a Japanese block.

What the layout does and how it is undone:
- blank lines separate blocks; `---` rules are dropped; `**…**` marks a heading;
- a line ending in two spaces is a hard break inside one paragraph (a wrapped title);
- an HTML table row holds a column per language separated by a tab, one `<p>` per
  paragraph; `<b>` marks a heading;
- lines printed identically in both languages (number, issuer, date) take the language
  of the block they sit in;
- a paragraph cut by a page end (no sentence-final punctuation) continues with the first
  paragraph of the next run of blocks in the same language, which is how stray tails such
  as `…区) を構築する。` find their heads (a garbled repeat of the head's closing bracket,
  `尔区)`, is dropped on the way).
The language is decided per paragraph (see `indexer.ingest.language`), so a block holding
both languages (alternating lines, a blank-line-alternating file) is split into runs of
one language; a paragraph with no evidence of its own (a short Han-only heading, a shared
line) takes the language of its nearest neighbour in the block, else of the whole block.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from analyzers.detect import guess_language
from indexer.ingest.headings import parse_label
from indexer.ingest.language import paragraph_language, require_languages
from indexer.ingest.paragraphs import (
    Paragraph,
    ReadContext,
    drop_repeated_remnant,
    is_shared_line,
    is_terminated,
    join_text,
)

_RULE = re.compile(r"^[\s\-=_*|:]*-{2,}[\s\-=_*|:]*$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$|^#{1,6}\s+(.+)$")
_CELL = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class _Block:
    """Paragraphs that sit together on a page (a markdown block or one table column)."""

    paragraphs: tuple[Paragraph, ...]
    column: int | None = None  # table column index, None for running text


def read_bilingual_pages(text: str, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of both languages, each language in reading order, pages rejoined."""
    streams: dict[str, list[Paragraph]] = {}
    previous: str | None = None
    for block in _blocks(text, ctx):
        for lang, run in _language_runs(block, previous, ctx):
            stream = streams.setdefault(lang, [])
            for i, para in enumerate(run):
                para = replace(para, lang=lang)
                new_run = i == 0 and (previous != lang or block.column is not None)
                if new_run and stream and _is_open(stream[-1]) and _continues(para):
                    head = stream[-1].text
                    tail = drop_repeated_remnant(head, para.text)
                    stream[-1] = replace(stream[-1], text=join_text(head, tail))
                else:
                    stream.append(para)
            previous = lang
    paragraphs = [p for stream in streams.values() for p in stream]
    require_languages(paragraphs, ctx.languages, ctx.name, LAYOUT)
    return paragraphs


LAYOUT = "blocks of each language separated by blank lines, or alternating lines"


def _language_runs(
    block: _Block, previous: str | None, ctx: ReadContext
) -> list[tuple[str, list[Paragraph]]]:
    """The block cut where the language changes, each paragraph judged on its own text."""
    own = [None if p.shared else paragraph_language(p.text) for p in block.paragraphs]
    own = [x if x in ctx.languages else None for x in own]
    fallback = _block_language(block, previous, ctx)
    runs: list[tuple[str, list[Paragraph]]] = []
    for i, para in enumerate(block.paragraphs):
        lang = own[i] or _neighbour(own, i, heading=not para.shared) or fallback
        if runs and runs[-1][0] == lang:
            runs[-1][1].append(para)
        else:
            runs.append((lang, [para]))
    return runs


def _neighbour(own: list[str | None], i: int, heading: bool) -> str | None:
    """Language of the nearest decided paragraph: a heading belongs to the text after it,
    a shared line (number, date, issuer) to the text before it."""
    before = next((x for x in reversed(own[:i]) if x), None)
    after = next((x for x in own[i + 1 :] if x), None)
    return (after or before) if heading else (before or after)


def _block_language(block: _Block, previous: str | None, ctx: ReadContext) -> str:
    """Language from the block's own text; undecided blocks follow their neighbour."""
    own = " ".join(p.text for p in block.paragraphs if not p.shared)
    lang = guess_language(own)
    if lang in ctx.languages:
        return lang
    if block.column is not None and block.column < len(ctx.languages):
        return ctx.languages[block.column]
    return previous or ctx.languages[0]


def _is_open(p: Paragraph) -> bool:
    """A paragraph cut before its sentence ended (candidates to continue on the next page)."""
    if p.bold or p.shared or is_terminated(p.text):
        return False
    label = parse_label(p.text)
    return label is None or label.kind not in ("marker", "reference")


def _continues(p: Paragraph) -> bool:
    """A paragraph that can be a continuation: not a heading, number line or issuer line."""
    return not (p.bold or p.shared or parse_label(p.text))


def _blocks(text: str, ctx: ReadContext) -> list[_Block]:
    blocks: list[_Block] = []
    pending: list[tuple[int, str]] = []
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\n")
        if "<p" in line or "<td" in line:
            blocks += _flush(pending, ctx)
            blocks += _table_row(line, n, ctx)
        elif not line.strip() or _RULE.match(line):
            blocks += _flush(pending, ctx)
        else:
            pending.append((n, line))
    blocks += _flush(pending, ctx)
    return blocks


def _flush(pending: list[tuple[int, str]], ctx: ReadContext) -> list[_Block]:
    """Turn the lines of one markdown block into paragraphs, rejoining hard-broken lines."""
    paras: list[Paragraph] = []
    glue = False
    for n, line in pending:
        text, bold = _unmark(line.strip())
        shared = is_shared_line(text, ctx.shared)
        if glue and not shared and paras:
            last = paras[-1]
            joined = join_text(last.text, text)
            paras[-1] = replace(last, text=joined, bold=last.bold or bold, shared=False)
        else:
            paras.append(Paragraph(text, "", n, bold=bold, shared=shared))
        glue = line.endswith("  ")
    pending.clear()
    return [_Block(tuple(paras))] if paras else []


def _unmark(text: str) -> tuple[str, bool]:
    """Strip markdown heading marks; report whether the line was a heading."""
    m = _BOLD.match(text)
    if m:
        return (m.group(1) or m.group(2)).strip(), True
    return text, False


def _table_row(line: str, n: int, ctx: ReadContext) -> list[_Block]:
    """One HTML table row: a block per tab-separated column, a paragraph per `<p>` cell."""
    blocks = []
    for col, column in enumerate(line.split("\t")):
        cells = _CELL.findall(column) or [column]
        paras = []
        for cell in cells:
            bold = "<b>" in cell or "<strong>" in cell
            text = html.unescape(_TAG.sub("", cell)).strip()
            if text:
                shared = is_shared_line(text, ctx.shared)
                paras.append(Paragraph(text, "", n, bold=bold, shared=shared))
        if paras:
            blocks.append(_Block(tuple(paras), column=col))
    return blocks
