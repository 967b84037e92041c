"""Issue #13 through the Flask client: help, empty results, flags, exports, permalinks,
outline, facets, plurals, and the log lines that explain refused embeddings."""

from __future__ import annotations

import csv
import io
import logging
import re

import pytest
from flask.testing import FlaskClient

from engine.api import Engine, SearchRequest

from .conftest import QUERY, make_app

PARTIAL = "数据 安全"  # some clauses have both terms, more have only one


def page(client: FlaskClient, path: str = "/", **args: str) -> str:
    response = client.get(path, query_string=args)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("ui", "words"), [("zh", "检索语法"), ("ja", "検索構文"), ("en", "Query syntax")]
)
def test_help_page_in_every_language_linked_from_the_form(
    client: FlaskClient, ui: str, words: str
) -> None:
    home = page(client, ui=ui)
    assert 'href="/help"' in home
    html = page(client, "/help", ui=ui)
    assert words in html
    for example in ("OR", "-金融", '"数字 贸易"', "財産*", "zh:跨境", "item:24", "mode=tm"):
        assert example.replace('"', "&#34;") in html or example in html


def test_empty_result_offers_suggestions_switches_and_syntax(client: FlaskClient) -> None:
    html = page(client, q="电子商务")
    assert "电商" in html  # a suggestion with hits
    assert 'data-lang="zh"' in html and 'data-lang="ja"' in html  # one-language switches
    assert html.count("<li>") >= 5 and 'href="/help"' in html  # syntax lines and the help


def test_partial_and_substring_hits_are_flagged(client: FlaskClient, engine: Engine) -> None:
    result = engine.search(SearchRequest(q=PARTIAL, limit=None))
    html = page(client, q=PARTIAL, limit="all")
    assert f"With every term: {result.query.match.all}" in html
    assert html.count('data-flag="partial"') == sum(not h.all_terms for h in result.hits)
    sub = engine.search(SearchRequest(q="ウェア", limit=None))
    flagged = sum(h.match_kind == "substring" for h in sub.hits)
    assert (
        flagged and page(client, q="ウェア", limit="all").count('data-kind="substring"') == flagged
    )


def test_embed_flags_partial_hits_and_shows_the_legend(client: FlaskClient) -> None:
    html = page(client, "/embed", q=PARTIAL)
    assert 'class="legend"' in html and 'data-match="some"' in html
    assert 'data-flag="partial"' in html or "partial" in html


def test_exports_say_how_each_hit_matched(client: FlaskClient, engine: Engine) -> None:
    result = engine.search(SearchRequest(q=PARTIAL, limit=None))
    body = page(client, "/export", q=PARTIAL, format="csv")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["match_kind"] for r in rows] == [h.match_kind or "" for h in result.hits]
    assert [r["all_terms"] for r in rows] == [str(int(h.all_terms)) for h in result.hits]
    tmx = page(client, "/export", q=PARTIAL, format="tmx")
    props = re.findall(r'<prop type="x-match">([^<]*)</prop>', tmx)
    assert props and any(p.startswith("some-terms") for p in props)
    assert any(p.startswith("all-terms") for p in props)


def test_permalink_keeps_the_query_and_marks_it(client: FlaskClient, sample: dict) -> None:
    html = page(client, q=QUERY)
    link = re.search(r'class="permalink" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "q=" in link
    clause = client.get(link).get_data(as_text=True)
    current = clause.split('hit current"')[1].split("</article>")[0]
    assert 'data-kind="query"' in current and 'data-kind="counterpart"' in current
    assert "hit current" in page(client, f"/clause/{sample['clause']}")  # still works bare


def test_outline_gives_untitled_points_their_first_words(
    client: FlaskClient, engine: Engine
) -> None:
    doc = engine.stats()["documents"][0]["id"]
    hits = engine.document(doc) or []
    untitled = [s for h in hits for s in h.path if not (s.zh or s.ja)]
    html = page(client, f"/doc/{doc}", ui="zh")
    assert "<details" in html.split('class="outline"')[1][:200]  # the outline folds
    if untitled:
        assert html.count('class="first-words"') >= len({s.label for s in untitled}) > 0


def test_results_name_the_document_once_per_group(client: FlaskClient) -> None:
    html = page(client, q=QUERY, sort="document", limit="all")
    groups = html.count('class="doc-group"')
    assert 0 < groups < html.count('class="hit')
    crumbs = re.findall(r'<div class="crumbs".*?</div>', html, re.S)
    assert not any("/doc/" in c and "item=" not in c for c in crumbs)  # no document crumb


def test_every_item_bar_and_an_other_bar(client: FlaskClient, engine: Engine) -> None:
    result = engine.search(SearchRequest(q=PARTIAL, limit=None))
    outside = sum(h.item is None for h in result.hits)
    html = page(client, q=PARTIAL)
    bars = re.findall(r'data-item="([^"]+)"', html)
    assert len([b for b in bars if b != "other"]) == len(result.facets.item)
    if outside:
        other = re.search(r'title="[^"]*: (\d+)" data-item="other"', html)
        assert other and int(other.group(1)) == outside


def test_document_filter_keeps_every_documents_count(app_two_docs: FlaskClient) -> None:
    client, doc, others = app_two_docs
    html = page(client, q=QUERY, doc=doc)
    for other in others:
        assert f'data-doc="{other}"' in html


@pytest.fixture
def app_two_docs(client: FlaskClient, engine: Engine) -> tuple[FlaskClient, str, list[str]]:
    docs = list(engine.search(SearchRequest(q=QUERY, limit=1)).facets.doc)
    if len(docs) < 2:  # the seed corpus has one document: the facet must still show it
        return client, docs[0], docs
    return client, docs[0], docs[1:]


@pytest.mark.parametrize(("ui", "one", "many"), [("en", "1 document,", "documents,")], ids=["en"])
def test_counts_are_pluralised(client: FlaskClient, ui: str, one: str, many: str) -> None:
    html = page(client, ui=ui)
    assert "document(s)" not in html
    n = int(re.search(r'class="stats">(\d+)', html).group(1))
    assert (one if n == 1 else many) in html


def test_refused_cors_and_frame_are_explained_in_the_log(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_app(engine, CORS_ORIGINS=[], FRAME_ANCESTORS="'self'").test_client()
    with caplog.at_level(logging.WARNING, logger="taiyaku.embed"):
        client.get("/api/search?q=x", headers={"Origin": "https://wiki.example"})
        client.get(
            "/embed?q=x",
            headers={"Sec-Fetch-Dest": "iframe", "Referer": "https://portal.example/page"},
        )
    text = caplog.text
    assert "https://wiki.example" in text and "TAIYAKU_CORS_ORIGINS" in text
    assert "https://portal.example" in text and "TAIYAKU_FRAME_ANCESTORS" in text
