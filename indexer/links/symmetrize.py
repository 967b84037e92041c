"""grow-diag-final-and: one alignment from the two directional ones.

Each direction of Model 1 lets a word align to one word only; their intersection is
precise but misses the second half of a compound (クロス|ボーダー ↔ 跨境), their union
catches it but also every mistake of either side. grow-diag-final-and (Koehn et al.,
2003) starts from the intersection, adds union points next to accepted ones while one of
their words is still unaligned, and finally adds union points both of whose words are.
"""

from __future__ import annotations

Cell = tuple[int, int]
_NEIGHBOURS = ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))


def grow_diag_final_and(forward: set[Cell], backward: set[Cell]) -> set[Cell]:
    """Symmetrise two alignments of (zh index, ja index) cells.

    >>> sorted(grow_diag_final_and({(0, 0), (1, 1)}, {(0, 0), (1, 1), (1, 2)}))
    [(0, 0), (1, 1), (1, 2)]
    """
    union = forward | backward
    points = forward & backward
    zh_done = {i for i, _ in points}
    ja_done = {k for _, k in points}
    rest = union - points  # the union points not taken yet (often none: nothing to grow)
    grown = bool(rest)
    while grown:
        grown = False
        for i, k in sorted(points):
            for di, dk in _NEIGHBOURS:
                cell = (i + di, k + dk)
                if cell in rest and (cell[0] not in zh_done or cell[1] not in ja_done):
                    points.add(cell)
                    rest.discard(cell)
                    zh_done.add(cell[0])
                    ja_done.add(cell[1])
                    grown = True
            if not rest:
                break
    for one in (forward, backward):
        for i, k in sorted(one):
            if i not in zh_done and k not in ja_done:
                points.add((i, k))
                zh_done.add(i)
                ja_done.add(k)
    return points
