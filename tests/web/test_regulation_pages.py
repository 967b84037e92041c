"""A regulation on the pages (issue #23): articles in the path, the chart and the outline, a
one-click citation, sentence lookup without the article label; metadata-less documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from indexer.pipeline import build
from search_app import create_app

REGULATION = Path(__file__).resolve().parents[1] / "ingest" / "fixtures" / "regulation"


@pytest.fixture(scope="module")
def reg_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = tmp_path_factory.mktemp("regulation-index")
    build(REGULATION, root, procs=1)
    return create_app({"TESTING": True, "INDEX_DIR": str(root)})


@pytest.fixture()
def reg(reg_app: Flask) -> FlaskClient:
    return reg_app.test_client()


def test_chart_has_a_bar_per_article_and_the_path_names_it(reg: FlaskClient) -> None:
    html = reg.get("/", query_string={"q": "数据", "doc": "reg", "ui": "zh"}).get_data(as_text=True)
    bars = re.findall(r'class="bar[^"]*"[^>]*data-item="([^"]+)"', html)
    # one bar per article; "other" holds the title only (it belongs to no article)
    assert bars == ["1", "2", "3", "4", "5", "other"]
    assert re.search(r'title="第三条 / 第3条">第三条</', html)  # the path, as each text writes it


def test_citation_is_document_number_and_article(reg: FlaskClient) -> None:
    html = reg.get("/", query_string={"q": "数据处理者", "ui": "en"}).get_data(as_text=True)
    cites = set(re.findall(r'data-cite="([^"]+)"', html))
    assert "网信办令第1号 第三条" in cites
    html = reg.get("/", query_string={"q": "风险评估", "ui": "en"}).get_data(as_text=True)
    assert 'data-cite="网信办令第1号 第三条（二）"' in html
    ja = reg.get("/", query_string={"q": "数据处理者", "ui": "ja"}).get_data(as_text=True)
    assert 'data-cite="网信办令第1号 第3条"' in ja  # the Japanese text's own label


def test_document_outline_lists_chapters_and_articles(reg: FlaskClient) -> None:
    html = reg.get("/doc/reg", query_string={"ui": "zh"}).get_data(as_text=True)
    outline = html.split('class="outline"')[1].split("</nav>")[0]
    assert "第一章 总则" in outline and "第二章 管理" in outline
    for n in "一二三四五":
        assert f'>第{n}条 <span class="first-words">' in outline
    body = html.split('class="doc-body"')[1]
    assert "第一条 为了" not in body  # the label is on the path, not in the text


@pytest.mark.parametrize(
    "pasted",
    [
        "第四条 国家网信部门负责统筹协调跨境数据安全工作。",  # the label as the source has it
        "国家网信部门负责统筹协调跨境数据安全工作。",
    ],
)
def test_sentence_lookup_ignores_the_article_label(reg: FlaskClient, pasted: str) -> None:
    result = reg.get("/api/search", query_string={"q": pasted}).get_json()
    top = result["hits"][0]
    assert top["item"] == "4" and top["similarity"] >= 99


def test_a_short_clause_pasted_whole_gets_its_percentage(reg: FlaskClient) -> None:
    result = reg.get("/api/search", query_string={"q": "建立数据安全管理制度；"}).get_json()
    assert result["query"]["mode"] == "tm"
    top = result["hits"][0]
    assert top["similarity"] == 100 and top["match_kind"] == "exact"
    html = reg.get("/", query_string={"q": "建立数据安全管理制度", "ui": "en"})
    assert "99% match" in html.get_data(as_text=True)


def test_a_document_without_number_or_date_shows_no_empty_fields(reg: FlaskClient) -> None:
    html = reg.get("/", query_string={"ui": "en"}).get_data(as_text=True)
    metas = re.findall(r'<span class="doc-meta">([^<]*)</span>', html)
    assert len(metas) == 2
    assert all(not m.startswith("·") and "· ·" not in m for m in metas)
    assert "网信办令第1号 · 2024-03-01 · " in metas[0]
