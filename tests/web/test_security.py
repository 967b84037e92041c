"""Security headers, CSP without inline script or style, framing rules, embed, OpenSearch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

import search_app

from .conftest import QUERY, make_app

TEMPLATES = Path(search_app.__file__).parent / "templates"


@pytest.fixture
def pages(sample: dict) -> list[str]:
    return [
        "/",
        f"/?q={QUERY}",
        f"/clause/{sample['clause']}",
        f"/doc/{sample['doc']}?q={QUERY}",
        f"/glossary?q={QUERY}",
        "/glossary",
        f"/embed?q={QUERY}",
        "/nothing",
    ]


def test_security_headers_everywhere(client: FlaskClient, pages: list[str]) -> None:
    for url in [*pages, "/api/search?q=x", "/healthz", "/static/app.css"]:
        with client.get(url) as response:  # closes the static file
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_rendered_pages(client: FlaskClient, pages: list[str]) -> None:
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers
        assert "http://" not in html.replace("http://localhost", "") or url.startswith("/embed")


def test_no_external_assets_in_templates() -> None:
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="(?:https?:)?//', source), template.name


def test_pages_only_framed_by_same_origin(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_embed_frame_ancestors_from_configuration(engine) -> None:
    default = make_app(engine).test_client().get(f"/embed?q={QUERY}")
    assert "frame-ancestors 'self'" in default.headers["Content-Security-Policy"]
    portal = "https://portal.intra.example"
    client = make_app(engine, FRAME_ANCESTORS=f"'self' {portal}").test_client()
    embed = client.get(f"/embed?q={QUERY}")
    assert f"frame-ancestors 'self' {portal}" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    page = client.get("/")  # only the embed page is frameable by the portal
    assert portal not in page.headers["Content-Security-Policy"]


def test_embed_page_is_compact_and_opens_links_in_new_tab(client: FlaskClient) -> None:
    html = client.get(f"/embed?q={QUERY}").get_data(as_text=True)
    assert 'class="embed"' in html and "<mark " in html
    assert 'class="top"' not in html  # no site header
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>', html)
    assert links and all('target="_blank"' in tag for tag in re.findall(r"<a [^>]*>", html))


def test_opensearch_description(client: FlaskClient) -> None:
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    xml = response.get_data(as_text=True)
    assert 'template="http://localhost/?q={searchTerms}"' in xml
    assert 'rel="search"' in client.get("/").get_data(as_text=True)


def test_widget_script_is_served(client: FlaskClient) -> None:
    with client.get("/static/widget.js") as response:
        assert response.status_code == 200
        source = response.get_data(as_text=True)
    assert "api/search" in source and "innerHTML" not in source
    with client.get("/static/widget.css") as response:
        assert response.status_code == 200
