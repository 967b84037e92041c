"""Plain files keep the writer's paragraphs: one rule per test, on small written texts."""

from __future__ import annotations

import pytest

from indexer.ingest.paragraphs import Paragraph, ReadContext
from indexer.ingest.readers.plain import read_plain
from indexer.ingest.structure import parse_structure

JA = ReadContext("page.ja.txt", ("ja",))
ZH = ReadContext("page.zh.txt", ("zh",))


def texts(paras: list[Paragraph]) -> list[str]:
    return [p.text for p in paras]


def test_a_file_with_blank_lines_is_split_at_blank_lines() -> None:
    text = "第一段的第一行，\n接着写完。\n\n第二段。\n还是第二段。\n\n第三段。\n"
    assert texts(read_plain(text, ZH)) == [
        "第一段的第一行，接着写完。",
        "第二段。还是第二段。",
        "第三段。",
    ]


def test_a_file_without_blank_lines_is_one_paragraph_per_line() -> None:
    # a caption and the next article's headline both lack 。: still two paragraphs
    text = "图为北京街景\n北京发布新规\n北京市今天发布了新的规定。\n"
    assert texts(read_plain(text, ZH)) == [
        "图为北京街景",
        "北京发布新规",
        "北京市今天发布了新的规定。",
    ]


def test_a_half_width_colon_before_code_does_not_join_the_code() -> None:
    text = "次のように設定します:\nkubectl apply -f pod.yaml\n設定は以上です。\n"
    assert len(read_plain(text, JA)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line ending in a comma continues
        (
            "这些漏洞可能让攻击者，\n轻易接管你的集群。\n",
            ["这些漏洞可能让攻击者，轻易接管你的集群。"],
        ),
        # an English word hyphenated at the break
        ("詳しくは the imple-\nmentation を参照。\n", ["詳しくは the imple- mentation を参照。"]),
        # an English sentence wrapped before a lowercase word
        ("これは a long English\nsentence を含む。\n", ["これは a long English sentence を含む。"]),
    ],
)
def test_lines_are_joined_where_the_text_shows_wrapping(text: str, expected: list[str]) -> None:
    assert texts(read_plain(text, ZH if "这些" in text else JA)) == expected


def test_pdf_like_widths_join_lines_that_fill_the_width() -> None:
    full = "各地应当加快建设海外仓完善物流配送网络支持企业利用数字技术开拓国际"
    text = f"{full}\n市场。\n{full}\n{full}\n市场。\n{full}\n市场。\n短标题\n"
    paras = texts(read_plain(text, ZH))
    assert paras == [f"{full}市场。", f"{full}{full}市场。", f"{full}市场。", "短标题"]


def test_headings_stay_their_own_paragraphs_and_become_headings() -> None:
    text = "## 背景 {#background}\nIngress 是一种传统特性。\n\n概要\n\n这是正文。\n"
    paras = read_plain(text, ZH)
    assert texts(paras) == ["背景", "Ingress 是一种传统特性。", "概要", "这是正文。"]
    assert [p.bold for p in paras] == [True, False, True, False]
    outline = parse_structure(paras, "x", "zh")
    assert [(p.kind, p.text) for p in outline.pieces] == [
        ("heading", "背景"),
        ("text", "Ingress 是一种传统特性。"),
        ("heading", "概要"),
        ("text", "这是正文。"),
    ]


def test_list_items_are_paragraphs_and_their_numbers_no_headings() -> None:
    text = "适合于：\n\n1. 准备配置\n1. 加载密钥\n\n正文。\n"
    paras = read_plain(text, ZH)
    assert texts(paras) == ["适合于：", "1. 准备配置", "1. 加载密钥", "正文。"]
    assert [p.item for p in paras] == [False, True, True, False]
    outline = parse_structure(paras, "x", "zh")
    assert {p.kind for p in outline.pieces} == {"text"}
    assert all(p.path == outline.pieces[0].path for p in outline.pieces)


def test_a_numbered_heading_inside_a_block_starts_a_paragraph() -> None:
    text = "### 1. 纠正\n社区影响：使用不恰当的语言。\n"
    assert texts(read_plain(text, ZH)) == ["1. 纠正", "社区影响：使用不恰当的语言。"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("一。\n二。\n三。\n", 3),
        ("一。\n\n二。\n三。\n\n\n四。\n", 3),
        ("\n\n一。\n\n", 1),
    ],
)
def test_paragraph_count_follows_the_blank_line_or_line_structure(text: str, count: int) -> None:
    assert len(read_plain(text, ZH)) == count
