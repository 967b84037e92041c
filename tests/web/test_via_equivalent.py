"""A clause found only through a glossary equivalent says so, and is counted apart.

Searching クロスボーダー also finds, through the learned equivalent 跨境, a pair whose
Japanese says 越境: that clause does not contain what was typed. It is labelled
"via 跨境" (API `hit.via`, the page's flag, the CLI), 跨境 is marked as what was searched
(not as the translation of クロスボーダー), and the term panel, which counts pairs that
contain the typed term, leaves it out and reports it in `renderings_via`.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import make_app

PAIRS = [
    ("推进跨境贸易便利化", "クロスボーダー貿易の利便化を推進する"),
    ("促进跨境数据流动", "クロスボーダーデータ流通を促進する"),
    ("发展跨境支付业务", "クロスボーダー決済業務を発展させる"),
    ("完善跨境服务体系", "越境サービス体系を完備する"),
    ("加强国际合作", "国際協力を強化する"),
    ("优化营商环境", "ビジネス環境を最適化する"),
]


@pytest.fixture
def via_api(tiny_engine, tmp_path):
    app = make_app(tiny_engine(PAIRS), INDEX_DIR=str(tmp_path / "unused"))
    return app.test_client()


def _search(client, q, lang):
    r = client.get("/api/search", query_string={"q": q, "lang": lang, "limit": "all"})
    assert r.status_code == 200
    return r.get_json()


def test_the_equivalent_is_used_and_its_clause_is_labelled(via_api):
    body = _search(via_api, "クロスボーダー", "ja")
    assert [e["target"] for e in body["query"]["expansions"]] == ["跨境"]
    hits = {h["zh"]["text"]: h for h in body["hits"]}
    via = hits["完善跨境服务体系"]
    assert via["via"] == "跨境"
    assert all(h["via"] is None for t, h in hits.items() if t != "完善跨境服务体系")
    zh = via["zh"]
    kinds = {zh["text"][m["start"] : m["end"]]: m["kind"] for m in zh["marks"]}
    assert kinds.get("跨境") == "query"  # what was searched, not "its translation"


def test_the_panel_counts_only_pairs_with_the_typed_term(via_api):
    body = _search(via_api, "クロスボーダー", "ja")
    panel = {(r["text"], r["lang"]): r["count"] for r in body["query"]["renderings"]}
    assert panel.get(("跨境", "zh")) == 3  # not 4: the 越境 pair does not say クロスボーダー
    assert body["query"]["renderings_via"] == 1


def test_a_typed_term_found_as_written_is_not_via(via_api):
    body = _search(via_api, "跨境", "zh")
    assert body["hits"] and all(h["via"] is None for h in body["hits"])
    assert body["query"]["renderings_via"] == 0


def test_the_cli_labels_it_too(tiny_engine, tmp_path):
    from click.testing import CliRunner

    from search_app.cli import main

    tiny_engine(PAIRS)
    index = tmp_path / "tiny-index"
    out = CliRunner().invoke(
        main, ["search", "クロスボーダー", "--lang", "ja", "--all", "--index", str(index)]
    )
    assert out.exit_code == 0, out.output
    assert "(via 跨境)" in out.output
    assert "1 more only via an equivalent, not counted" in out.output
