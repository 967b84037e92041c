"""Bracketed glosses: what a translator put in brackets translates what stands beside it.

Two shapes recur in the corpus, and in both the words inside the brackets are often seen
once, so that no statistic can link them:

- *parallel brackets*: both sides gloss the same term, 展会（交易会） ↔ 展示会（見本市），
  车联网（智能网联汽车） ↔ Internet of Vehicles（Intelligent and Connected Vehicle）:
  the two bracket contents translate each other. Two bracket groups are parallel when the
  words just before them are linked, or, both unlinked, when they stand at about the same
  relative place in their texts;
- *an added gloss*: one side only explains a term, 合伙人 ↔ 有限責任組合 (QDLP), 一窓受理・
  同時取証（ワンストップ受理・証書の同時取得）: each piece of the gloss (pieces split at
  ・ 、) translates the same as the item before the bracket in the same place of the
  enumeration, so it takes that item's links.

Only words no link explains yet (but the aligner's guesses between two parallel brackets)
are linked, and only when they make one term on each side: a bracket that repeats the
other side (the `P` evidence of `priors`), holds known words or a whole sentence keeps
the links it has. Code `B`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from indexer.links.pair_words import PairTokens, Side
from indexer.links.spans import is_probable

Cell = tuple[int, int]
Cells = dict[Cell, tuple[float, str]]
_GROUP = re.compile(r"[（(]([^（）()]{1,60})[）)]")
_SEPARATOR = re.compile(r"[・、，,；;]")
NEAR = 0.1  # relative places of two parallel brackets with unlinked terms before them
CONFIDENCE = 0.9


@dataclass(frozen=True)
class Group:
    """One bracket group: its character span, the words inside, the word before it."""

    start: int
    end: int
    inner: tuple[int, ...]
    before: int | None


def groups(s: Side) -> list[Group]:
    """The bracket groups of one side, with the word indices inside and just before."""
    out = []
    for m in _GROUP.finditer(s.text):
        inner = tuple(w for w, (a, b) in enumerate(s.spans) if a >= m.start(1) and b <= m.end(1))
        before = [w for w, (_, b) in enumerate(s.spans) if b <= m.start()]
        prev = (
            before[-1]
            if before and not s.text[s.spans[before[-1]][1] : m.start()].strip()
            else None
        )
        if inner:
            out.append(Group(m.start(), m.end(), inner, prev))
    return out


def add_bracket_cells(p: PairTokens, cells: Cells) -> None:
    """Add to `cells` what bracketed glosses show (dropping the weak guesses they undo)."""
    zg, jg = groups(p.zh), groups(p.ja)
    linked = {(i, k) for i, k in cells}
    out: Cells = {}
    paired_z, paired_j = set(), set()
    for a, g in enumerate(zg):
        for b, h in enumerate(jg):
            if b in paired_j or not _parallel(g, h, p, linked):
                continue
            _link_parallel(out, p, g, h, cells)
            paired_z.add(a)
            paired_j.add(b)
            break
    for side, other, gs, paired, pos in (
        (p.zh, p.ja, zg, paired_z, 0),
        (p.ja, p.zh, jg, paired_j, 1),
    ):
        for n, g in enumerate(gs):
            if n not in paired:
                _inherit(out, side, other, g, cells, pos)
    cells.update(out)


def _link_parallel(out: Cells, p: PairTokens, g: Group, h: Group, cells: Cells) -> None:
    """The words of two parallel brackets that no sure link ties elsewhere, linked as one
    term each; the aligner's weak guesses for them (a kanji in common with a neighbour,
    a word seen once beside it) give way."""
    sure = {c: v for c, v in cells.items() if not is_probable(*v)}
    outside = {c: v for c, v in sure.items() if c[0] not in g.inner or c[1] not in h.inner}
    zh, ja = _free(g.inner, p.zh, outside, 0), _free(h.inner, p.ja, outside, 1)
    if not (_one_run(p.zh, zh) and _one_run(p.ja, ja)):
        return
    for c in [c for c in cells if (c[0] in zh) != (c[1] in ja)]:
        del cells[c]
    _link(out, zh, ja, flip=False, cells=cells)


def _parallel(g: Group, h: Group, p: PairTokens, linked: set[Cell]) -> bool:
    if g.before is None or h.before is None:
        return False
    if (g.before, h.before) in linked:
        return True
    z_free = all(c[0] != g.before for c in linked)
    j_free = all(c[1] != h.before for c in linked)
    near = abs(g.start / len(p.zh.text) - h.start / len(p.ja.text)) <= NEAR
    return z_free and j_free and near


def _one_run(s: Side, words: list[int]) -> bool:
    """Whether `words` are one term: consecutive, nothing but spaces between them."""
    return bool(words) and all(
        b == a + 1 and not s.text[s.spans[a][1] : s.spans[b][0]].strip() for a, b in pairwise(words)
    )


def _largest_run(s: Side, words: set[int]) -> list[int]:
    """The longest run of consecutive words among `words` (the glossed term, not a
    repeated word of it linked elsewhere in the text)."""
    runs: list[list[int]] = []
    for w in sorted(words):
        if runs and w == runs[-1][-1] + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    return max(runs, key=len) if runs else []


def _free(words: tuple[int, ...], s: Side, cells: Cells, pos: int) -> list[int]:
    """The content words among `words` that no cell links yet."""
    done = {c[pos] for c in cells}
    return [w for w in words if w not in done and not s.function[w]]


def _link(out: Cells, zh: list[int], ja: list[int], flip: bool, cells: Cells | None = None) -> None:
    """Every word of one side's run with every word of the other's, code B added to what
    the cell already had."""
    for i in zh:
        for k in ja:
            cell = (k, i) if flip else (i, k)
            conf, codes = (cells or {}).get(cell, (CONFIDENCE, ""))
            out[cell] = (max(conf, CONFIDENCE), codes + "B")


def _inherit(out: Cells, s: Side, other: Side, g: Group, cells: Cells, pos: int) -> None:
    """Each piece of an added gloss takes the links of the item before the bracket at the
    same place of the enumeration (pieces and items split at ・ 、)."""
    if g.before is None:
        return
    pieces = _split(s, g.inner)
    items = _items_before(s, g.before, len(pieces))
    if len(items) != len(pieces):
        return
    for piece, item in zip(pieces, items, strict=True):
        free = _free(tuple(piece), s, cells, pos)
        if len(free) != len(piece) or not _one_run(s, free):
            continue  # a piece with known words or grammar is not a bare term
        targets = _largest_run(other, {c[1 - pos] for c in cells if c[pos] in item})
        _link(out, free, targets, flip=pos == 1)


def _split(s: Side, words: tuple[int, ...]) -> list[list[int]]:
    """Words split into pieces where a separator stands between two neighbours."""
    pieces: list[list[int]] = [[words[0]]]
    for prev, w in pairwise(words):
        if _SEPARATOR.search(s.text[s.spans[prev][1] : s.spans[w][0]]):
            pieces.append([])
        pieces[-1].append(w)
    return pieces


def _items_before(s: Side, last: int, n: int) -> list[list[int]]:
    """The `n` enumeration items ending at word `last`, first item first ([] when the
    enumeration has fewer, or another bracket or clause punctuation comes first)."""
    items: list[list[int]] = [[last]]
    w = last
    while w > 0:
        gap = s.text[s.spans[w - 1][1] : s.spans[w][0]]
        if _SEPARATOR.search(gap):
            if len(items) == n:
                break
            items.insert(0, [])
        elif gap.strip():
            break
        w -= 1
        items[0].insert(0, w)
    return items if len(items) == n else []
