"""Repairs of a pair's word cells after the aligner, each a mistake Model 1 makes.

Model 1 sees words, not places: it cannot tell two occurrences of a word apart, nor a
weak guess beside an identity from a rendering. Each function takes a pair's cells
((zh word, ja word) → (confidence, evidence codes)) and changes them in place; `align`
runs them in order. Figures are on the hand-checked spotting cases (tests/spotting).
"""

from __future__ import annotations

import re

from indexer.links.pair_words import PairTokens
from indexer.links.priors import Cell
from indexer.links.spans import STRONG, SURE

Cells = dict[Cell, tuple[float, str]]
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
SPAN_JA = 3  # how far from a linked Japanese word its neighbour may be (particles, する)
GUESS = frozenset("aAKg")  # the codes of a link `stray` may drop: the aligner, weak priors
WEAK_PRIOR = frozenset("Kg")  # priors whose boost alone may make the aligner confident


def contiguous(cells: Cells, p: PairTokens) -> None:
    """A Chinese word said twice whose link stands apart from its neighbours' links goes
    to the occurrence beside them (moved if that one is unlinked, dropped if it has the
    same link already): a translation keeps a term's words together.

    Development cases: recall +0.002, held out +0.002 and wrong marks −0.002. The same
    on the Japanese side lost on the development cases (wrong marks +0.004)."""
    where = _positions(p.zh.keys)
    for c in sorted(cells):
        if c not in cells or len(where[p.zh.keys[c[0]]]) < 2 or _near(cells, c):
            continue
        linked = {i for i, _ in cells}
        for w in where[p.zh.keys[c[0]]]:
            moved = (w, c[1])
            if w == c[0] or not _near(cells, moved):
                continue
            if moved in cells:  # the occurrence beside its neighbours has it already
                del cells[c]
            elif w not in linked:
                cells[moved] = cells.pop(c)
            else:
                continue
            break


def _near(cells: Cells, c: Cell) -> bool:
    """Whether a neighbour of Chinese word `c[0]` links near Japanese word `c[1]`."""
    return any(d != c and abs(d[0] - c[0]) == 1 and 0 < abs(d[1] - c[1]) <= SPAN_JA for d in cells)


def _positions(keys: tuple[str, ...]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for n, key in enumerate(keys):
        out.setdefault(key, []).append(n)
    return out


def stray(cells: Cells) -> None:
    """Drop a guess of the aligner alone (no evidence, probable) when the Chinese words
    on both sides of its word are linked, and all their links stand apart from it: a
    translation keeps a word near its two neighbours, and a lone unsure guess far from
    both neighbours' counterparts is Model 1 filling an unexplained word with whatever
    is left (竞争力显著增强 ↔ 競争力…強化, while 显著 took 整備 many words away). One
    unlinked neighbour (为 in 以…为承载 ↔ …をキャリアとする) keeps the guess: the
    order may have turned round there.

    A link whose only evidence is a weak prior (a kanji in common, K; a glossary entry
    of two pairs, g) counts as a guess whatever its confidence: the prior multiplies the
    aligner's posterior, so the confidence echoes the prior (一批 ↔ 一般 at 0.98 for the
    kanji 一, 通用航空 ↔ 一般航空 far from 一批's neighbours). Development cases: wrong
    marks 9 → 8, recall unchanged (held out: wrong marks 21 → 19, recall unchanged); a
    dictionary gloss (D) as well lost 8 development cases of recall."""
    by_zh: dict[int, list[int]] = {}
    for i, k in cells:
        by_zh.setdefault(i, []).append(k)
    for c in sorted(cells):
        conf, cs = cells[c]
        if set(cs) - GUESS or (conf >= SURE and not set(cs) & WEAK_PRIOR):
            continue
        i, k = c
        left, right = by_zh.get(i - 1, []), by_zh.get(i + 1, [])
        if left and right and all(abs(w - k) > SPAN_JA for w in left + right):
            del cells[c]
            by_zh[i].remove(k)


def sandwiched(cells: Cells, codes: dict[Cell, str], p: PairTokens) -> None:
    """Pair a free content word with the one free content word its neighbours' links
    leave beside them, when that word's neighbours leave it alone in turn: 服务商在京落地
    ↔ サービス業者が北京において開業: 京 ↔ 北京 leaves 開業 only, and it is 落地's,
    whatever Model 1 thought of the two (a paraphrase too rare to be learned). A guess by
    place alone: probable (code a). Development cases: recall +0.004, wrong marks +0.002
    (held out: recall +0.002). Run after the leftover pairing. A curated `!` entry blocks
    the pair as it blocks any link."""
    anchors = [c for c, (conf, cs) in cells.items() if set(cs) & STRONG or conf >= SURE]
    zh_free = _free(p.zh.function, {i for i, _ in cells})
    ja_free = _free(p.ja.function, {k for _, k in cells})
    near_ja: dict[int, set[int]] = {}
    near_zh: dict[int, set[int]] = {}
    for i, k in anchors:  # words beside an anchor's Chinese word, near its Japanese one
        for w in range(k - SPAN_JA, k + SPAN_JA + 1):
            for z in (i - 1, i + 1):
                if w != k and z in zh_free and w in ja_free:
                    near_ja.setdefault(z, set()).add(w)
                    near_zh.setdefault(w, set()).add(z)
    for i, ks in sorted(near_ja.items()):
        k = next(iter(ks))
        if (
            len(ks) == 1
            and near_zh[k] == {i}
            and _words(p, i, k)
            and "X" not in codes.get((i, k), "")
        ):
            cells[i, k] = (0.0, "a")


def _free(function: tuple[bool, ...], linked: set[int]) -> set[int]:
    return {w for w, f in enumerate(function) if not f and w not in linked}


def _words(p: PairTokens, i: int, k: int) -> bool:
    """Both of two characters or more: a one-character word left over is a suffix or a
    preposition more often than a term (北京市特定区域内 ↔ 人民元)."""
    return len(p.zh.keys[i]) > 1 and len(p.ja.keys[k]) > 1
