"""Layout phenomena of the two formats, on small fixtures written for the tests."""

from __future__ import annotations

import pytest

from indexer.ingest.paragraphs import Paragraph, ReadContext, drop_repeated_remnant
from indexer.ingest.readers.bilingual_pages import read_bilingual_pages
from indexer.ingest.readers.plain import read_plain
from indexer.ingest.structure import parse_structure

CTX = ReadContext("fixture.txt", ("zh", "ja"), frozenset({"国函〔2020〕9号", "国务院"}))


def texts(paras: list[Paragraph], lang: str) -> list[str]:
    return [p.text for p in paras if p.lang == lang]


PAGES = """\
国务院{BR}
关于测试事项的{BR}
批复{BR}
国函〔2020〕9号

一、第一点内容，在页末被截

国务院：テスト事項に関する{BR}
批准回答{BR}
国函〔2020〕9号

一、第一点の内容であり、ページ末で

说完了。

**二、标题**

国务院{BR}
2020年8月28日

切れている。

**二、見出し**

国务院{BR}
2020年8月28日
""".replace("{BR}", "  ")  # markdown hard break: two trailing spaces


def test_hard_breaks_join_title_and_shared_lines_stay_apart() -> None:
    paras = read_bilingual_pages(PAGES, CTX)
    assert texts(paras, "zh")[:2] == ["国务院关于测试事项的批复", "国函〔2020〕9号"]
    assert texts(paras, "ja")[:2] == ["国务院：テスト事項に関する批准回答", "国函〔2020〕9号"]


def test_page_break_joins_each_language() -> None:
    paras = read_bilingual_pages(PAGES, CTX)
    assert "一、第一点内容，在页末被截说完了。" in texts(paras, "zh")
    assert "一、第一点の内容であり、ページ末で切れている。" in texts(paras, "ja")


def test_bold_headings_and_shared_signature_follow_their_block() -> None:
    paras = read_bilingual_pages(PAGES, CTX)
    bold = [(p.lang, p.text) for p in paras if p.bold]
    assert bold == [("zh", "二、标题"), ("ja", "二、見出し")]
    assert texts(paras, "zh")[-2:] == ["国务院", "2020年8月28日"]
    assert texts(paras, "ja")[-2:] == ["国务院", "2020年8月28日"]
    assert all(p.shared for p in paras if p.text == "2020年8月28日")


TABLE = (
    "1. 中文在页末被\n\n"
    "1. 日本語はページ末で\n\n"
    "<p>截断了。</p> <p>2. 第二项。</p> <p><b>三、组织实施</b></p>"
    "\t<p>切れた。</p> <p>2. 第二項である。</p> <p><b>三、組織的实施</b></p>\n"
    "--\t---\n\n"
    "<p>北京市人民政府要组织实施。</p>\t<p>北京市人民政府は実施しなければならない。</p>\n"
    "---\t---\n"
)


def test_table_cells_rules_and_bold_cells() -> None:
    paras = read_bilingual_pages(TABLE, CTX)
    assert texts(paras, "zh") == [
        "1. 中文在页末被截断了。",
        "2. 第二项。",
        "三、组织实施",
        "北京市人民政府要组织实施。",
    ]
    assert texts(paras, "ja") == [
        "1. 日本語はページ末で切れた。",
        "2. 第二項である。",
        "三、組織的实施",
        "北京市人民政府は実施しなければならない。",
    ]
    assert [p.text for p in paras if p.bold] == ["三、组织实施", "三、組織的实施"]
    assert not any("--" in p.text for p in paras)


STRAY = """\
**一、総体要求**

総合モデル区（以下、総合モデル区）

**二、发展目标**

到2025年，基本健全制度体系。

尔区) を構築する。

**二、発展目標**
"""


def test_stray_fragment_joins_its_head_on_the_previous_page() -> None:
    paras = read_bilingual_pages(STRAY, CTX)
    assert texts(paras, "ja") == [
        "一、総体要求",
        "総合モデル区（以下、総合モデル区）を構築する。",  # the garbled repeat 尔区) dropped
        "二、発展目標",
    ]
    assert texts(paras, "zh") == ["二、发展目标", "到2025年，基本健全制度体系。"]


def test_headings_without_kana_get_their_language_from_the_characters() -> None:
    paras = read_bilingual_pages("附件\n\n**主要任务**\n\n付属文書\n\n**主要任務**\n", CTX)
    assert texts(paras, "zh") == ["附件", "主要任务"]
    assert texts(paras, "ja") == ["付属文書", "主要任務"]


PLAIN = """\
附件
深化北京市新一轮服务业
扩大开放综合示范区工作方案
为落实部署，特制定本方案。
一、总体要求
（一）推进改革。
23.推进资金跨境流动便利。在北京市特定区域内，开展试点。
"""


def test_plain_keeps_lines_and_the_title_position_joins_a_wrapped_title() -> None:
    paras = read_plain(PLAIN, ReadContext("plain.txt", ("zh",)))
    assert [p.text for p in paras] == [
        "附件",
        "深化北京市新一轮服务业",
        "扩大开放综合示范区工作方案",
        "为落实部署，特制定本方案。",
        "一、总体要求",
        "（一）推进改革。",
        "23.推进资金跨境流动便利。在北京市特定区域内，开展试点。",
    ]
    assert {p.lang for p in paras} == {"zh"}
    outline = parse_structure(paras[:4], "plain.txt", "zh")
    headings = [p.text for p in outline.pieces if p.kind == "heading"]
    assert headings[:2] == ["附件", "深化北京市新一轮服务业扩大开放综合示范区工作方案"]


@pytest.mark.parametrize(
    ("head", "tail", "kept"),
    [
        ("総合モデル区（以下、総合モデル区）", "尔区) を構築する。", "を構築する。"),
        # a bracket the tail opens itself, or a head not ending in one: nothing dropped
        ("総合モデル区（以下、総合モデル区）", "（注）を参照", "（注）を参照"),
        ("試行を行い", "区) を構築する。", "区) を構築する。"),
        # no character in common with the head's end: not a repeat
        ("総合モデル区（以下、総合モデル区）", "甲乙) を構築する。", "甲乙) を構築する。"),
    ],
)
def test_repeated_remnant_is_dropped_only_when_it_repeats_the_head(head, tail, kept) -> None:
    assert drop_repeated_remnant(head, tail) == kept
