"""A tier's first k, scored only where they can be, are the first k of scoring everything.

`engine.topk` scores a query's clauses range by range once the generation knows the
query's best score per range, and stops when no range left can place a clause. What
users depend on: every page (any offset, any size, filters, several terms, ties — the
same provision in many documents scores the same) shows exactly the clauses and scores
that scoring every match and sorting them shows. The seed corpus has a few hundred
clauses, so the ranges are made tiny here (4 documents) and every tier is pruned.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import SearchRequest, open_engine, topk, windows
from engine.docsets import lookup
from engine.evaluate import Vec
from engine.order import best_first

QUERIES = [
    "跨境",
    "数据",
    "服务",
    "サービス",
    "企业",
    "跨境 数据",
    "金融 OR 保险",
    "財産*",
    "支持 -金融",
]
PAGES = [(0, 20), (20, 20), (0, 100), (7, 3), (0, 1)]


@pytest.fixture()
def tiny_ranges(seed_index: Path, monkeypatch: pytest.MonkeyPatch):
    """An engine whose ranges hold 4 documents and whose every tier is pruned."""
    monkeypatch.setattr(topk, "WHOLE", 0)
    eng = open_engine(seed_index)
    stats = eng.backend.current().stats()
    monkeypatch.setattr(stats, "shift", 2)
    monkeypatch.setattr(stats, "ranges", windows.count(len(stats.columns["doc"]), 2))
    return eng


def _shown(result) -> tuple:
    return (result.total, [(h.id, h.score) for h in result.hits], result.facets)


@pytest.mark.parametrize("q", QUERIES)
def test_every_page_asked_again_is_the_page_scored_whole(
    tiny_ranges, seed_index: Path, q: str
) -> None:
    tiny_ranges.search(SearchRequest(q))  # the first asking scores whole, keeps bounds
    for offset, limit in PAGES:
        for item in (None, "23"):
            req = SearchRequest(q, offset=offset, limit=limit, item=item)
            cold = open_engine(seed_index).search(req)  # a new generation: scored whole
            assert _shown(tiny_ranges.search(req)) == _shown(cold), (q, offset, limit, item)


@pytest.mark.parametrize("q", QUERIES)
def test_top_k_of_any_subset_is_the_full_sorts(tiny_ranges, q: str) -> None:
    """Directly on the tiers: every k, and a tier split in two (word matches first)."""
    seen: list[bool] = []
    real = topk.Ranked.top

    def checked(self: topk.Ranked, ids: np.ndarray, k: int | None = None) -> np.ndarray:
        v = self.ev.matching(self.node)
        for part in (ids, ids[::2]):  # the tier, and a subset of it
            for n in range(len(part) + 1):
                want = best_first(part, v.vals[lookup(v.ids, part)[0]], n)
                assert real(self, part, n).tolist() == want.tolist(), (q, n)
        seen.append(self.bound is not None)
        return real(self, ids, k)

    tiny_ranges.search(SearchRequest(q))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(topk.Ranked, "top", checked)
        tiny_ranges.search(SearchRequest(q, limit=100))
    assert seen and all(seen), q  # every tier was ranked by its kept bounds


class _Scored:
    """An evaluator over given scores: what `Ranked` reads of one (ranges of 4)."""

    def __init__(self, vals: list[float]):
        self.v = Vec(np.arange(len(vals), dtype=np.int64), np.array(vals, dtype=np.float64))
        self.stats = SimpleNamespace(shift=2, ranges=windows.count(len(vals), 2))

    def matching(self, node: object) -> Vec:
        return self.v

    def in_window(self, node: object, window: windows.Window) -> Vec:
        keep = window.holds(self.v.ids)
        return Vec(self.v.ids[keep], self.v.vals[keep])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=80),  # few scores: ties everywhere
    st.data(),
)
def test_pruned_top_k_with_ties_and_subsets(scores: list[int], data: st.DataObject) -> None:
    ev = _Scored([float(s) for s in scores])
    n = len(scores)
    part = np.array(sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=1))), dtype=np.int64)
    k = data.draw(st.integers(1, len(part)))
    bound = windows.bounds_of(ev.v.ids, ev.v.vals, ev.stats.ranges, 2)
    ranked = topk.Ranked(ev, None, part, bound)  # type: ignore[arg-type]
    for asked in (k, len(part) - 1, 1):  # asked again, as a page then the panel read it
        want = best_first(part, ev.v.vals[part], asked)
        assert ranked.top(part, asked).tolist() == want.tolist()


def test_a_range_tied_with_the_kth_score_ahead_of_it_is_scored() -> None:
    """The best clause of each range is not asked for (another tier has it), so the
    batches run: the first range scored has the best bound, and the range before it,
    whose bound only ties the k-th score found, still holds the first two clauses."""
    ev = _Scored([1, 1, 1, 1, 3, 1, 1, 1])
    part = np.array([1, 2, 3, 5, 6, 7], dtype=np.int64)
    bound = windows.bounds_of(ev.v.ids, ev.v.vals, ev.stats.ranges, 2)
    ranked = topk.Ranked(ev, None, part, bound)  # type: ignore[arg-type]
    assert ranked.top(part, 2).tolist() == [1, 2]
