"""Bad input through the engine and the API: a message, never an exception, bounded time."""

from __future__ import annotations

import pytest

from engine import QueryError, SearchRequest
from engine.api import MAX_QUERY_CHARS
from engine.query import MAX_TERMS, parse

ODD = [
    "",
    "   ",
    "\u3000",
    '"跨境',
    "跨境)",
    "((",
    "*",
    "AND OR NOT",
    "-",
    '""',
    "跨境\x00数据",
    "😀😀 跨境",
    "e\u0301\u0301",
    "\ud800",
    "<script>alert(1)</script>",
    "zh: ja: doc: item:",
    "跨境 " * 300,
    " ".join(f"词{i}" for i in range(200)),
]


@pytest.mark.parametrize("q", ODD, ids=[repr(q)[:24] for q in ODD])
def test_odd_queries_get_an_answer(engine, q):
    result = engine.search(SearchRequest(q, limit=20))
    assert result.total == len(result.hits) or result.total > 20


def test_work_per_query_is_bounded():
    """A query's cost grows with its terms: repeated ones count once, at most MAX_TERMS."""
    assert len(parse("跨境 " * 300).terms) == 1
    plan = parse(" ".join(f"词{i}" for i in range(200)))
    assert len(plan.terms) == MAX_TERMS
    assert plan.dropped == 200 - MAX_TERMS


def test_empty_query_says_so(engine):
    result = engine.search(SearchRequest("  ", limit=20))
    assert result.total == 0
    assert result.match.status == "none" and result.total == 0


def test_too_long_query_is_refused_with_the_limit(engine):
    with pytest.raises(QueryError, match=str(MAX_QUERY_CHARS)):
        engine.search(SearchRequest("跨" * 10_000))


@pytest.mark.parametrize(
    "params",
    [{"q": "跨" * 10_000}, {"q": "跨境", "limit": "5000"}, {"q": "跨境", "sort": "x"}],
)
def test_api_refuses_with_400_and_the_error_shape(api, params):
    r = api.get("/api/search", query_string=params)
    assert r.status_code == 400
    assert set(r.get_json()["error"]) == {"code", "message"}


def test_script_is_shown_as_text(api):
    page = api.get("/", query_string={"q": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page
