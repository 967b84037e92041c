"""Mark query terms and their counterparts in a clause, as escaped HTML with `<mark>` only.

Spans come from two kinds of needle: folded surfaces found as substrings of the folded
text (so 贸易 marks 貿易, a compound such as クロスボーダー is one span, and the longest
overlapping match wins because overlapping spans are merged), and sequences of analysed
Japanese terms matched on the clause's own tokens (so 設立する marks the inflected 設立し).
The text is escaped piece by piece around the spans, so nothing but `<mark>` is inserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from analyzers import japanese
from analyzers.folding import fold


def fold_key(text: str) -> str:
    """Folded, lower-cased, same length as `text` (so offsets carry over)."""
    folded = fold(text)
    low = folded.lower()
    if len(low) == len(folded):  # lower() never shrinks: equal length means 1:1 everywhere
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


@dataclass
class Needles:
    """What to mark on one side: folded surfaces and Japanese term sequences."""

    surfaces: set[str] = field(default_factory=set)
    sequences: set[tuple[str, ...]] = field(default_factory=set)

    def add_surface(self, s: str) -> None:
        s = fold_key(s.strip())
        if s:
            self.surfaces.add(s)

    def __bool__(self) -> bool:
        return bool(self.surfaces or self.sequences)


def find_spans(text: str, needles: Needles, lang: str) -> list[tuple[int, int]]:
    """Character spans of every needle occurrence (unmerged)."""
    spans: list[tuple[int, int]] = []
    key = fold_key(text)
    for s in needles.surfaces:
        start = key.find(s)
        while start != -1:
            spans.append((start, start + len(s)))
            start = key.find(s, start + 1)
    if lang == "ja" and needles.sequences:
        toks = [(fold_key(t), a, b) for t, a, b in japanese.words(text, mode="query")]
        for seq in needles.sequences:
            n = len(seq)
            for i in range(len(toks) - n + 1):
                if tuple(t for t, _, _ in toks[i : i + n]) == seq:
                    spans.append((toks[i][1], toks[i + n - 1][2]))
    return spans


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping or touching spans, in order: the longest match is what shows."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def to_html(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape `text`, wrapping each merged span in <mark>."""
    parts: list[str] = []
    pos = 0
    for a, b in merge(spans):
        parts.append(escape(text[pos:a], quote=False))
        parts.append("<mark>" + escape(text[a:b], quote=False) + "</mark>")
        pos = b
    parts.append(escape(text[pos:], quote=False))
    return "".join(parts)


def highlight(text: str, needles: Needles, lang: str) -> str:
    """Escaped HTML of `text` with every needle marked."""
    return to_html(text, find_spans(text, needles, lang) if needles else [])
