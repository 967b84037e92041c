"""Laws and regulations keep their structure: 第X章 / 第X条 / 第X款(項) / 第X项(号) (issue #23).

The label goes on the clause's path (shown in the path, the chart, the citation) and out of
its text, so it neither shows twice nor pulls a sentence match down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.legal import label_end
from indexer.ingest.corpus import build_corpus
from indexer.ingest.headings import parse_label

REGULATION = Path(__file__).parent / "fixtures" / "regulation"
LEGAL = {"chapter", "division", "article", "paragraph", "subitem"}


@pytest.mark.parametrize(
    ("text", "kind", "number", "written", "rest"),
    [
        ("第七条 为了规范", "article", 7, "第七条", "为了规范"),
        ("第7条 この規則は", "article", 7, "第7条", "この規則は"),
        ("第一百二十三条", "article", 123, "第一百二十三条", ""),
        ("第二章 总则", "chapter", 2, "第二章", "总则"),
        ("第三节 一般规定", "division", 3, "第三节", "一般规定"),
        ("第二款 前款规定", "paragraph", 2, "第二款", "前款规定"),
        ("第2項 前項の", "paragraph", 2, "第2項", "前項の"),
        ("第三项 其他", "subitem", 3, "第三项", "其他"),
        ("第3号 その他", "subitem", 3, "第3号", "その他"),
    ],
    ids=lambda v: str(v),
)
def test_legal_labels(text: str, kind: str, number: int, written: str, rest: str) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.kind, label.number, label.label, label.written, label.rest) == (
        kind,
        number,
        str(number),
        written,
        rest,
    )


@pytest.mark.parametrize("text", ["第三条规定的义务由数据处理者履行。", "第一次会议", "第三方机构"])
def test_a_sentence_starting_with_di_is_text(text: str) -> None:
    assert parse_label(text) is None and label_end(text) == 0


@pytest.fixture(scope="module")
def regulation():
    return build_corpus(REGULATION)


def test_articles_are_items_with_the_label_out_of_the_text(regulation) -> None:
    clauses = [c for c in regulation.clauses if c.doc_id == "reg"]
    articles = [c for c in clauses if c.path and c.path[-1].level == "article"]
    assert [c.item for c in articles] == ["1", "2", "3", "4", "5"]
    for c in articles:
        assert not c.zh.startswith("第") or parse_label(c.zh) is None
        assert not c.ja.startswith("第") or parse_label(c.ja) is None
    first = articles[0]
    assert first.zh.startswith("为了规范") and first.ja.startswith("クロスボーダー")
    assert (first.path[-1].zh, first.path[-1].ja) == ("第一条", "第1条")
    assert (first.path[-2].level, first.path[-2].zh, first.path[-2].ja) == (
        "chapter",
        "第一章 总则",
        "第1章 総則",
    )


def test_list_items_inside_an_article_stay_under_it(regulation) -> None:
    items = [c for c in regulation.clauses if c.path and c.path[-1].level == "subitem"]
    assert [c.path[-1].label for c in items] == ["（一）", "（二）"]
    assert all(c.item == "3" and c.path[-2].level == "article" for c in items)
    assert items[0].zh == "建立数据安全管理制度；"


def test_an_article_citing_another_keeps_its_text(regulation) -> None:
    fifth = next(c for c in regulation.clauses if c.item == "5")
    assert fifth.zh == "第三条规定的义务由数据处理者自行履行。"
    assert fifth.ja.startswith("第3条に定める")


def test_the_seed_corpus_has_no_legal_units(seed_corpus) -> None:
    """The seed document numbers its items 1.–26.: nothing there changes (its clause file
    stays byte-identical; checked by rebuilding, see the report of issue #23)."""
    assert not any(s.level in LEGAL for c in seed_corpus.clauses for s in c.path)
