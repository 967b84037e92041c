"""No dead ends (issue #23): suggestions below the hits when there are hits, suggestions
and the help link on the embed page when there are none, and first when nothing matched as
written (a typo's clauses with some of its words); one legend for every surface."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from search_app import i18n

NOTHING = "电子商务"  # no clause has it; the corpus says 电商 / 電子商取引
# Terms with a clause or two: the first of them that also gets suggestions is the case where
# the suggestions must come after the hits (which ones have suggestions follows the glossary).
FEW = ("跨境电商", "数据中心", "知识产权保护", "跨国公司")
STATIC = Path(i18n.__file__).parent / "static"


def _api(client: FlaskClient, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def test_suggestions_come_after_the_hits(client: FlaskClient) -> None:
    few = [q for q in FEW if 0 < (r := _api(client, q))["total"] < 3 and r["suggestions"]]
    assert few, "no query with a hit or two and suggestions"
    html = client.get("/", query_string={"q": few[0], "ui": "en"}).get_data(as_text=True)
    assert -1 < html.rindex("<article") < html.index('class="suggestions"')
    assert html.index('class="legend"') < html.index('class="suggestions"')


def test_suggestions_lead_when_there_are_no_hits(client: FlaskClient) -> None:
    html = client.get("/", query_string={"q": NOTHING, "ui": "en"}).get_data(as_text=True)
    assert "<article" not in html and 'class="suggestions"' in html
    for s in _api(client, NOTHING)["suggestions"]:
        assert f">{s['text']} <span" in html


TYPO = "知识产全"  # nothing has it as written; some clauses have its word 知识


def test_a_typo_s_correction_leads_the_clauses_with_some_of_its_words(client: FlaskClient) -> None:
    body = _api(client, TYPO)
    assert body["query"]["match"]["status"] == "words" and body["total"] > 0
    assert "知识产权" in [s["text"] for s in body["suggestions"]]
    assert body["query"]["renderings"] == []  # no pair contains what was typed
    html = client.get("/", query_string={"q": TYPO, "ui": "en"}).get_data(as_text=True)
    assert -1 < html.index('data-match="words"') < html.index('class="suggestions"')
    assert html.index('class="suggestions"') < html.index("<article")
    assert ">知识产权 <span" in html
    embed = client.get("/embed", query_string={"q": TYPO}).get_data(as_text=True)
    assert 'class="suggestions"' in embed and ">知识产权 <span" in embed


@pytest.mark.parametrize("ui", i18n.UI_LANGS)
def test_embed_offers_suggestions_and_help_on_zero_results(client: FlaskClient, ui: str) -> None:
    html = client.get("/embed", query_string={"q": NOTHING, "ui": ui}).get_data(as_text=True)
    suggestions = _api(client, NOTHING)["suggestions"]
    assert suggestions
    chips = re.findall(r'<a class="chip" href="/embed\?q=[^"]+"[^>]*>([^<]+) <span', html)
    assert chips == [s["text"] for s in suggestions]
    assert i18n.label("help_link", ui) in html and 'href="/help"' in html
    assert "<main" in html and "<h1" in html


def test_embed_with_many_hits_has_no_suggestion_box(client: FlaskClient) -> None:
    html = client.get("/embed", query_string={"q": "跨境"}).get_data(as_text=True)
    assert 'class="suggestions"' not in html


def _blocks(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of a stylesheet, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)]


def _colours(css: str, selector: str) -> tuple[str, ...]:
    [body] = [b for sel, b in _blocks(css) if sel == selector]
    return tuple(sorted(re.findall(r"#[0-9a-fA-F]{6}|solid|dashed|dotted", body)))


@pytest.mark.parametrize("kind", ["query", "counterpart", "probable"])
def test_widget_css_draws_each_mark_as_the_page_does(kind: str) -> None:
    page = (STATIC / "app.css").read_text(encoding="utf-8")
    widget = (STATIC / "widget.css").read_text(encoding="utf-8")
    assert _colours(widget, f".tyw mark.tyw-m-{kind}") == _colours(page, f"mark.m-{kind}")
    # nothing later in widget.css styles marks of that kind again (it once overrode itself)
    later = [sel for sel, _ in _blocks(widget) if kind in sel]
    assert later == [f".tyw mark.tyw-m-{kind}"]
