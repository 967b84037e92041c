"""The page, in every interface language, states how the query matched: all six cases."""

from __future__ import annotations

import pytest

from engine import SearchRequest
from search_app import create_app

PAIRS = [
    ("推进贸易便利化", "貿易の円滑化を推進する"),  # t.0: 贸易 only
    ("推进贸易和税收便利化", "貿易と税収の円滑化を推進する"),  # t.1: 贸易 and 税收
    ("完善税收制度", "税収制度を整備する"),  # t.2: 税收 only
    ("加强管理和数据安全工作", "管理とデータセキュリティ業務を強化する"),  # t.3: words apart
    ("发展数字经济", "デジタル経済を発展させる"),
    ("优化营商环境", "ビジネス環境を最適化する"),
]

CASES = [
    ("税收制度", "all"),
    ("贸易 税收", "some"),
    ("贸易 艺术品", "any"),
    ("安全数据工作", "apart"),
    ("税收营商", "words"),  # 税收 and 营商 never meet
    ("艺术品", "none"),
]
NOTES = {  # the words each interface uses (search_app/i18n.py), per status
    "some": {"en": "With every term", "zh": "包含所有检索词", "ja": "すべての語を含む"},
    "any": {"en": "any of them", "zh": "任一词", "ja": "いずれかの語"},
    "apart": {"en": "apart", "zh": "分开出现", "ja": "離れて"},
    "words": {"en": "some of them", "zh": "部分词", "ja": "一部の語"},
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from engine import open_engine
    from indexer.pipeline import write_generation
    from indexer.records import Clause, Document
    from storage.generations import new_build_dir, publish

    doc = Document(id="t", title={"zh": "测试", "ja": "テスト"})
    clauses = [
        Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate(PAIRS)
    ]
    root = tmp_path_factory.mktemp("match-index")
    work = new_build_dir(root)
    write_generation(work, [doc], clauses, procs=1)
    publish(root, work)
    return open_engine(root)


@pytest.mark.parametrize(("q", "status"), CASES)
def test_engine_reports_the_match_status(tiny, q, status):
    result = tiny.search(SearchRequest(q, lang="zh", limit=None))
    assert result.match.status == status
    assert result.match.all + result.match.some == result.total
    assert sum(h.all_terms for h in result.hits) == result.match.all


@pytest.mark.parametrize("ui", ["en", "zh", "ja"])
@pytest.mark.parametrize(("q", "status"), CASES)
def test_page_states_the_match_status_in_the_interface_language(tiny, ui, q, status):
    html = (
        create_app({"TESTING": True, "ENGINE": tiny})
        .test_client()
        .get("/", query_string={"q": q, "lang": "zh", "ui": ui})
    )
    page = html.get_data(as_text=True)
    if status in NOTES:
        assert f'data-match="{status}"' in page
        assert NOTES[status][ui] in page
    else:
        assert "data-match=" not in page
    partial = page.count("partial-flag")
    result = tiny.search(SearchRequest(q, lang="zh", limit=None))
    assert partial == sum(not h.all_terms for h in result.hits)


@pytest.mark.parametrize(("q", "status"), CASES)
def test_cli_states_the_match_status(tiny, q, status):
    from click.testing import CliRunner

    from search_app.cli import main

    root = tiny.backend.root
    result = CliRunner().invoke(main, ["search", q, "--lang", "zh", "--all", "--index", str(root)])
    assert result.exit_code == (1 if status == "none" else 0)
    notes = {"some": "with every term", "any": "any of them", "apart": "apart", "words": "some of"}
    if status in notes:
        assert "note: " in result.output and notes[status] in result.output
    else:
        assert "note: " not in result.output
    partial = result.output.count("[some terms only]")
    assert partial == sum(
        not h.all_terms for h in tiny.search(SearchRequest(q, lang="zh", limit=None)).hits
    )
