"""Show search results on a terminal: two columns, CJK-width aware, marks in colour.

Chinese and Japanese characters take two terminal cells, so wrapping by `len()` would
misalign the columns; we count cells with `unicodedata.east_asian_width`.
"""

from __future__ import annotations

import html
import re
import unicodedata

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
ON, OFF = "\x1b[1;30;43m", "\x1b[0m"


def cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def marked_segments(fragment: str) -> list[tuple[str, bool]]:
    """Split highlight HTML into (text, is_marked) pieces, unescaped."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _MARK.finditer(fragment):
        out.append((html.unescape(fragment[pos : m.start()]), False))
        out.append((html.unescape(m.group(1)), True))
        pos = m.end()
    out.append((html.unescape(fragment[pos:]), False))
    return [(t, k) for t, k in out if t]


def wrap(fragment: str, width: int, color: bool) -> list[str]:
    """Wrap highlight HTML into lines of at most `width` cells, padded to width."""
    lines: list[str] = []
    cur, used, marked_now = [], 0, False
    for text, marked in marked_segments(fragment):
        for c in text.replace("\n", " "):
            w = cells(c)
            if used + w > width:
                if marked_now and color:
                    cur.append(OFF)
                lines.append("".join(cur) + " " * (width - used))
                cur, used, marked_now = [], 0, False
            if marked != marked_now:
                cur.append((ON if marked else OFF) if color else ("⟦" if marked else "⟧"))
                marked_now = marked
            cur.append(c)
            used += w
        if marked_now:
            cur.append(OFF if color else "⟧")
            marked_now = False
    if cur:
        lines.append("".join(cur) + " " * (width - used))
    return lines or [" " * width]


def side_by_side(left: str, right: str, width: int, color: bool) -> str:
    """Two highlight fragments as two columns separated by a bar."""
    col = max(10, (width - 3) // 2)
    a, b = wrap(left, col, color), wrap(right, col, color)
    n = max(len(a), len(b))
    a += [" " * col] * (n - len(a))
    b += [" " * col] * (n - len(b))
    return "\n".join(f"{x} │ {y}".rstrip() for x, y in zip(a, b, strict=True))
