"""When a line break is a wrap, not the writer's paragraph end: evidence from the text only.

A plain file with one paragraph per line is read line by line, and a line is joined to
the next only where the text itself shows the break was made by a width, not by the
writer:

- the line ends with a comma (，、,): no sentence, heading or list item ends there;
- the line ends mid-word: a Latin word hyphenated at the break (`imple-`/`mented`), or a
  Latin letter followed by a lowercase one on the next line (English wrapped inside a
  sentence);
- the file is laid out to a width (text copied from a PDF or a terminal): many of its
  lines fill the same width (`pdf_width`), and a line that fills it without ending a
  sentence continues on the next.

A missing 。 is not evidence: headings, captions, list items and lines ending in a
half-width `:` before a code example all lack one and are paragraphs of their own.
"""

from __future__ import annotations

import re

from indexer.ingest.paragraphs import is_terminated

COMMAS = ("，", "、", ",")
OPENERS = ("：", ":", "；", ";", *COMMAS)  # a line ending so introduces what follows
FULL = 0.9  # a line at least this share of the text width fills it
MIN_FULL_LINES = 3
FULL_SHARE = 0.25  # at least this share of the lines fill one width for a file to have one
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LOWER_START = re.compile(r"^[a-z]")


def display_width(line: str) -> int:
    """Width as printed: CJK and other wide characters count two, ASCII one."""
    return sum(1 if c.isascii() else 2 for c in line)


def pdf_width(lines: list[str]) -> int | None:
    """The width the text was laid out to, if many lines fill it; None for free-length lines.

    The widest width w such that at least `FULL_SHARE` of the lines (and 3) lie within
    [FULL·w, w]: paragraphs written one per line vary in length far more than that.
    """
    widths = sorted((display_width(x) for x in lines), reverse=True)
    need = max(MIN_FULL_LINES, FULL_SHARE * len(widths))
    for w in dict.fromkeys(widths):
        if sum(1 for x in widths if FULL * w <= x <= w) >= need:
            return w
    return None


def continues(line: str, following: str, width: int | None) -> bool:
    """Whether `line` was cut by a wrap and `following` is the rest of its paragraph."""
    if line.endswith(COMMAS):
        return True
    if _LOWER_START.match(following) and (_HYPHENATED.search(line) or _LATIN_END.search(line)):
        return True
    return bool(width) and display_width(line) >= FULL * width and not is_terminated(line)


def is_terminated_or_open(text: str) -> bool:
    """Ends a sentence (。！？) or introduces what follows (：, 、): no heading ends so."""
    t = text.rstrip()
    return is_terminated(t) or t.endswith(OPENERS)
