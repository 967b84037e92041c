"""Align the Chinese and Japanese clauses under one heading by dynamic programming.

Beads: 1-1, 1-2, 2-1 (one language splits a sentence the other keeps whole, or a Chinese
`；` list that Japanese writes as separate `。` sentences), 1-3/3-1 for longer lists,
1-0/0-1 for a clause with no counterpart, and a swap (two neighbours a translator put in
the other order). Each matching bead costs its dissimilarity plus a small price for
merging; a skipped clause costs more than almost any match, because translations rarely
drop sentences but extraction often splits them.

Lexical evidence guards merges: every clause merged into a bead must share words with the
other side (folded kanji, matched content words, numbers), else the bead pays
`UNSUPPORTED_PART`, about a skip's price, so an omitted sentence is left unaligned
instead of being glued to its neighbour; so must both pairs of a swap. A 2-2 bead (two
sentences re-cut into two) pays it also when no content crosses between them, and lists
(one side's items in one sentence of the other) merge up to six clauses. Swaps beyond
neighbours break the monotone order the DP assumes; clauses it leaves unaligned or
weakly paired are re-paired afterwards when their similarity is high (`REORDER_MIN`).
Words repeated across the clauses of the run count for nothing
(`lexicon.common_words`). The DP decides on `similarity.evidence` (the dictionary's
second reading); a bead's confidence is `similarity`. Measured on real outside pairs by
`python -m eval.alignment`, on damaged seed pairs by `bench/bench_align.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.ingest.align_evidence import COMMON_SHARE, common_words
from indexer.ingest.similarity import common_identifiers, evidence, similarity, support

SKIP_COST = 0.85
Shape = tuple[int, ...]  # clauses taken on each side (a third item names a special bead)
SWAP: Shape = (2, 2, 0)  # two neighbours the translator swapped: zh i ↔ ja j+1, zh i+1 ↔ ja j
SWAP_COST = 0.15
MERGE_COST = {(1, 1): 0.0, (1, 2): 0.08, (2, 1): 0.08, (1, 3): 0.2, (3, 1): 0.2, (2, 2): 0.5}
LIST = tuple((n, 1) for n in range(4, 7)) + tuple((1, n) for n in range(4, 7))
MERGE_COST |= {shape: 0.1 * (max(shape) - 1) for shape in LIST}
SHAPES: tuple[Shape, ...] = (
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    *LIST,
    (1, 0),
    (0, 1),
    SWAP,
)
PART_MIN = 0.3  # lexical evidence a merged clause needs against the other side
UNSUPPORTED_PART = 0.7
REORDER_MIN = 0.55
USE_COMMON = True  # leave the run's common words out of the word evidence
WEAK = 0.45  # a bead this unsure may be a misalignment around a reordering


@dataclass(frozen=True)
class Bead:
    """Clauses paired by the aligner: indices into the zh and ja lists, and a confidence."""

    zh: tuple[int, ...]
    ja: tuple[int, ...]
    confidence: float

    @property
    def link(self) -> str:
        return f"{len(self.zh)}-{len(self.ja)}"


Step = tuple[int, int, list[Bead]]  # clauses taken on each side, the beads they make


@dataclass(frozen=True)
class _Run:
    """The clauses being aligned, the length ratio and the run's common words."""

    zh: list[str]
    ja: list[str]
    ratio: float
    common: frozenset[str]
    common_ids: frozenset[str] = frozenset()

    def similarity(self, zh: str, ja: str) -> float:
        return similarity(zh, ja, self.ratio, self.common)

    def evidence(self, zh: str, ja: str) -> float:
        return evidence(zh, ja, self.ratio, self.common)

    def supports(self, part: str, other: str, zh_part: bool) -> bool:
        return support(part, other, self.common, zh_part, self.common_ids) >= PART_MIN


def _beads(run: _Run, i: int, j: int, shape: Shape) -> tuple[float, list[Bead]]:
    """Cost of the beads ending at zh[i-1], ja[j-1] in this shape, and the beads."""
    dz, dj = shape[0], shape[1]
    if shape == SWAP:
        a, sa = _bead_cost(run, i - 1, j, (1, 1))
        b, sb = _bead_cost(run, i, j - 1, (1, 1))
        beads = [Bead((i - 2,), (j - 1,), round(sa, 3)), Bead((i - 1,), (j - 2,), round(sb, 3))]
        unsupported = sum(not run.supports(run.zh[b.zh[0]], run.ja[b.ja[0]], True) for b in beads)
        return a + b + SWAP_COST + UNSUPPORTED_PART * unsupported, beads
    cost, s = _bead_cost(run, i, j, shape)
    return cost, [Bead(tuple(range(i - dz, i)), tuple(range(j - dj, j)), round(s, 3))]


def _bead_cost(run: _Run, i: int, j: int, shape: tuple[int, int]) -> tuple[float, float]:
    dz, dj = shape
    if dz == 0 or dj == 0:
        return SKIP_COST * (dz + dj), 0.0
    zs, js = run.zh[i - dz : i], run.ja[j - dj : j]
    z, x = "".join(zs), "".join(js)
    cost = (1.0 - run.evidence(z, x)) + MERGE_COST[shape]
    if cost >= SKIP_COST * (dz + dj):
        return cost, 0.0  # never better than leaving its clauses alone: no need to guard it
    if dz > 1 and dj > 1:
        cost += _cross_cost(run, zs, js, z, x)
    elif dz > 1:
        cost += UNSUPPORTED_PART * sum(not run.supports(part, js[0], True) for part in zs)
    elif dj > 1:
        cost += UNSUPPORTED_PART * sum(not run.supports(part, zs[0], False) for part in js)
    return cost, run.similarity(z, x)


def _cross_cost(run: _Run, zs: list[str], js: list[str], z: str, x: str) -> float:
    """What a 2-2 merge pays beyond its price: every part needs support from the other
    side, and the content must cross (a clause shares words with the other side's clause
    it would not be paired with one to one), else it is two beads, not one."""
    cost = UNSUPPORTED_PART * sum(not run.supports(part, x, True) for part in zs)
    cost += UNSUPPORTED_PART * sum(not run.supports(part, z, False) for part in js)
    if not (run.supports(zs[0], js[1], True) or run.supports(zs[1], js[0], True)):
        cost += UNSUPPORTED_PART
    return cost


def align(zh: list[str], ja: list[str], ratio: float) -> list[Bead]:
    """Best sequence of beads covering both clause lists in order."""
    common = common_words(zh, "zh") | common_words(ja, "ja") if USE_COMMON else frozenset()
    ids = common_identifiers(zh, COMMON_SHARE) | common_identifiers(ja, COMMON_SHARE)
    run = _Run(zh, ja, ratio, common, ids)
    n, m = len(zh), len(ja)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[Step | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for shape in SHAPES:
                dz, dj = shape[0], shape[1]
                if i < dz or j < dj or best[i - dz][j - dj] == inf:
                    continue
                cost, beads = _beads(run, i, j, shape)
                if best[i - dz][j - dj] + cost < best[i][j]:
                    best[i][j] = best[i - dz][j - dj] + cost
                    back[i][j] = (dz, dj, beads)
    return _pair_reordered(_trace(back, n, m), run)


def _pair_reordered(beads: list[Bead], run: _Run) -> list[Bead]:
    """Re-pair clauses left alone, or only weakly paired, when they translate each other.

    A weak bead (confidence < WEAK) is often the DP's best effort around a swap; it is
    dissolved only if one of its clauses finds a strong partner, else kept as it was.
    """
    loose = [b for b in beads if not b.zh or not b.ja or b.confidence < WEAK]
    lone_zh = [i for b in loose for i in b.zh]
    lone_ja = [j for b in loose for j in b.ja]
    scored = sorted(
        ((run.similarity(run.zh[i], run.ja[j]), i, j) for i in lone_zh for j in lone_ja),
        reverse=True,
    )
    paired: dict[int, tuple[int, float]] = {}
    used_ja: set[int] = set()
    for s, i, j in scored:
        if s >= REORDER_MIN and i not in paired and j not in used_ja:
            paired[i] = (j, s)
            used_ja.add(j)
    out = []
    for b in beads:
        if not any(i in paired for i in b.zh) and not any(j in used_ja for j in b.ja):
            out.append(b)
            continue
        for i in b.zh:
            j, s = paired.get(i, (None, 0.0))
            out.append(Bead((i,), (j,) if j is not None else (), round(s, 3)))
        out += [Bead((), (j,), 0.0) for j in b.ja if j not in used_ja]
    return out


def _trace(back: list[list[Step | None]], n: int, m: int) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        dz, dj, these = step
        beads[:0] = these
        i, j = i - dz, j - dj
    return beads
