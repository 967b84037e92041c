"""Term panels and pairs' marks kept per generation: asked again, they are what was
computed first.

The panel (`engine.renderings`) is a property of the corpus, the terms and the clauses
read, and a pair's marks of the corpus, the pair and the terms, so the service keeps
recent ones (`engine.kept`). What users depend on: a kept panel or mark says exactly
what computing it again would, for every shape of query, and a newly published
generation never shows an older one's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import SearchRequest, open_engine
from engine.kept import Kept
from engine.renderings import Panels

QUERIES = ["跨境", "クロスボーダー", "数据", "知识产权", "跨境 数据", "金融 OR 保险", "財産*"]


@pytest.mark.parametrize("q", QUERIES)
def test_a_kept_panel_is_the_panel_computed_anew(seed_index: Path, q: str) -> None:
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0, marks_kept=0)
    first = kept.search(SearchRequest(q)).query
    again = kept.search(SearchRequest(q)).query
    anew = cold.search(SearchRequest(q)).query
    assert first.renderings, q  # each query has a panel to keep
    for got in (again, anew):
        assert got.renderings == first.renderings
        assert got.renderings_scanned == first.renderings_scanned
        assert got.renderings_via == first.renderings_via


def test_a_filtered_search_gets_its_own_panel(seed_index: Path) -> None:
    """Kept by the request's filters: after the whole corpus's panel is kept, a search in one
    item reads fewer clauses and counts its own pairs."""
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0, marks_kept=0)
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
        panels.panel(stored, docnums, [], None)
    # [1] computed, [2] computed, [1] kept, [3] computed (drops [2]), [2] computed again
    assert calls == [1, 2, 3, 2]
    assert Panels("g", kept=0).panel(stored, [4], [], None) == ([], 1, 0)


def _marks(result) -> list[tuple]:
    return [(h.id, h.zh, h.ja, h.via) for h in result.hits]


@pytest.mark.parametrize("q", QUERIES)
def test_kept_marks_are_the_marks_computed_anew(seed_index: Path, q: str) -> None:
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0, marks_kept=0)
    first = kept.search(SearchRequest(q, limit=50))
    assert any(h.zh.marks and h.ja.marks for h in first.hits), q
    assert _marks(kept.search(SearchRequest(q, limit=50))) == _marks(first)
    assert _marks(cold.search(SearchRequest(q, limit=50))) == _marks(first)


def test_a_pair_kept_for_one_query_is_marked_anew_for_another(seed_index: Path) -> None:
    """Kept by the needles' content: the same clause found by 跨境 and then by 跨境 数据
    shows each query's own marks."""
    kept, cold = open_engine(seed_index), open_engine(seed_index, panels_kept=0, marks_kept=0)
    for q in ("跨境", "跨境 数据", "数据", "跨境"):
        assert _marks(kept.search(SearchRequest(q))) == _marks(cold.search(SearchRequest(q))), q


def test_a_new_generation_shows_its_own_marks(tmp_path: Path) -> None:
    """The same clause id with another text (and its document another title) after a
    rebuild: nothing kept from the generation before is shown (its marks would fall on
    the wrong characters)."""
    from indexer.pipeline import write_generation
    from indexer.records import Clause, Document
    from storage.generations import new_build_dir, publish

    root = tmp_path / "index"

    def publish_pair(zh: str, ja: str, title: str) -> None:
        doc = Document(id="t", title={"zh": title, "ja": "テスト"})
        work = new_build_dir(root)
        clause = Clause(id="t.0", doc_id="t", order=0, path=(), kind="text", zh=zh, ja=ja)
        write_generation(work, [doc], [clause], procs=1)
        publish(root, work)

    publish_pair("跨境贸易便利化。", "越境貿易の円滑化。", "旧标题")
    served = open_engine(root)
    before = served.search(SearchRequest("贸易")).hits[0]
    publish_pair("大力推进服务贸易和货物贸易。", "サービス貿易と物品貿易を推進する。", "新标题")
    after = served.search(SearchRequest("贸易")).hits[0]
    assert before.id == after.id == "t.0"
    fresh = open_engine(root, panels_kept=0, marks_kept=0).search(SearchRequest("贸易")).hits[0]
    assert (after.zh, after.ja) == (fresh.zh, fresh.ja)
    assert [after.zh.text[m.start : m.end] for m in after.zh.marks] == ["贸易", "贸易"]
    assert (before.doc.title.zh, after.doc.title.zh) == ("旧标题", "新标题")  # kept objects too


def test_kept_is_bounded_and_least_recently_used_go_first() -> None:
    kept: Kept[int] = Kept("g", 2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now b is the least recently used
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)
    nothing: Kept[int] = Kept("g", 0)
    nothing.put("a", 1)
    assert nothing.get("a") is None
