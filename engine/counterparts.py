"""Counterpart marks: where the other side of a pair says what the query matched.

Pure functions over a pair's word links (computed at build time by `indexer.links`): for
every query span on one side, the other-side spans of the links whose span on that side
overlaps it, merged into contiguous spans. A span is "counterpart" when one of its links
is, else "probable" (every link under it rests on one weak source only). No dictionary
and no model is loaded at search time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Span = tuple[int, int]
# zh start, zh end, ja start, ja end, probable (0/1): a link as storage decodes it
Link = tuple[int, int, int, int, int]


def counterpart_marks(
    query_spans: Iterable[Span], links: Iterable[Link], from_lang: str
) -> list[tuple[int, int, str]]:
    """Other-side spans of the links overlapping any query span, merged, with their kind.

    >>> counterpart_marks([(2, 4)], [(2, 4, 2, 5, 0), (4, 6, 5, 9, 0)], "zh")
    [(2, 5, 'counterpart')]
    >>> counterpart_marks([(2, 6)], [(2, 4, 2, 5, 0), (4, 6, 5, 9, 1)], "zh")
    [(2, 9, 'counterpart')]
    """
    if from_lang not in ("zh", "ja"):
        raise ValueError(f"from_lang must be 'zh' or 'ja', not {from_lang!r}")
    src, dst = (0, 2) if from_lang == "zh" else (2, 0)
    starts: list[int] = []
    ends: list[int] = []  # the query spans merged where they overlap: both ascending
    for s, e in sorted(query_spans):
        if ends and s < ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    if not starts:
        return []
    lo, hi, n = starts[0], ends[-1], len(starts)  # most links lie wholly outside: one test
    hits: list[tuple[int, int, bool]] = []
    for link in links:
        a, b = link[src], link[src + 1]
        if b <= lo or a >= hi:
            continue
        i = bisect_right(ends, a)  # the first span ending after the link starts
        if i < n and starts[i] < b:
            hits.append((link[dst], link[dst + 1], bool(link[4])))
    return [(a, b, "probable" if p else "counterpart") for a, b, p in _merge(hits)]


def _merge(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Overlapping or touching spans become one; probable only if all its parts are."""
    out: list[tuple[int, int, bool]] = []
    for a, b, p in sorted(spans):
        if out and a <= out[-1][1]:
            la, lb, lp = out[-1]
            out[-1] = (la, max(lb, b), lp and p)
        else:
            out.append((a, b, p))
    return out
