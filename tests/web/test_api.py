"""The JSON API: results, the one error shape on every route, CORS, and the OpenAPI spec."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec

from engine.api import MAX_QUERY_CHARS, SearchRequest
from search_app.render import result_json

from .conftest import QUERY, make_app

TOO_LONG = "跨" * (MAX_QUERY_CHARS + 1)
BAD_INPUTS = [
    {"limit": "0"},
    {"limit": "1001"},
    {"limit": "abc"},
    {"offset": "-1"},
    {"sort": "sideways"},
    {"lang": "fr"},
    {"all": "perhaps"},
    {"q": TOO_LONG},
    {"q": "x\x00y"},
    {"doc": "d" * 500},
]


def assert_error_shape(response: Any, status: int | None = None) -> dict[str, str]:
    if status is not None:
        assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json, response.content_type
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in body["error"]["message"]
    return body["error"]


def api_urls(app: Flask) -> list[str]:
    """Every JSON route of the app, with made-up ids for path parameters."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.rule == "/healthz":
            url = rule.rule
            for arg in rule.arguments:
                url = url.replace(f"<path:{arg}>", "no-such-id").replace(f"<{arg}>", "no-such")
            urls.append(url)
    assert len(urls) >= 7
    return sorted(urls)


def test_search_returns_the_engine_result_object(client: FlaskClient, engine) -> None:
    response = client.get("/api/search", query_string={"q": QUERY, "limit": 3})
    assert response.status_code == 200
    body = response.get_json()
    expected = result_json(engine.search(SearchRequest(q=QUERY, limit=3)))
    body.pop("took_ms"), expected.pop("took_ms")
    assert body == expected
    assert len(body["hits"]) == 3
    assert body["hits"][0]["zh"]["marks"] and "<mark " in body["hits"][0]["zh"]["html"]
    assert "跨境" in response.get_data(as_text=True)  # not \\u-escaped


def test_search_filters_and_research_mode(client: FlaskClient, sample: dict) -> None:
    everything = client.get("/api/search", query_string={"q": QUERY, "limit": "all"}).get_json()
    assert everything["limit"] is None and len(everything["hits"]) == sample["total"]
    item, count = next(iter(sample["items"].items()))
    filtered = client.get("/api/search", query_string={"q": QUERY, "item": item}).get_json()
    assert filtered["total"] == count
    assert {h["item"] for h in filtered["hits"]} == {item}
    by_doc = client.get("/api/search", query_string={"q": QUERY, "doc": sample["doc"]}).get_json()
    assert {h["doc"]["id"] for h in by_doc["hits"]} == {sample["doc"]}
    ordered = client.get(
        "/api/search", query_string={"q": QUERY, "sort": "document", "doc": sample["doc"]}
    ).get_json()
    orders = [h["order"] for h in ordered["hits"]]
    assert orders == sorted(orders)


def test_empty_query_is_200_with_no_hits(client: FlaskClient) -> None:
    body = client.get("/api/search?q=").get_json()
    assert body["total"] == 0 and body["hits"] == []


def test_clause_doc_glossary_stats(client: FlaskClient, sample: dict) -> None:
    clause = client.get(f"/api/clause/{sample['clause']}").get_json()
    assert clause["id"] == sample["clause"]
    doc = client.get(f"/api/doc/{sample['doc']}", query_string={"q": QUERY}).get_json()
    assert any((c["zh"] or {}).get("marks") for c in doc["clauses"])
    glossary = client.get("/api/glossary", query_string={"q": QUERY}).get_json()
    assert glossary["entries"] and glossary["entries"][0]["source"] == QUERY
    stats = client.get("/api/stats").get_json()
    assert stats["documents"]
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["documents"] == len(stats["documents"])


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda b: next(iter(b)) + "=" + str(b)[8:30])
def test_every_api_route_answers_bad_input_with_the_error_shape(
    client: FlaskClient, app: Flask, bad: dict[str, str]
) -> None:
    for url in api_urls(app):
        response = client.get(url, query_string=bad)
        assert response.status_code < 500, url
        if response.status_code >= 400:
            assert_error_shape(response)


def test_every_api_route_refuses_bad_search_parameters(client: FlaskClient, app: Flask) -> None:
    for url in ("/api/search", "/api/glossary", "/export", "/embed", "/"):
        error = assert_error_shape(
            client.get(url, query_string={"q": TOO_LONG}, headers={"Accept": "application/json"}),
            400,
        )
        assert error["code"] == "query_too_long"
        assert str(MAX_QUERY_CHARS) in error["message"]
    assert_error_shape(client.get("/api/search?limit=5000"), 400)


def test_unknown_ids_and_paths_are_404(client: FlaskClient, app: Flask) -> None:
    for url in api_urls(app):
        if "no-such" in url:
            assert assert_error_shape(client.get(url), 404)["code"] == "not_found"
    assert assert_error_shape(client.get("/api/nothing-here"), 404)["code"] == "not_found"


def test_wrong_method_is_405_with_the_shape(client: FlaskClient, app: Flask) -> None:
    for url in api_urls(app):
        response = client.post(url)
        assert assert_error_shape(response, 405)["code"] == "method_not_allowed"


def test_no_index_is_503_everywhere(no_index_client: FlaskClient, app: Flask) -> None:
    for url in api_urls(app):
        if url.endswith("openapi.json"):
            continue
        error = assert_error_shape(no_index_client.get(url, query_string={"q": QUERY}), 503)
        assert error["code"] == "no_index"
        assert "taiyaku build" in error["message"]


def test_engine_crash_is_a_plain_500_without_traceback(engine, tmp_path) -> None:
    class Broken:
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError("secret internals")

    client = make_app(Broken()).test_client()  # type: ignore[arg-type]
    error = assert_error_shape(client.get("/api/search?q=x"), 500)
    assert error["code"] == "internal_error" and "secret" not in error["message"]
    page = client.get("/?q=x")
    assert page.status_code == 500 and b"secret" not in page.data and b"Traceback" not in page.data


def test_cors_only_for_listed_origins_and_only_on_the_api(engine) -> None:
    client = make_app(engine, CORS_ORIGINS=["http://intra.example"]).test_client()
    allowed = client.get("/api/search?q=x", headers={"Origin": "http://intra.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://intra.example"
    assert "Origin" in allowed.headers.get("Vary", "")
    other = client.get("/api/search?q=x", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    page = client.get("/?q=x", headers={"Origin": "http://intra.example"})
    assert "Access-Control-Allow-Origin" not in page.headers
    preflight = client.options("/api/search", headers={"Origin": "http://intra.example"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "http://intra.example"
    default = make_app(engine).test_client()
    assert (
        "Access-Control-Allow-Origin"
        not in default.get("/api/search?q=x", headers={"Origin": "http://intra.example"}).headers
    )


# -- OpenAPI ----------------------------------------------------------------------------------


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_openapi_document_is_valid(spec: dict[str, Any]) -> None:
    validate_spec(spec)


def test_openapi_covers_every_api_route(spec: dict[str, Any], app: Flask) -> None:
    documented = {p.replace("{", "<").replace("}", ">") for p in spec["paths"]}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and not rule.rule.endswith("openapi.json"):
            assert rule.rule.replace("<path:", "<") in documented, rule.rule


def example_requests(sample: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(spec path, status) → (client, url) producing that response for real."""
    return {
        ("/api/search", "200"): ("ok", f"/api/search?q={QUERY}&limit=2"),
        ("/api/search", "400"): ("ok", "/api/search?limit=0"),
        ("/api/search", "503"): ("none", f"/api/search?q={QUERY}"),
        ("/api/clause/{clause_id}", "200"): ("ok", f"/api/clause/{sample['clause']}"),
        ("/api/clause/{clause_id}", "404"): ("ok", "/api/clause/nope"),
        ("/api/clause/{clause_id}", "503"): ("none", "/api/clause/x"),
        ("/api/doc/{doc_id}", "200"): ("ok", f"/api/doc/{sample['doc']}?q={QUERY}"),
        ("/api/doc/{doc_id}", "400"): ("ok", f"/api/doc/{sample['doc']}?q={TOO_LONG}"),
        ("/api/doc/{doc_id}", "404"): ("ok", "/api/doc/nope"),
        ("/api/doc/{doc_id}", "503"): ("none", "/api/doc/x"),
        ("/api/glossary", "200"): ("ok", f"/api/glossary?q={QUERY}"),
        ("/api/glossary", "400"): ("ok", f"/api/glossary?q={TOO_LONG}"),
        ("/api/glossary", "503"): ("none", "/api/glossary?q=x"),
        ("/api/stats", "200"): ("ok", "/api/stats"),
        ("/api/stats", "503"): ("none", "/api/stats"),
        ("/healthz", "200"): ("ok", "/healthz"),
        ("/healthz", "503"): ("none", "/healthz"),
    }


def test_real_responses_match_the_openapi_schemas(
    spec: dict[str, Any], client: FlaskClient, no_index_client: FlaskClient, sample: dict
) -> None:
    examples = example_requests(sample)
    checked = 0
    for path, operation in spec["paths"].items():
        for status, declared in operation["get"]["responses"].items():
            which, url = examples[(path, status)]
            response = (client if which == "ok" else no_index_client).get(url)
            schema = declared["content"]["application/json"]["schema"]
            validator = Draft202012Validator({**schema, "components": spec["components"]})
            errors = list(validator.iter_errors(response.get_json()))
            assert not errors, (path, status, url, errors[0].message)
            if response.status_code >= 400:
                assert_error_shape(response)
            else:
                assert str(response.status_code) == status
            checked += 1
    assert checked >= 14


def test_openapi_server_respects_the_mount_prefix(engine) -> None:
    client = make_app(engine, TRUSTED_PROXY_HOPS=1).test_client()
    spec = client.get("/api/openapi.json", headers={"X-Forwarded-Prefix": "/tools/taiyaku"})
    assert spec.get_json()["servers"] == [{"url": "/tools/taiyaku"}]


def test_engine_without_published_index_is_503(tmp_path) -> None:
    """The real engine opens lazily and raises IndexMissing from its first call."""
    from storage.errors import IndexMissing

    class Unbuilt:
        def __getattr__(self, name: str) -> Any:
            def call(*args: Any, **kwargs: Any) -> Any:
                raise IndexMissing("no index: run `taiyaku build`")

            return call

    client = make_app(Unbuilt()).test_client()  # type: ignore[arg-type]
    assert assert_error_shape(client.get("/api/search?q=x"), 503)["code"] == "no_index"
    assert assert_error_shape(client.get("/healthz"), 503)["code"] == "no_index"
    page = client.get("/")
    assert page.status_code == 503 and "taiyaku build" in page.get_data(as_text=True)
