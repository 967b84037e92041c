"""Align the Chinese and Japanese clauses under one heading by dynamic programming.

Beads: 1-1, 1-2, 2-1 (one language splits a sentence the other keeps whole, or a Chinese
`；` list that Japanese writes as separate `。` sentences), 1-3/3-1 for longer lists, and
1-0/0-1 for a clause with no counterpart. Each matching bead costs its dissimilarity plus
a small price for merging; a skipped clause costs more than almost any match, because
translations rarely drop sentences but extraction often splits them.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.ingest.similarity import similarity

SKIP_COST = 0.85
MERGE_COST = {(1, 1): 0.0, (1, 2): 0.08, (2, 1): 0.08, (1, 3): 0.2, (3, 1): 0.2}
SHAPES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class Bead:
    """Clauses paired by the aligner: indices into the zh and ja lists, and a confidence."""

    zh: tuple[int, ...]
    ja: tuple[int, ...]
    confidence: float

    @property
    def link(self) -> str:
        return f"{len(self.zh)}-{len(self.ja)}"


def _bead_cost(zh: list[str], ja: list[str], i: int, j: int, shape: tuple[int, int], ratio: float):
    dz, dj = shape
    if dz == 0 or dj == 0:
        return SKIP_COST * (dz + dj), 0.0
    s = similarity("".join(zh[i - dz : i]), "".join(ja[j - dj : j]), ratio)
    return (1.0 - s) + MERGE_COST[shape], s


def align(zh: list[str], ja: list[str], ratio: float) -> list[Bead]:
    """Best sequence of beads covering both clause lists in order."""
    n, m = len(zh), len(ja)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for shape in SHAPES:
                dz, dj = shape
                if i < dz or j < dj or best[i - dz][j - dj] == inf:
                    continue
                cost, s = _bead_cost(zh, ja, i, j, shape, ratio)
                if best[i - dz][j - dj] + cost < best[i][j]:
                    best[i][j] = best[i - dz][j - dj] + cost
                    back[i][j] = (dz, dj, s)
    return _trace(back, n, m)


def _trace(back: list[list[tuple[int, int, float] | None]], n: int, m: int) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        dz, dj, s = step
        beads.append(Bead(tuple(range(i - dz, i)), tuple(range(j - dj, j)), round(s, 3)))
        i, j = i - dz, j - dj
    beads.reverse()
    return beads
