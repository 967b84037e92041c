"""Term panels kept per generation: a panel asked again is the panel computed first.

The panel (`engine.renderings`) is a property of the corpus, the terms and the clauses
read, so the service keeps recent ones (`engine.renderings.Panels`). What users depend
on: a kept panel says exactly what computing it again would, for every shape of query,
and a newly published generation never shows an older one's panel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import SearchRequest, open_engine
from engine.renderings import Panels

QUERIES = ["跨境", "クロスボーダー", "数据", "知识产权", "跨境 数据", "金融 OR 保险", "財産*"]


@pytest.mark.parametrize("q", QUERIES)
def test_a_kept_panel_is_the_panel_computed_anew(seed_index: Path, q: str) -> None:
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0)
    first = kept.search(SearchRequest(q)).query
    again = kept.search(SearchRequest(q)).query
    anew = cold.search(SearchRequest(q)).query
    assert first.renderings, q  # each query has a panel to keep
    for got in (again, anew):
        assert got.renderings == first.renderings
        assert got.renderings_scanned == first.renderings_scanned
        assert got.renderings_via == first.renderings_via


def test_a_filtered_search_gets_its_own_panel(seed_index: Path) -> None:
    """Keyed by the clauses read: after the whole corpus's panel is kept, a search in one
    item reads fewer clauses and counts its own pairs."""
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0)
    whole = kept.search(SearchRequest("数据"))
    item = max(whole.facets.item, key=whole.facets.item.__getitem__)
    one = kept.search(SearchRequest("数据", item=item)).query
    assert one.renderings_scanned == whole.facets.item[item] < whole.query.renderings_scanned
    assert one.renderings == cold.search(SearchRequest("数据", item=item)).query.renderings


def test_panels_are_bounded_and_least_recently_used_go_first() -> None:
    calls: list[int] = []

    def stored(n: int) -> dict:
        calls.append(n)
        return {"id": str(n), "zh_text": "", "ja_text": ""}

    panels = Panels("g", kept=2)
    for docnums in ([1], [2], [1], [3], [2]):
        panels.get(stored, docnums, [], None)
    # [1] computed, [2] computed, [1] kept, [3] computed (drops [2]), [2] computed again
    assert calls == [1, 2, 3, 2]
    assert Panels("g", kept=0).get(stored, [4], [], None) == ([], 1, 0)
