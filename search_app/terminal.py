"""Show search results on a terminal: two columns, CJK-width aware, marks by kind.

Chinese and Japanese characters take two terminal cells, so wrapping by `len()` would
misalign the columns; we count cells with `unicodedata.east_asian_width`. Marks come
from the engine's spans: on a colour terminal query terms are black on yellow and
counterparts black on cyan (probable ones underlined only); piped output brackets them
instead (`⟦query⟧`, `⟪counterpart⟫`, `⟨probable⟩`), so the kinds stay apart without colour.
"""

from __future__ import annotations

import unicodedata

from engine.api import Side

OFF = "\x1b[0m"
COLOURS = {"query": "\x1b[1;30;43m", "counterpart": "\x1b[1;30;46m", "probable": "\x1b[4;36m"}
BRACKETS = {"query": ("⟦", "⟧"), "counterpart": ("⟪", "⟫"), "probable": ("⟨", "⟩")}


def cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def segments(side: Side | None) -> list[tuple[str, str | None]]:
    """(text, mark kind or None) pieces of a side, in order."""
    if side is None:
        return []
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in side.marks:
        out.append((side.text[pos : m.start], None))
        out.append((side.text[m.start : m.end], m.kind))
        pos = m.end
    out.append((side.text[pos:], None))
    return [(t, k) for t, k in out if t]


def _units(side: Side | None, color: bool) -> list[tuple[str, int]]:
    """Printable units with their cell widths; a short mark is one unit, so a line break
    never splits it (a mark wider than a line is broken character by character)."""
    units: list[tuple[str, int]] = []
    for text, kind in segments(side):
        text = text.replace("\n", " ")
        if kind is None:
            units.extend((c, cells(c)) for c in text)
            continue
        on, off = (COLOURS[kind], OFF) if color else BRACKETS[kind]
        extra = 0 if color else 2
        units.append((on + text + off, cells(text) + extra))
    return units


def wrap(side: Side | None, width: int, color: bool) -> list[str]:
    """Wrap a side into lines of at most `width` cells, padded to width."""
    lines: list[str] = []
    cur: list[str] = []
    used = 0

    def flush() -> None:
        nonlocal cur, used
        lines.append("".join(cur) + " " * (width - used))
        cur, used = [], 0

    for unit, w in _units(side, color):
        if w > width:  # a mark longer than a line: one marked run per line it spans
            on, off, body = _parts(unit)
            extra = 0 if color else 2
            while body:
                chunk = _fit(body, width - used - extra)
                if not chunk:
                    flush()
                    continue
                cur.append(on + chunk + off)
                used += cells(chunk) + extra
                body = body[len(chunk) :]
                if body:
                    flush()
            continue
        if used + w > width:
            flush()
        cur.append(unit)
        used += w
    if cur:
        flush()
    return lines or [" " * width]


def _parts(unit: str) -> tuple[str, str, str]:
    """(opening, closing, text) of a marked unit: escape codes or brackets."""
    on = unit[: unit.index("m") + 1] if unit.startswith("\x1b") else unit[0]
    off = OFF if unit.startswith("\x1b") else unit[-1]
    return on, off, unit[len(on) : len(unit) - len(off)]


def _fit(text: str, room: int) -> str:
    """The longest start of `text` that fits in `room` cells."""
    used = 0
    for i, c in enumerate(text):
        used += cells(c)
        if used > room:
            return text[:i]
    return text


def side_by_side(left: Side | None, right: Side | None, width: int, color: bool) -> str:
    """Two sides as two columns separated by a bar."""
    col = max(10, (width - 3) // 2)
    a, b = wrap(left, col, color), wrap(right, col, color)
    n = max(len(a), len(b))
    a += [" " * col] * (n - len(a))
    b += [" " * col] * (n - len(b))
    return "\n".join(f"{x} │ {y}".rstrip() for x, y in zip(a, b, strict=True))


def heading(first: str, crumbs: list[str], tail: str, width: int) -> list[str]:
    """A hit's header (id, breadcrumb, score) wrapped to `width` cells at ` › ` joins.

    Continuation lines are indented; a single crumb wider than the line is cut with `…`,
    so a header never runs past the terminal's edge.
    """
    pieces = [first, *[(" › " if i else " ") + c for i, c in enumerate(crumbs)], "  " + tail]
    lines, cur = [], ""
    for piece in pieces:
        if cur and cells(cur + piece) > width:
            lines.append(cur)
            cur = "    " + piece.lstrip()
        else:
            cur += piece
        if cells(cur) > width:
            cur = _cut(cur, width)
    lines.append(cur)
    return lines


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        if used + cells(ch) > width - 1:
            return out + "…"
        out += ch
        used += cells(ch)
    return out
