"""HTML pages: search, permalink, document, glossary; languages; a sub-path mount."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from engine.api import SearchRequest

from .conftest import QUERY, make_app


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_has_a_focused_search_box(client: FlaskClient) -> None:
    html = text(client.get("/"))
    assert re.search(r'<input id="q" name="q" type="search"[^>]*autofocus', html)
    assert 'class="hit' not in html


def test_search_page_shows_aligned_pairs_with_marks(client: FlaskClient, sample: dict) -> None:
    html = text(client.get("/", query_string={"q": QUERY, "limit": 5}))
    assert html.count('<article class="hit') == 5
    zh = re.findall(r'<div class="side side-zh" lang="zh-CN">(.*?)</div>', html, re.S)
    ja = re.findall(r'<div class="side side-ja" lang="ja">(.*?)</div>', html, re.S)
    assert any('data-kind="query"' in s for s in zh)
    assert any('data-kind="counterpart"' in s for s in ja)
    assert 'class="legend"' in html  # what the two mark styles mean
    assert f'data-total="{sample["total"]}"' in html  # the exact count
    assert 'class="crumbs"' in html
    assert "クロスボーダー" in html and "×" in html  # glossary equivalents used
    assert html.count('class="bar') >= len(sample["items"])


def test_item_bars_are_in_document_order_and_filter(client: FlaskClient, sample: dict) -> None:
    html = text(client.get("/", query_string={"q": QUERY}))
    items = [i for i in re.findall(r'data-item="([^"]+)"', html) if i != "other"]
    numeric = [int(i) for i in items if i.isdigit()]
    assert numeric == sorted(numeric) and len(items) == len(sample["items"])
    item = items[-1]
    link = re.search(rf'href="([^"]+)" title="[^"]*" data-item="{item}"', html).group(1)
    assert f"item={item}" in link
    filtered = text(client.get(link.replace("&amp;", "&")))
    assert f'data-total="{sample["items"][item]}"' in filtered
    assert 'class="bar selected"' in filtered
    assert len(re.findall(r'data-item="(?!other)', filtered)) == len(items)  # every bar stays


def test_document_facet_filters(client: FlaskClient, sample: dict) -> None:
    html = text(client.get("/", query_string={"q": QUERY, "doc": sample["doc"]}))
    assert f'data-total="{sample["docs"][sample["doc"]]}"' in html
    assert 'aria-current="true"' in html


def test_pagination_and_research_mode(client: FlaskClient, sample: dict) -> None:
    first = text(client.get("/", query_string={"q": QUERY, "limit": 2}))
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "limit=all" in first  # the "show all" link
    second = text(client.get("/", query_string={"q": QUERY, "limit": 2, "offset": 2}))
    assert 'rel="prev"' in second and 'aria-current="page">2<' in second
    everything = text(client.get("/", query_string={"q": QUERY, "all": 1}))
    assert everything.count('<article class="hit') == sample["total"]
    assert 'class="pager"' not in everything


def test_sort_toggle(client: FlaskClient) -> None:
    html = text(client.get("/", query_string={"q": QUERY, "sort": "document"}))
    assert re.search(r'sort=document"[^>]*aria-current="true"', html)


def test_or_fallback_note(client: FlaskClient, engine) -> None:
    q = f"{QUERY} 这个词不存在"
    assert engine.search(SearchRequest(q=q)).match.status == "any"
    html = text(client.get("/", query_string={"q": q}))
    assert 'data-match="any"' in html


def test_script_query_is_shown_as_text(client: FlaskClient) -> None:
    html = text(client.get("/", query_string={"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_page_has_a_json_twin(client: FlaskClient, sample: dict) -> None:
    for url in (
        f"/?q={QUERY}",
        f"/clause/{sample['clause']}",
        f"/doc/{sample['doc']}",
        f"/glossary?q={QUERY}",
    ):
        html = text(client.get(url))
        twin = re.search(r'class="json-twin" href="([^"]+)"', html).group(1)
        response = client.get(twin.replace("&amp;", "&"))
        assert response.status_code == 200 and response.is_json, twin


def test_permalink_page(client: FlaskClient, sample: dict) -> None:
    hit = sample["item_hit"]
    html = text(client.get(f"/clause/{hit.id}"))
    assert f'data-clause="{hit.id}"' in html and "hit current" in html
    assert f"item={hit.item}" in html  # link to the whole item
    assert html.count("<article") >= 2  # neighbouring clauses


def test_document_page_highlights_and_outline(client: FlaskClient, sample: dict) -> None:
    html = text(client.get(f"/doc/{sample['doc']}", query_string={"q": QUERY}))
    assert 'class="outline"' in html and "<mark " in html
    item = sample["item_hit"].item
    only = text(client.get(f"/doc/{sample['item_hit'].doc.id}", query_string={"item": item}))
    assert 0 < only.count("<article") < html.count("<article")


def test_glossary_pages(client: FlaskClient, engine) -> None:
    html = text(client.get("/glossary", query_string={"q": QUERY}))
    entry = engine.glossary(QUERY)["entries"][0]
    assert entry["target"] in html and f"×{entry['count']}" in html
    assert "<mark " in html  # example pairs, highlighted
    listing = text(client.get("/glossary"))  # no query: the whole glossary, if the engine lists it
    assert ("<table" in listing) == bool(engine.glossary("")["entries"])
    assert "EDRDG" in listing and "CC BY-SA 4.0" in listing  # the dictionaries' licence


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/clause/no-such-clause", 404),
        ("/doc/no-such-doc", 404),
        ("/nothing", 404),
        ("/?limit=0", 400),
        ("/?sort=up", 400),
        ("/glossary?q=" + "x" * 1001, 400),
    ],
)
def test_page_errors_are_friendly_html(client: FlaskClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert 'class="message"' in text(response) and "Traceback" not in text(response)


def test_page_errors_as_json_when_asked(client: FlaskClient) -> None:
    response = client.get("/clause/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_no_index_page_says_run_taiyaku_build(no_index_client: FlaskClient) -> None:
    response = no_index_client.get("/")
    assert response.status_code == 503
    assert "taiyaku build" in text(response)


@pytest.mark.parametrize(
    ("kwargs", "lang", "label"),
    [
        ({"query_string": {"ui": "ja"}}, "ja", "検索"),
        ({"query_string": {"ui": "zh"}}, "zh-CN", "搜索"),
        ({"query_string": {"ui": "en"}, "headers": {"Accept-Language": "ja"}}, "en", "Search"),
        ({"headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}, "zh-CN", "搜索"),
        ({"headers": {"Accept-Language": "ja-JP"}}, "ja", "検索"),
        ({"headers": {"Accept-Language": "fr"}}, "en", "Search"),
    ],
)
def test_interface_language(client: FlaskClient, kwargs: dict, lang: str, label: str) -> None:
    html = text(client.get("/", **kwargs))
    assert f'<html lang="{lang}">' in html
    assert f'<button type="submit">{label}</button>' in html


def test_interface_language_is_remembered(client: FlaskClient) -> None:
    response = client.get("/?ui=ja")
    assert "taiyaku_ui=ja" in response.headers["Set-Cookie"]
    html = text(client.get("/glossary", headers={"Accept-Language": "en"}))
    assert '<html lang="ja">' in html


@pytest.mark.parametrize("via", ["x-forwarded-prefix", "script_name"])
def test_links_respect_a_sub_path_mount(engine, sample: dict, via: str) -> None:
    prefix = "/tools/taiyaku"
    app = make_app(engine, TRUSTED_PROXY_HOPS=1 if via == "x-forwarded-prefix" else 0)
    client = app.test_client()
    if via == "x-forwarded-prefix":
        kwargs = {"headers": {"X-Forwarded-Prefix": prefix}}
    else:
        kwargs = {"base_url": f"http://localhost{prefix}/"}  # SCRIPT_NAME, as gunicorn sets it
    pages = [
        f"/?q={QUERY}&limit=2",
        f"/clause/{sample['clause']}",
        f"/doc/{sample['doc']}",
        f"/glossary?q={QUERY}",
        f"/embed?q={QUERY}",
        "/nothing-here",
    ]
    for url in pages:
        html = text(client.get(url, **kwargs))
        links = re.findall(r'(?:href|src|action)="([^"#]*)"', html)
        local = [link for link in links if link.startswith("/")]
        assert local, url
        assert all(link.startswith(prefix + "/") for link in local), (url, local)
    xml = text(client.get("/opensearch.xml", **kwargs))
    assert f"http://localhost{prefix}/?q={{searchTerms}}" in xml


def test_prefix_header_ignored_without_trusted_proxy(client: FlaskClient) -> None:
    html = text(client.get("/", headers={"X-Forwarded-Prefix": "/evil"}))
    assert "/evil" not in html
