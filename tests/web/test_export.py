"""/export: every hit of the query as CSV (BOM), JSON or TMX 1.4, as a named download."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from flask.testing import FlaskClient

from engine.api import SearchRequest
from search_app.export import filename, to_tmx

from .conftest import QUERY

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_csv_has_bom_every_hit_ids_and_paths(client: FlaskClient, sample: dict) -> None:
    response = client.get("/export", query_string={"q": QUERY, "format": "csv", "limit": 1})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == sample["total"]  # not one page
    assert {r["id"] for r in rows} >= {sample["clause"]}
    assert all(r["path_zh"] and r["path_ja"] for r in rows)
    assert any(QUERY in r["zh"] for r in rows)
    assert "<mark>" not in response.get_data(as_text=True)


def test_download_is_named_after_the_query(client: FlaskClient) -> None:
    disposition = client.get("/export", query_string={"q": QUERY}).headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"taiyaku-{QUERY}.csv"


@pytest.mark.parametrize(
    ("q", "fmt", "expected"),
    [
        ("跨境", "csv", ("taiyaku-query.csv", "taiyaku-跨境.csv")),
        ("data flow", "tmx", ("taiyaku-data_flow.tmx", "taiyaku-data_flow.tmx")),
        ('a/b:"c"', "json", ("taiyaku-a_b_c.json", "taiyaku-a_b_c.json")),
    ],
)
def test_filename(q: str, fmt: str, expected: tuple[str, str]) -> None:
    assert filename(q, fmt) == expected


def test_json_is_the_full_result_object(client: FlaskClient, sample: dict) -> None:
    response = client.get("/export", query_string={"q": QUERY, "format": "json"})
    body = json.loads(response.data)
    assert body["total"] == sample["total"] == len(body["hits"])
    assert body["limit"] is None


def test_tmx_is_valid_14_with_only_aligned_pairs(client: FlaskClient, engine) -> None:
    response = client.get("/export", query_string={"q": QUERY, "format": "tmx"})
    assert response.headers["Content-Type"].startswith("application/x-tmx+xml")
    root = ET.fromstring(response.data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for key, value in {
        "creationtool": "taiyaku",
        "srclang": "zh-CN",
        "segtype": "sentence",
        "o-tmf": "taiyaku",
        "adminlang": "en",
        "datatype": "plaintext",
    }.items():
        assert header.get(key) == value
    hits = engine.search(SearchRequest(q=QUERY, limit=None)).hits
    aligned = {h.id for h in hits if h.zh and h.ja}
    units = root.findall("body/tu")
    assert {tu.get("tuid") for tu in units} == aligned
    for tu in units:
        assert tu.find("prop[@type='x-path']").text
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert langs == ["zh-CN", "ja"]
        assert all(tuv.find("seg").text for tuv in tu.findall("tuv"))


def test_tmx_escapes_markup(engine) -> None:
    hit = engine.search(SearchRequest(q=QUERY)).hits[0]
    from dataclasses import replace

    from engine.api import Side

    nasty = replace(hit, zh=Side("<b>&\x01", "&lt;b&gt;&amp;"), id='a"b')
    root = ET.fromstring(to_tmx([nasty]))
    assert root.find("body/tu").get("tuid") == 'a"b'
    assert root.find("body/tu/tuv/seg").text == "<b>&"


@pytest.mark.parametrize(
    ("args", "status"), [({}, 400), ({"q": QUERY, "format": "xls"}, 400), ({"q": QUERY}, 200)]
)
def test_export_parameters(client: FlaskClient, args: dict, status: int) -> None:
    assert client.get("/export", query_string=args).status_code == status


def test_export_json_errors_use_the_shape(client: FlaskClient) -> None:
    body = client.get("/export?format=json").get_json()
    assert body["error"]["code"] == "bad_parameter"
