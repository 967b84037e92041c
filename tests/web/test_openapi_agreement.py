"""Issue #24, case 11: the OpenAPI document describes what the API really does.

Each disagreement found is checked from both sides: the parameter schema says valid
exactly when the API answers 200, and real responses validate against the response
schema, including for a document added without an issuer. Dates that do not exist are
refused, and bidirectional override characters from sources never reach an answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from search_app.cli import main

from .conftest import QUERY, make_app

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"


@pytest.fixture(scope="module")
def byod(tmp_path_factory) -> dict[str, str]:
    """A corpus of one TMX added without an issuer, plus a CSV carrying U+202E, built."""
    root = tmp_path_factory.mktemp("agreement")
    env = {"TAIYAKU_DATA_DIR": str(root / "data"), "TAIYAKU_INDEX_DIR": str(root / "index")}
    runner = CliRunner()
    rtl = root / "rtl.csv"
    rtl.write_text("zh,ja\n推进\u202e贸易便利化。,貿易\u202e円滑化を推進する。\n", encoding="utf-8")
    for args in (
        ["add", str(FIXTURES / "memory.tmx"), "--id", "tm"],
        ["add", str(rtl), "--id", "rtl"],
        ["build"],
    ):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
    return env


@pytest.fixture()
def spec(client: FlaskClient) -> dict[str, Any]:
    return client.get("/api/openapi.json").get_json()


def response_errors(spec: dict, path: str, body: Any) -> list[str]:
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    validator = Draft202012Validator({**schema["schema"], "components": spec["components"]})
    return [e.message for e in validator.iter_errors(body)]


def param_valid(spec: dict, path: str, name: str, value: str) -> bool:
    param = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)
    return Draft202012Validator(param["schema"]).is_valid(value)


def test_stats_of_a_document_without_issuer_match_the_schema(byod, spec):
    """`/api/stats` answered `issuer: {}` where the schema requires zh and ja."""
    client = make_app(None, INDEX_DIR=byod["TAIYAKU_INDEX_DIR"]).test_client()
    body = client.get("/api/stats").get_json()
    assert response_errors(spec, "/api/stats", body) == []
    assert {d["id"] for d in body["documents"]} == {"tm", "rtl"}
    doc = client.get("/api/doc/tm").get_json()
    assert response_errors(spec, "/api/doc/{doc_id}", doc) == []


@pytest.mark.parametrize("name", ["doc", "item", "q"])
@pytest.mark.parametrize("value", ["a\x01b", "x\x7f", "ok", "跨境\t"])
def test_control_characters_are_refused_exactly_where_the_schema_says(client, spec, name, value):
    """Control characters in `doc`/`item` got a 400 the schema allowed."""
    query = {"q": QUERY, name: value}
    status = client.get("/api/search", query_string=query).status_code
    assert status == (200 if param_valid(spec, "/api/search", name, value) else 400)


@pytest.mark.parametrize("flag", ["true", "1", "on", "0", "maybe"])
def test_all_without_q_is_what_the_schema_says(client, spec, flag):
    """`/api/search?all=true` without `q` answered 200 to a value the schema refused."""
    response = client.get("/api/search", query_string={"all": flag})
    valid = param_valid(spec, "/api/search", "all", flag)
    assert response.status_code == (200 if valid else 400)
    if valid:
        assert response_errors(spec, "/api/search", response.get_json()) == []
        assert response.get_json()["total"] == 0


def test_a_date_that_does_not_exist_stops_the_build(byod, tmp_path):
    """Dates like 2024-13-45 were accepted from the manifest."""
    data = Path(byod["TAIYAKU_DATA_DIR"])
    manifest = data / "documents.toml"
    original = manifest.read_text()
    try:
        manifest.write_text(original.replace('id = "tm"', 'id = "tm"\ndate = "2024-13-45"', 1))
        env = {**byod, "TAIYAKU_INDEX_DIR": str(tmp_path / "index")}
        result = CliRunner().invoke(main, ["build"], env=env)
        assert result.exit_code == 3
        assert "'2024-13-45' is not a date" in result.output
    finally:
        manifest.write_text(original)


def test_bidi_overrides_from_sources_never_reach_an_answer(byod):
    """RTL override characters from sources were printed as they are."""
    client = make_app(None, INDEX_DIR=byod["TAIYAKU_INDEX_DIR"]).test_client()
    body = client.get("/api/doc/rtl").get_data(as_text=True)
    assert "推进贸易便利化" in body and "\u202e" not in body
    result = CliRunner().invoke(main, ["search", "贸易便利化"], env=byod)
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output
