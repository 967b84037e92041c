"""The query parser: forgiving syntax, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.query import Term, parse


@pytest.mark.parametrize(
    ("q", "groups", "excluded"),
    [
        ("跨境 数据", [["跨境"], ["数据"]], []),
        ('"数字 贸易"', [["数字 贸易"]], []),
        ("金融 OR 保险", [["金融", "保险"]], []),
        ("-金融 北京", [["北京"]], ["金融"]),
        ("NOT 金融 北京", [["北京"]], ["金融"]),
        # typed with an input method or pasted: full-width and typographic minus signs
        ("－金融 北京", [["北京"]], ["金融"]),
        ("−金融 北京", [["北京"]], ["金融"]),
        ("北京－上海", [["北京"], ["上海"]], []),  # inside a paste: punctuation, as before
        ("金融 ｜ 保险", [["金融", "保险"]], []),
        ("＂数字 贸易＂", [["数字 贸易"]], []),
        ('"unbalanced quote', [["unbalanced quote"]], []),
        ("AND OR NOT", [["AND"], ["OR"], ["NOT"]], []),
        ("a OR", [["a"]], []),
        ("foo:bar", [["foo:bar"]], []),
    ],
)
def test_groups_and_exclusions(q, groups, excluded):
    plan = parse(q)
    assert [[t.text for t in g] for g in plan.groups] == groups
    assert [t.text for t in plan.excluded] == excluded


def test_fields_prefix_and_filters():
    plan = parse("zh:跨境 ja:データ 財産* doc:gh2020-123 item:24")
    assert plan.groups == [
        [Term("跨境", field="zh")],
        [Term("データ", field="ja")],
        [Term("財産", prefix=True)],
    ]
    assert (plan.doc, plan.item) == ("gh2020-123", "24")


def test_filter_alone_is_a_query_and_a_lone_star_is_empty():
    assert not parse("item:24").is_empty()
    assert parse("*").is_empty()
    assert parse("   ").is_empty()


@given(st.text(max_size=200))
def test_any_string_parses(q):
    plan = parse(q)
    assert all(t.text for t in plan.terms)
