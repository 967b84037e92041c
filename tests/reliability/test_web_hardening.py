"""Failure families 6, 8 and 9: CSV formulas, proxy headers, CORS, overlong queries."""

from __future__ import annotations

import csv
import io

from engine.api import DocRef, Hit, Title
from search_app import create_app
from search_app.export import to_csv


def test_hostile_csv_cells_are_neutralised():
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]
    hits = [
        Hit(
            id=h, doc=DocRef("d", Title()), path=[], item=None, order=0, score=1.0, zh=None, ja=None
        )
        for h in hostile
    ]
    rows = list(csv.reader(io.StringIO(to_csv(hits).lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["'" + h for h in hostile]


def app(index, **config):
    return create_app({"TESTING": True, "INDEX_DIR": str(index), **config}).test_client()


def test_forwarded_prefix_must_be_a_plain_path(index):
    web = app(index, TRUSTED_PROXY_HOPS=1)
    for evil in ("//evil.example", "https://evil.example", "javascript:alert(1)//", "/a/../b"):
        page = web.get("/", headers={"X-Forwarded-Prefix": evil}).get_data(as_text=True)
        assert "evil.example" not in page and "javascript:" not in page and "/a/../b" not in page
    page = web.get("/", headers={"X-Forwarded-Prefix": "/tools/taiyaku"}).get_data(as_text=True)
    assert 'href="/tools/taiyaku/glossary' in page


def test_opensearch_never_reflects_an_untrusted_host(index):
    xml = app(index).get("/opensearch.xml", headers={"Host": "evil.example"}).get_data(True)
    assert "evil.example" not in xml
    public = app(index, PUBLIC_URL="https://search.example.org/taiyaku/")
    xml = public.get("/opensearch.xml", headers={"Host": "evil.example"}).get_data(True)
    assert "https://search.example.org/taiyaku/api/search" in xml and "evil" not in xml


def test_cors_preflight_lists_allowed_headers(index):
    web = app(index, CORS_ORIGINS=["https://intranet.example"])
    answer = web.options(
        "/api/search",
        headers={"Origin": "https://intranet.example", "Access-Control-Request-Method": "GET"},
    )
    assert "Content-Type" in answer.headers["Access-Control-Allow-Headers"]


def test_overlong_query_is_refused_without_echoing_it(index):
    web = app(index)
    q = "跨" * 100_000
    page = web.get("/?q=" + q)
    assert page.status_code == 400
    assert len(page.get_data()) < 20_000
    assert web.get("/api/search?q=" + q).json["error"]["code"] == "query_too_long"
