"""The term panel: how the matching pairs render each query term, with counts, through
the API, the page, the CLI and the glossary (all the same count)."""

from __future__ import annotations

from click.testing import CliRunner
from flask.testing import FlaskClient

from search_app.cli import main


def _counterparts(hit: dict, lang: str) -> set[str]:
    side = hit[lang]
    marks = [m for m in side["marks"] if m["kind"] == "counterpart"]
    return {side["text"][m["start"] : m["end"]] for m in marks}


def test_api_counts_every_matching_pair_not_only_the_page(api: FlaskClient) -> None:
    one = api.get("/api/search", query_string={"q": "跨境", "limit": 1}).get_json()
    every = api.get("/api/search", query_string={"q": "跨境", "limit": "all"}).get_json()
    panel = {r["text"]: r for r in one["query"]["renderings"]}
    assert one["query"]["renderings_scanned"] == every["total"] > 1
    top = panel["クロスボーダー"]
    assert top["term"] == "跨境" and top["lang"] == "ja"
    marked = [h["id"] for h in every["hits"] if "クロスボーダー" in _counterparts(h, "ja")]
    assert top["count"] == len(marked) and set(top["examples"]) <= set(marked)


def test_equivalents_used_and_renderings_give_one_count(api: FlaskClient) -> None:
    """The line "Equivalents used" and the panel name a rendering with the same count;
    the glossary's own evidence is `learned` (pairs it was learned from)."""
    for q in ("跨境", "数据", "クロスボーダー"):
        body = api.get("/api/search", query_string={"q": q, "limit": 1}).get_json()
        panel = {(r["text"], r["lang"]): r["count"] for r in body["query"]["renderings"]}
        assert body["query"]["expansions"], q
        for e in body["query"]["expansions"]:
            assert e["count"] == panel.get((e["target"], e["target_lang"]), 0), (q, e)
            assert e["origin"] != "learned" or e["learned"] >= 3


def test_japanese_term_lists_chinese_renderings(api: FlaskClient) -> None:
    body = api.get("/api/search", query_string={"q": "データ", "limit": 1}).get_json()
    texts = [(r["text"], r["lang"]) for r in body["query"]["renderings"]]
    assert texts and texts[0] == ("数据", "zh")


def test_a_rendering_identical_to_the_term_is_listed(api: FlaskClient) -> None:
    """A translator who keeps the word (同意 → 同意) has rendered it: the panel and the
    glossary list it with its count, instead of saying there is nothing."""
    body = api.get("/api/search", query_string={"q": "同意", "lang": "zh", "limit": "all"})
    body = body.get_json()
    panel = {(r["text"], r["lang"]): r for r in body["query"]["renderings"]}
    same = panel.get(("同意", "ja"))
    assert same and same["term"] == "同意"
    marked = [h["id"] for h in body["hits"] if "同意" in _counterparts(h, "ja")]
    assert same["count"] == len(marked) >= 1
    entries = api.get("/api/glossary", query_string={"q": "同意"}).get_json()["entries"]
    assert ("同意", "ja", same["count"]) in {
        (e["target"], e["target_lang"], e["count"]) for e in entries
    }


def test_page_shows_the_panel_with_links_to_examples(client: FlaskClient) -> None:
    html = client.get("/", query_string={"q": "跨境"}).get_data(as_text=True)
    panel = html.split('class="renderings"', 1)[1].split("</div>", 1)[0]
    assert "クロスボーダー" in panel and "×" in panel and "q=%E8%B7%A8%E5%A2%83+" in panel
    assert 'class="legend"' in html and 'data-kind="counterpart"' in html


def test_cli_prints_the_panel(seed_index) -> None:
    out = CliRunner().invoke(main, ["search", "跨境", "--limit", "1", "--index", str(seed_index)])
    assert out.exit_code == 0, out.output
    assert "renderings: 跨境 → クロスボーダー ×" in out.output
