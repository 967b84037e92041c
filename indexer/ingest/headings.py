"""Recognise numbered headings (一、 （一） 1.) and attachment markers at paragraph starts.

Both languages number headings the same way, so the normalised label (not the heading text)
is what pairs a Chinese heading with its Japanese counterpart.

Laws and regulations number their units with 第…: 第一章 (chapter), 第一节 / 第1節 (section
of a chapter), 第一条 / 第1条 (article), and inside an article 第一款 (zh) / 第1項 (ja) for
a paragraph and 第一项 (zh) / 第1号 (ja) for an item of a list: Chinese 款 is Japanese 項,
Chinese 项 is Japanese 号, as the two legal systems number them. The 第… label is followed
by a space (or ends the line), so a sentence that merely begins with "第三条规定" is text
(the units and numbers: `analyzers.legal`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers import legal

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_NUM = "[一二三四五六七八九十〇零百]{1,4}"
_MARKERS = "附件|附属文書|付属文書|添付文書|別添|别添"

_PATTERNS = (
    ("legal", re.compile(rf"^(第)\s*({legal.NUMBER})\s*([{''.join(legal.UNITS)}])(?:\s+(.*)|)$")),
    ("reference", re.compile(rf"^({_MARKERS})\s*(\d*)\s*[：:]\s*(\S.*)$")),
    ("marker", re.compile(rf"^({_MARKERS})\s*(\d*)$")),
    ("numeral", re.compile(rf"^()({_NUM})\s*、\s*(.*)$")),
    ("paren", re.compile(rf"^[（(]\s*()({_NUM})\s*[)）]\s*(.*)$")),
    ("arabic", re.compile(r"^()(\d{1,3})\s*[.．、](?![\d.．])\s*(\S.*)$")),
)


@dataclass(frozen=True)
class Label:
    """A heading label: its kind, its number, the display label and the text after it.

    kind: "numeral" 一、, "paren" （一）, "arabic" 1., "marker" 附件 (alone on its line),
    "reference" 附件：title (the letter's pointer to its attachment), and the legal units
    "chapter", "division", "article", "paragraph", "subitem" (第X章 … 第X号), whose `label`
    is the number as digits ("7": the same in both languages) and `written` the label as
    the text writes it ("第七条", "第7条").
    """

    kind: str
    number: int
    label: str
    rest: str
    written: str = ""


def numeral_value(s: str) -> int:
    """Value of a Chinese numeral up to the hundreds: 十一 → 11, 二十 → 20, 一百零五 → 105."""
    total, current = 0, 0
    for c in s:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "千":
            total += (current or 1) * 1000
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _DIGITS[c]
    return total + current


def parse_label(text: str) -> Label | None:
    """The heading label at the start of `text`, or None for an ordinary paragraph."""
    t = text.strip()
    for kind, pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        if kind == "legal":
            return _legal(m)
        word, num, rest = m.group(1), m.group(2), m.group(3) if m.lastindex == 3 else ""
        if kind in ("marker", "reference"):
            return Label(kind, int(num or 1), word, rest.strip())
        if kind == "arabic":
            return Label(kind, int(num), str(int(num)), rest.strip())
        value = numeral_value(num)
        label = f"（{num}）" if kind == "paren" else num
        return Label(kind, value, label, rest.strip())
    return None


def _legal(m: re.Match[str]) -> Label:
    """第七条 为了… → Label("article", 7, "7", "为了…", "第七条")."""
    num, unit, rest = m.group(2), m.group(3), m.group(4) or ""
    value = int(num) if num.isdigit() else numeral_value(num)
    written = m.group(0)[: m.end(3) - m.start(0)].replace(" ", "")
    return Label(legal.UNITS[unit], value, str(value), rest.strip(), written)
