"""Structure of the seed document: items, the reply letter, clean sources, ids, paths."""

from __future__ import annotations

import re

from .conftest import pair_for


def test_items_1_to_26_in_order(seed_corpus) -> None:
    headings = [c for c in seed_corpus.clauses if c.kind == "heading" and c.item is not None]
    item_headings = [c for c in headings if c.path[-1].level == "item"]
    assert [c.item for c in item_headings] == [str(n) for n in range(1, 27)]


def test_item_of_every_clause_inside_an_item(seed_corpus) -> None:
    clause = pair_for(seed_corpus.clauses, "开展本外币一体化试点")[0]
    assert clause.item == "23"
    heading = pair_for(seed_corpus.clauses, "推进资金跨境流动便利")[0]
    assert heading.kind == "heading" and heading.item == "23"
    assert [s.level for s in clause.path] == ["attachment", "part", "section", "item"]
    assert clause.path[-2].label == "（四）" and clause.path[-3].label == "三"


def test_path_titles_in_both_languages(seed_corpus) -> None:
    clause = pair_for(seed_corpus.clauses, "在京设立国家金融科技风险监控中心")[0]
    item = clause.path[-1]
    assert (
        item.zh == "以金融街、国家级金融科技示范区、丽泽金融商务区为主阵地，打造金融科技创新示范区"
    )
    assert item.ja.startswith("金融街・国家級金融科学技術モデル区")
    assert clause.path[-2].zh == "推动服务业扩大开放在重点园区示范发展"


def test_reply_letter_has_both_languages(seed_corpus) -> None:
    letter = [c for c in seed_corpus.clauses if c.path[0].level == "letter"]
    points = {c.path[1].label for c in letter if len(c.path) > 1}
    assert points == {"一", "二", "三", "四", "五"}
    assert all(c.zh and c.ja for c in letter)
    assert any("原则同意" in c.zh and "同意する" in c.ja for c in letter)


def test_attachment_chinese_comes_from_the_clean_source(seed_corpus) -> None:
    attachment = [c for c in seed_corpus.clauses if c.path[0].level == "attachment"]
    zh = "".join(c.zh for c in attachment)
    assert "投贷基金" in zh and "投资贷基金" not in zh
    assert "成人类教育" in zh and "成人人类教育" not in zh
    assert "部属院所在京" in zh and "部属院所所在京" not in zh
    assert "国際" not in zh
    assert {c.sources.get("zh") for c in attachment} == {"001_744f217aed3c4039.txt"}


def test_ids_are_unique_stable_and_url_safe(seed_corpus) -> None:
    ids = [c.id for c in seed_corpus.clauses]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", i) for i in ids)
    clause = pair_for(seed_corpus.clauses, "探索数据审计等新型业务")[0]
    assert clause.id.startswith("gh2020-123.a.3.2.11.")


def test_order_is_document_order(seed_corpus) -> None:
    assert [c.order for c in seed_corpus.clauses] == list(range(len(seed_corpus.clauses)))
    first = seed_corpus.clauses[0]
    assert first.kind == "heading" and first.path[0].level == "letter"


def test_seed_report_counts(seed_corpus) -> None:
    (report,) = seed_corpus.reports
    assert report.clauses == len(seed_corpus.clauses)
    assert report.aligned >= 0.95 * report.clauses
    assert 1.3 <= report.ratio <= 1.8


def test_report_lists_counts_and_lowest_pairs(seed_corpus) -> None:
    from indexer.ingest.report import format_report

    text = format_report(seed_corpus, lowest=3)
    assert "gh2020-123" in text and "aligned pairs:" in text
    assert text.count("      zh: ") == 3 and text.count("      ja: ") == 3
