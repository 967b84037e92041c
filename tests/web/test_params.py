"""Query string → SearchRequest: the one table of what each route accepts."""

from __future__ import annotations

import pytest

from engine.api import MAX_LIMIT, MAX_QUERY_CHARS, SearchRequest
from search_app import create_app, params
from search_app.errors import ApiError
from search_app.export import FORMATS

GOOD = [
    ({}, SearchRequest(q="")),
    ({"q": "  跨境  "}, SearchRequest(q="跨境")),
    ({"q": "跨境", "lang": "zh"}, SearchRequest(q="跨境", lang="zh")),
    ({"q": "クロスボーダー", "lang": "ja"}, SearchRequest(q="クロスボーダー", lang="ja")),
    ({"q": "跨境", "limit": "5", "offset": "10"}, SearchRequest(q="跨境", limit=5, offset=10)),
    ({"q": "跨境", "limit": str(MAX_LIMIT)}, SearchRequest(q="跨境", limit=MAX_LIMIT)),
    ({"q": "跨境", "limit": "all"}, SearchRequest(q="跨境", limit=None)),
    ({"q": "跨境", "all": "1"}, SearchRequest(q="跨境", limit=None)),
    ({"q": "跨境", "all": "0", "limit": "3"}, SearchRequest(q="跨境", limit=3)),
    ({"q": "跨境", "sort": "document"}, SearchRequest(q="跨境", sort="document")),
    (
        {"q": "跨境", "doc": "gh2020-123", "item": "23"},
        SearchRequest(q="跨境", doc="gh2020-123", item="23"),
    ),
    ({"q": "跨境", "doc": "", "item": ""}, SearchRequest(q="跨境")),
    ({"q": "a" * MAX_QUERY_CHARS}, SearchRequest(q="a" * MAX_QUERY_CHARS)),
]

BAD = [
    ({"q": "a" * (MAX_QUERY_CHARS + 1)}, "query_too_long"),
    ({"q": "跨\x00境"}, "bad_parameter"),
    ({"limit": "0"}, "bad_parameter"),
    ({"limit": str(MAX_LIMIT + 1)}, "bad_parameter"),
    ({"limit": "-1"}, "bad_parameter"),
    ({"limit": "ten"}, "bad_parameter"),
    ({"limit": "1e3"}, "bad_parameter"),
    ({"offset": "-5"}, "bad_parameter"),
    ({"offset": "x"}, "bad_parameter"),
    ({"sort": "date"}, "bad_parameter"),
    ({"lang": "en"}, "bad_parameter"),
    ({"all": "maybe"}, "bad_parameter"),
    ({"doc": "d" * 201}, "bad_parameter"),
    ({"item": "\x07"}, "bad_parameter"),
]


@pytest.mark.parametrize(("args", "expected"), GOOD, ids=[str(a)[:40] for a, _ in GOOD])
def test_good_parameters(args: dict[str, str], expected: SearchRequest) -> None:
    assert params.search_request(args) == expected


@pytest.mark.parametrize(("args", "code"), BAD, ids=[str(a)[:40] for a, _ in BAD])
def test_bad_parameters_are_400(args: dict[str, str], code: str) -> None:
    with pytest.raises(ApiError) as caught:
        params.search_request(args)
    assert caught.value.status == 400
    assert caught.value.code == code
    assert caught.value.message


def test_query_too_long_message_names_the_limit() -> None:
    with pytest.raises(ApiError) as caught:
        params.query({"q": "跨" * (MAX_QUERY_CHARS + 5)})
    assert str(MAX_QUERY_CHARS) in caught.value.message


@pytest.mark.parametrize(
    ("args", "fmt"), [({}, "csv"), ({"format": "json"}, "json"), ({"format": "tmx"}, "tmx")]
)
def test_export_format(engine, args: dict[str, str], fmt: str) -> None:
    client = create_app({"TESTING": True, "ENGINE": engine}).test_client()
    response = client.get("/export", query_string={"q": "跨境", **args})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == FORMATS[fmt].mimetype


def test_unknown_export_format(engine) -> None:
    client = create_app({"TESTING": True, "ENGINE": engine}).test_client()
    response = client.get("/export", query_string={"q": "跨境", "format": "xlsx"})
    assert response.status_code == 400 and "csv, json, tmx" in response.get_data(as_text=True)
