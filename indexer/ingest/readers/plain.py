"""Plain sources: paragraphs as the writer made them, in one language or both (line by line).

- A file with blank lines is split at blank lines: each block is a paragraph, its lines
  joined (a Markdown-like text wraps its paragraphs anywhere). Inside a block a new
  paragraph starts only where the text marks one: a list item (`*`, `-`, `1.`), a
  numbered heading (一、 （一）), a `#` heading.
- A file without blank lines is one paragraph per line. Lines are joined only where the
  text shows wrapping (`indexer.ingest.wrapping`), never because a line lacks a 。.
- Headings stay their own paragraphs: a `#` line, and in a file with blank lines a block
  of one short line that ends no sentence, are marked as headings (`bold`), which the
  structure turns into heading units. Items of a list (two or more in a block) are
  marked as such: their numbers (`1.` `1.` in Markdown) are no heading numbers.

A one-language file is one language as a whole (`language.one_language`): a short or
all-kanji line inside a Japanese file stays Japanese. In a file declared as both, each
line goes to its own language, and a line with no evidence (a short Han-only heading)
follows the line before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.errors import IngestError
from indexer.ingest.headings import parse_label
from indexer.ingest.language import one_language, paragraph_language, require_languages
from indexer.ingest.paragraphs import Paragraph, ReadContext, is_shared_line, join_text
from indexer.ingest.wrapping import continues, is_terminated_or_open, pdf_width

_HEADING_MARK = re.compile(r"^#{1,6}\s+(.*?)(?:\s*\{#[^}]*\})?\s*#*$")
_LIST_ITEM = re.compile(r"^(?:[*+\-•・]\s+|\d{1,3}[.)．]\s+)")
HEADING_MAX = 40  # characters: a one-line block longer than this is a paragraph

Line = tuple[int, str]  # line number, text without surrounding spaces


def read_plain(text: str, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of a plain-text file, one language or line by line."""
    lines = [(n, raw.strip()) for n, raw in enumerate(text.split("\n"), 1)]
    blocks = _blocks(lines)
    if not blocks:
        raise IngestError(f"{ctx.name}: file is empty")
    if len(ctx.languages) == 2:
        return _line_by_line([x for b in blocks for x in b], ctx)
    if len(blocks) > 1:
        paragraphs = [p for block in blocks for p in _block_paragraphs(block, ctx)]
        layout = "paragraphs separated by blank lines"
    else:
        paragraphs = _line_paragraphs(blocks[0], ctx)
        layout = "one paragraph per line"
    out = one_language(paragraphs, ctx.languages[0], ctx.name, ctx.stated)
    require_languages(out, ctx.languages, ctx.name, layout)
    return out


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    blocks: list[list[Line]] = [[]]
    for n, line in lines:
        if line:
            blocks[-1].append((n, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def heading_text(line: str) -> str | None:
    """The title of a `#` heading line (`## 背景 {#background}` → 背景), else None."""
    m = _HEADING_MARK.match(line)
    return m.group(1).strip() or None if m else None


def starts_paragraph(line: str) -> bool:
    """Whether a line begins a paragraph of its own: a list item, numbered or `#` heading."""
    return bool(_LIST_ITEM.match(line) or parse_label(line) or heading_text(line))


def _block_paragraphs(block: list[Line], ctx: ReadContext) -> list[Paragraph]:
    """A blank-line block: one paragraph, cut only where a line starts one of its own."""
    out: list[Paragraph] = []
    joinable = False
    for n, line in block:
        title = heading_text(line)
        if title:
            out.append(Paragraph(title, "", n, bold=True))
            joinable = False
        elif joinable and not starts_paragraph(line):
            out[-1] = Paragraph(join_text(out[-1].text, line), "", out[-1].line)
        else:
            out.append(Paragraph(line, "", n, shared=is_shared_line(line, ctx.shared)))
            joinable = True
    if len(block) == 1 and len(out) == 1 and _looks_like_heading(out[0].text):
        out[0] = Paragraph(out[0].text, "", out[0].line, bold=True)
    if sum(1 for p in out if _LIST_ITEM.match(p.text)) >= 2:
        out = [replace(p, item=True) if _LIST_ITEM.match(p.text) else p for p in out]
    return out


def _looks_like_heading(text: str) -> bool:
    """A short line alone in its block that neither ends a sentence nor opens one (：, 、)."""
    return (
        len(text) <= HEADING_MAX
        and not is_terminated_or_open(text)
        and not _LIST_ITEM.match(text)
        and parse_label(text) is None
    )


def _line_paragraphs(lines: list[Line], ctx: ReadContext) -> list[Paragraph]:
    """One paragraph per line, joined only where the text shows the line was wrapped."""
    width = pdf_width([line for _, line in lines])
    out: list[Paragraph] = []
    previous = ""
    for n, line in lines:
        title = heading_text(line)
        if (
            previous
            and not title
            and not starts_paragraph(line)
            and continues(previous, line, width)
        ):
            out[-1] = Paragraph(join_text(out[-1].text, line), "", out[-1].line)
        elif title:
            out.append(Paragraph(title, "", n, bold=True))
        else:
            out.append(Paragraph(line, "", n, shared=is_shared_line(line, ctx.shared)))
        previous = "" if title else line
    return out


def _line_by_line(lines: list[Line], ctx: ReadContext) -> list[Paragraph]:
    """A bilingual file: each line in its own language; undecided lines follow the one before."""
    out: list[Paragraph] = []
    lang = ctx.languages[0]
    width = pdf_width([line for _, line in lines])
    previous = ""
    for n, line in lines:
        shared = is_shared_line(line, ctx.shared)
        own = None if shared else paragraph_language(line)
        joins = previous and own in (None, lang) and not starts_paragraph(line)
        if joins and continues(previous, line, width):
            out[-1] = Paragraph(join_text(out[-1].text, line), lang, out[-1].line)
            previous = line
            continue
        lang = own or lang
        out.append(Paragraph(line, lang, n, shared=shared))
        previous = "" if shared else line
    require_languages(out, ctx.languages, ctx.name, "one paragraph per line")
    return out
