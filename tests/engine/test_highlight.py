"""Highlighting: exact spans, the longest overlapping match, escaped text with <mark> only."""

from __future__ import annotations

import pytest

from engine.highlight import Needles, highlight, merge


def needles(*surfaces: str, sequences: tuple[tuple[str, ...], ...] = ()) -> Needles:
    n = Needles()
    for s in surfaces:
        n.add_surface(s)
    n.sequences.update(sequences)
    return n


@pytest.mark.parametrize(
    ("text", "surfaces", "lang", "html"),
    [
        ("推进资金跨境流动便利", ["跨境"], "zh", "推进资金<mark>跨境</mark>流动便利"),
        # folded: a Japanese/traditional query marks the simplified text
        ("促进投资贸易自由化", ["貿易"], "zh", "促进投资<mark>贸易</mark>自由化"),
        # a compound is one span, not クロス|ボーダー
        ("資金クロスボーダー流動", ["クロスボーダー"], "ja", "資金<mark>クロスボーダー</mark>流動"),
        # overlapping needles: the union, i.e. the longest match, shows
        ("数据安全管理", ["数据", "数据安全"], "zh", "<mark>数据安全</mark>管理"),
        # Latin is case-insensitive and width-folded at entry
        ("発展AI産業", ["ai"], "ja", "発展<mark>AI</mark>産業"),
        # escaping: only <mark> is inserted
        ("a<b>&跨境", ["跨境"], "zh", "a&lt;b&gt;&amp;<mark>跨境</mark>"),
        ("no match here", ["跨境"], "zh", "no match here"),
    ],
)
def test_marks(text, surfaces, lang, html):
    assert highlight(text, needles(*surfaces), lang) == html


def test_japanese_sequences_mark_inflected_forms():
    html = highlight("基金を設立し、運用する", needles(sequences=(("設立",),)), "ja")
    assert "<mark>設立</mark>" in html


def test_merge_joins_touching_and_overlapping_spans():
    assert merge([(5, 7), (0, 2), (1, 3), (3, 4)]) == [(0, 4), (5, 7)]
