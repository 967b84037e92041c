"""Parallel concordance (KWIC, key word in context): one line per occurrence of the query.

Researchers and terminologists read a term's uses as a column: the term centred, its left
and right context on either side, and, because this corpus is aligned, the other side of
the pair centred on its marked rendering with *its own* left and right context (as
Sketch Engine's parallel concordance and memoQ's do), so word order and collocations can
be read in both languages. The lines are built from the engine's marks only: a `query`
mark is an occurrence; the `counterpart` and `probable` marks of the other side of the
same pair are its rendering. No Flask, no HTML: the page, the CSV export and the tests all
read these dataclasses.

When a pair holds several query terms (数据 安全), a counterpart mark is given to the
occurrence whose glossary equivalent it is (`expansions`: 数据 → データ); marks no
equivalent explains are shown for every occurrence of that side, since the engine does
not say which term they translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engine.api import Equivalent, Hit, Mark, Side

CONTEXT_CHARS = 24  # characters of context kept on each side of the keyword
SORT_KEYS = ("hit", "left", "right", "keyword", "counterpart", "other_left", "other_right")
COUNTERPART_KINDS = ("counterpart", "probable")


@dataclass(frozen=True)
class Line:
    """One occurrence: `left` + `keyword` + `right` is a slice of the clause's `lang` side."""

    hit: Hit
    lang: str  # the side the keyword is on: "zh" or "ja"
    left: str
    keyword: str
    right: str
    counterpart: tuple[str, ...]  # renderings marked on the other side
    probable: bool  # True when every rendering shown is only a probable one
    # The other side around the rendering shown in the centre (`other_keyword`); the whole
    # other text in `other_right` when nothing there is marked.
    other_left: str = ""
    other_keyword: str = ""
    other_right: str = ""

    @property
    def other_lang(self) -> str:
        return "ja" if self.lang == "zh" else "zh"

    @property
    def counterpart_text(self) -> str:
        return " / ".join(self.counterpart)


def _side(hit: Hit, lang: str) -> Side | None:
    return hit.zh if lang == "zh" else hit.ja


def _renderings(
    keyword: str, other: Side | None, expansions: Sequence[Equivalent]
) -> tuple[tuple[str, ...], bool, list[Mark]]:
    """The other side's counterpart marks for `keyword`: their texts, whether all are
    probable, and the marks themselves."""
    if other is None:
        return (), False, []
    marks = [m for m in other.marks if m.kind in COUNTERPART_KINDS]
    if not marks:  # a shared-kanji word is a query mark on both sides (安全 / 安全)
        marks = [m for m in other.marks if other.text[m.start : m.end] == keyword]
    known = {e.target for e in expansions if e.source == keyword}
    # Marks explained by another query term's equivalent belong to that term, not this one.
    others = {e.target for e in expansions if e.source != keyword} - known
    chosen = [m for m in marks if other.text[m.start : m.end] in known]
    if not chosen:
        chosen = [m for m in marks if other.text[m.start : m.end] not in others] or marks
    texts = tuple(dict.fromkeys(other.text[m.start : m.end] for m in chosen))
    return texts, bool(chosen) and all(m.kind == "probable" for m in chosen), chosen


def _centre(marks: list[Mark], at: float, text: str, rendering: str | None) -> Mark | None:
    """The rendering to centre: the one asked for, else the mark nearest the keyword's
    relative place in its own clause (the n-th occurrence faces the n-th rendering)."""
    if rendering is not None:
        marks = [m for m in marks if text[m.start : m.end] == rendering]
    if not marks:
        return None
    return min(marks, key=lambda m: abs(m.start / max(len(text), 1) - at))


def lines(
    hits: Iterable[Hit],
    expansions: Sequence[Equivalent] = (),
    context: int = CONTEXT_CHARS,
    rendering: str | None = None,
) -> list[Line]:
    """Every query mark of every hit as a concordance line, in hit order.

    `rendering`: keep only the lines whose other side has exactly that rendering marked,
    centred on it.

    >>> from engine.api import DocRef, Mark, Title
    >>> zh = Side("推进资金跨境流动便利", [Mark(4, 6, "query")])
    >>> ja = Side("資金クロスボーダー流動利便化", [Mark(2, 9, "counterpart")])
    >>> hit = Hit("c1", DocRef("d", Title()), [], None, 0, 1.0, zh, ja)
    >>> [(x.left, x.keyword, x.right, x.counterpart) for x in lines([hit])]
    [('推进资金', '跨境', '流动便利', ('クロスボーダー',))]
    >>> [(x.other_left, x.other_keyword, x.other_right) for x in lines([hit])]
    [('資金', 'クロスボーダー', '流動利便化')]
    """
    out: list[Line] = []
    for hit in hits:
        for lang in ("zh", "ja"):
            side = _side(hit, lang)
            if side is None:
                continue
            other = _side(hit, "ja" if lang == "zh" else "zh")
            for mark in side.marks:
                if mark.kind != "query":
                    continue
                line = _line(hit, lang, side, mark, other, expansions, context, rendering)
                if line is not None:
                    out.append(line)
    return out


def _line(
    hit: Hit,
    lang: str,
    side: Side,
    mark: Mark,
    other: Side | None,
    expansions: Sequence[Equivalent],
    context: int,
    rendering: str | None,
) -> Line | None:
    keyword = side.text[mark.start : mark.end]
    texts, probable, chosen = _renderings(keyword, other, expansions)
    if rendering is not None and rendering not in texts:
        return None
    at = mark.start / max(len(side.text), 1)
    otext = other.text if other is not None else ""
    centre = _centre(chosen, at, otext, rendering)
    if centre is None:
        o_left, o_kw, o_right = "", "", otext[: 2 * context]
    else:
        o_left = otext[max(0, centre.start - context) : centre.start]
        o_kw = otext[centre.start : centre.end]
        o_right = otext[centre.end : centre.end + context]
    return Line(
        hit=hit,
        lang=lang,
        left=side.text[max(0, mark.start - context) : mark.start],
        keyword=keyword,
        right=side.text[mark.end : mark.end + context],
        counterpart=texts,
        probable=probable,
        other_left=o_left,
        other_keyword=o_kw,
        other_right=o_right,
    )


def renderings_of(found: Iterable[Line]) -> list[tuple[str, int]]:
    """(rendering, lines) over the concordance, most lines first: the filter's choices."""
    counts: dict[str, int] = {}
    for line in found:
        for text in line.counterpart:
            counts[text] = counts.get(text, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


def sort_lines(found: list[Line], key: str) -> list[Line]:
    """Lines sorted as a concordancer sorts them; stable, so hit order breaks ties.

    `left` sorts on the characters nearest the keyword first (the left context read
    backwards), which groups the words that precede the term; `right` on what follows it;
    `counterpart` groups the renderings, lines with none last; `other_left` and
    `other_right` do the same with the other side's context around its rendering.
    """
    if key == "left":
        return sorted(found, key=lambda x: x.left[::-1])
    if key == "right":
        return sorted(found, key=lambda x: x.right)
    if key == "other_left":
        return sorted(found, key=lambda x: (not x.other_keyword, x.other_left[::-1]))
    if key == "other_right":
        return sorted(found, key=lambda x: (not x.other_keyword, x.other_right))
    if key == "keyword":
        return sorted(found, key=lambda x: x.keyword)
    if key == "counterpart":
        return sorted(found, key=lambda x: (not x.counterpart, x.counterpart_text))
    return list(found)
