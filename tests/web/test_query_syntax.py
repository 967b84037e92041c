"""Query syntax that does what it says (issue #23): exclusions alone, spelling variants,
one-side terms marking as the plain term. Through the API, the page and the CLI."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from analyzers.folding import fold_key
from search_app.cli import main


def _search(client: FlaskClient, q: str, **args: Any) -> dict[str, Any]:
    response = client.get("/api/search", query_string={"q": q, "limit": "all", **args})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _marks(hit: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [
        (side, m["start"], m["end"], m["kind"])
        for side in ("zh", "ja")
        if hit[side]
        for m in hit[side]["marks"]
    ]


@pytest.mark.parametrize("q", ["-金融", "NOT 金融"])
def test_only_exclusions_list_every_clause_without_them(client: FlaskClient, q: str) -> None:
    every = client.get("/api/stats").get_json()["clauses"]
    with_it = _search(client, "金融")["total"]
    result = _search(client, q)
    assert result["total"] == every - with_it > 0
    assert result["sort"] == "document"
    assert result["query"]["excluded"] == ["金融"]
    assert result["query"]["match"]["status"] == "all"
    for hit in result["hits"]:
        for side in ("zh", "ja"):
            assert "金融" not in fold_key((hit[side] or {}).get("text", ""))
            assert not (hit[side] or {}).get("marks")
    in_order = _search(client, "-金融", sort="document")["hits"]
    assert [h["id"] for h in result["hits"]] == [h["id"] for h in in_order]


def test_exclusion_with_a_term_still_ranks(client: FlaskClient) -> None:
    result = _search(client, "北京 -金融")
    assert result["sort"] == "relevance"
    both = _search(client, "北京 金融")["query"]["match"]["all"]
    assert result["total"] == _search(client, "北京")["total"] - both


@pytest.mark.parametrize("ui", ["zh", "ja", "en"])
def test_page_says_what_an_exclusion_lists(client: FlaskClient, ui: str) -> None:
    from search_app.i18n import label

    body = client.get("/", query_string={"q": "-金融", "ui": ui}).get_data(as_text=True)
    assert label("only_excluded", ui, x="金融") in body
    assert 'data-match="excluded"' in body
    # the sort switch shows the order the clauses are in, not the one the URL left out
    current = f'aria-current="true" class="current">{label("document", ui)}</a>'
    assert current in body


def test_cli_takes_an_exclusion_without_double_dash(seed_index: Any) -> None:
    result = CliRunner().invoke(main, ["search", "-金融", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert "every clause without 金融, in document order" in result.output
    assert "score 0.0" not in result.output
    assert "金融" not in result.output.split("\n", 2)[2]
    both = CliRunner().invoke(main, ["search", "--index", str(seed_index), "北京", "-金融"])
    assert both.exit_code == 0 and "relevance order" in both.output


@pytest.mark.parametrize(
    ("variant", "term"),
    [("知識産権", "知识产权"), ("知識產權", "知识产权"), ("服務業", "服务业")],
)
def test_a_kanji_spelling_variant_is_the_term(client: FlaskClient, variant: str, term: str) -> None:
    a, b = _search(client, term), _search(client, variant)
    assert b["total"] == a["total"] > 0
    assert {h["id"] for h in b["hits"]} == {h["id"] for h in a["hits"]}
    by_id = {h["id"]: h for h in a["hits"]}
    for hit in b["hits"]:
        assert hit["match_kind"] == by_id[hit["id"]]["match_kind"]
        assert _marks(hit) == _marks(by_id[hit["id"]])
    assert [(r["text"], r["count"]) for r in b["query"]["renderings"]] == [
        (r["text"], r["count"]) for r in a["query"]["renderings"]
    ]
    assert [e["target"] for e in b["query"]["expansions"]] == [
        e["target"] for e in a["query"]["expansions"]
    ]


def test_variant_page_marks_the_term_not_a_translation(client: FlaskClient) -> None:
    body = client.get("/", query_string={"q": "知識産権", "ui": "en"}).get_data(as_text=True)
    assert re.search(r'data-kind="query"[^>]*>知识产权</mark>', body)
    assert re.search(r'data-kind="counterpart"[^>]*>知的財産権</mark>', body)
    assert 'class="renderings"' in body
    assert "substring match" not in body


def test_one_side_term_marks_the_same_spans(client: FlaskClient) -> None:
    plain = {h["id"]: h for h in _search(client, "跨境")["hits"]}
    side = _search(client, "zh:跨境")
    assert side["total"] and side["query"]["terms"]["ja"] == []
    for hit in side["hits"]:
        assert _marks(hit) == _marks(plain[hit["id"]])
