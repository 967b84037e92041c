"""From linked word cells to character-span links covering whole words and compounds.

UniDic cuts compounds into short units (クロス|ボーダー, 知的|財産|権) and jieba sometimes
cuts a Chinese term (知识|产权), so one term is often several linked words. Linked words
that touch (no character between them) and belong to one connected group of links are
merged into one span, so that a mark covers クロスボーダー, not クロス.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer.links.pair_words import Side
from storage.links_file import MEANING, STRONG, SURE, Link, is_probable  # noqa: F401

Cell = tuple[int, int]


def _groups(cells: Iterable[Cell]) -> list[list[Cell]]:
    """Connected components of the bipartite graph of cells (union-find; Chinese word i
    is node i, Japanese word k node -1 - k)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    cells = sorted(cells)
    for i, k in cells:
        parent[find(i)] = find(-1 - k)
    out: dict[int, list[Cell]] = {}
    for i, k in cells:
        out.setdefault(find(i), []).append((i, k))
    return list(out.values())


def _runs(words: Iterable[int], s: Side) -> dict[int, tuple[int, int]]:
    """Word index → character span of the run of touching words it belongs to."""
    idx = sorted(set(words))
    out: dict[int, tuple[int, int]] = {}
    run: list[int] = []
    for w in [*idx, None]:
        if run and (w is None or w != run[-1] + 1 or s.spans[run[-1]][1] != s.spans[w][0]):
            span = (s.spans[run[0]][0], s.spans[run[-1]][1])
            out.update(dict.fromkeys(run, span))
            run = []
        if w is not None:
            run.append(w)
    return out


def _strength(conf: float, codes: str) -> tuple[int, bool, bool, float]:
    """How well a cell is supported, compared in order: strong sources, then a source of
    meaning (a dictionary gloss D, a loanword's origin L), then the shape of a kanji in
    common (K), and the aligner's confidence last, since the priors above multiply it:
    机场 ↔ 空港 (airport, D) beats 机场 ↔ 場所 (场 in common, 1.0 by its K prior).
    Development cases: wrong marks 8 → 7, recall unchanged (held out: unchanged)."""
    cs = set(codes)
    return (len(cs & STRONG), bool(cs & MEANING), "K" in cs, conf + 0.5 * ("A" in cs))


def one_run_each(
    cells: dict[Cell, tuple[float, str]], zh: Side, ja: Side
) -> dict[Cell, tuple[float, str]]:
    """Keep, for each word, its links into one run of touching words only, the best
    supported: a word has one counterpart in its pair (a compound of several words is one
    run); a second, distant one is the aligner's mistake or a neighbour's counterpart.
    A word with evidence for one of its links drops those the aligner alone guessed
    (生活便利 ↔ 生活: 生活 by identity, 便利 a guess; dev wrong marks 21 → 20)."""
    for other, pos in ((ja, 0), (zh, 1)):
        by_word: dict[int, list[Cell]] = {}
        for cell in cells:
            by_word.setdefault(cell[pos], []).append(cell)
        for mine in by_word.values():
            if len(mine) < 2:  # one link: one run, nothing to choose or drop
                continue
            if any(set(cells[c][1]) & STRONG for c in mine):
                for c in mine:  # beside evidence, the aligner's guess for a neighbour
                    if not set(cells[c][1]) - {"a", "A"}:
                        cells.pop(c, None)
                mine = [c for c in mine if c in cells]
            runs = _runs((c[1 - pos] for c in mine), other)
            if len(set(runs.values())) < 2:
                continue
            score: dict[tuple[int, int], tuple[int, bool, bool, float]] = {}
            for c in mine:
                r = runs[c[1 - pos]]
                score[r] = max(score.get(r, (0, False, False, 0.0)), _strength(*cells[c]))
            best = max(score, key=lambda r: (score[r], -r[0]))
            for c in mine:
                if runs[c[1 - pos]] != best:
                    cells.pop(c, None)
    return cells


def to_links(zh: Side, ja: Side, cells: dict[Cell, tuple[float, str]]) -> list[Link]:
    """Merge linked words into span links; confidence is the best cell's, codes the union."""
    merged: dict[tuple[int, int, int, int], tuple[float, set[str]]] = {}
    for group in _groups(cells):
        zr = _runs((i for i, _ in group), zh)
        jr = _runs((k for _, k in group), ja)
        for cell in group:
            key = (*zr[cell[0]], *jr[cell[1]])
            conf, codes = cells[cell]
            if key in merged:
                best, seen = merged[key]
                merged[key] = (max(best, conf), seen | set(codes))
            else:
                merged[key] = (max(0.0, conf), set(codes))
    return [
        (*key, round(conf, 3), "".join(sorted(codes)))
        for key, (conf, codes) in sorted(merged.items())
    ]


KANJI_ONLY = frozenset("KaA")  # a kanji in common, and the aligner: no evidence of meaning


def kanji_span(zh: Side, ja: Side, links: list[Link]) -> list[Link]:
    """A link whose only evidence is a kanji in common covers, on the Chinese side, the
    characters from the first to the last kanji the two spans share: that is all the
    evidence says. jieba glues a word to its neighbour where UniDic keeps short units
    (我父 ↔ 父, 迦拿行 ↔ 行い), so a query for the glued neighbour (我, 迦拿) would
    otherwise take the other word's counterpart as its own. A query on the shared part,
    or on the whole word, still overlaps the link; a link with any evidence of meaning is
    left whole (its words translate as a whole).

    >>> from indexer.links.pair_words import side
    >>> kanji_span(side("我父", "zh"), side("父", "ja"), [(0, 2, 0, 1, 1.0, "AK")])
    [(1, 2, 0, 1, 1.0, 'AK')]
    """
    out = []
    for link in links:
        zs, ze, js, je = link[:4]
        if "K" in link[5] and set(link[5]) <= KANJI_ONLY:
            shared = set(ja.folded[js:je])
            at = [n for n in range(zs, ze) if zh.folded[n] in shared and _is_han(zh.folded[n])]
            if at:
                link = (at[0], at[-1] + 1, *link[2:])
        out.append(link)
    return out


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
