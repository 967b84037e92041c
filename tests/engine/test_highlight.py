"""Marks: exact spans, the longest overlapping match, the strongest kind where kinds overlap."""

from __future__ import annotations

import random

import pytest

from engine import SearchRequest
from engine.api import Mark, Side
from engine.highlight import KINDS, Needles, find_spans, resolve
from search_app.render import side_html


def needles(*surfaces: str, sequences: tuple[tuple[str, ...], ...] = ()) -> Needles:
    n = Needles()
    for s in surfaces:
        n.add_surface(s)
    n.sequences.update(sequences)
    return n


def marked(text: str, marks: list[Mark]) -> list[str]:
    return [text[m.start : m.end] for m in marks]


def find_marks(text, needles, lang):
    """The marks of every needle of every kind in `text` (as a hit's side is marked)."""
    spans = {kind: find_spans(text, n, lang) for kind, n in needles.items() if n}
    return resolve(spans, len(text)) if spans else []


@pytest.mark.parametrize(
    ("text", "surfaces", "lang", "expected"),
    [
        ("推进资金跨境流动便利", ["跨境"], "zh", ["跨境"]),
        # folded: a Japanese/traditional query marks the simplified text
        ("促进投资贸易自由化", ["貿易"], "zh", ["贸易"]),
        # a compound is one span, not クロス|ボーダー
        ("資金クロスボーダー流動", ["クロスボーダー"], "ja", ["クロスボーダー"]),
        # overlapping needles: the union, i.e. the longest match, shows
        ("数据安全管理", ["数据", "数据安全"], "zh", ["数据安全"]),
        # Latin is case-insensitive and width-folded at entry
        ("発展AI産業", ["ai"], "ja", ["AI"]),
        ("no match here", ["跨境"], "zh", []),
    ],
)
def test_marks(text, surfaces, lang, expected):
    marks = find_marks(text, {"query": needles(*surfaces)}, lang)
    assert marked(text, marks) == expected
    assert all(m.kind == "query" for m in marks)


def test_japanese_sequences_mark_inflected_forms():
    text = "基金を設立し、運用する"
    marks = find_marks(text, {"query": needles(sequences=(("設立",),))}, "ja")
    assert marked(text, marks) == ["設立"]


def test_touching_and_overlapping_spans_of_a_kind_join():
    marks = resolve({"query": [(5, 7), (0, 2), (1, 3), (3, 4)]}, 10)
    assert [(m.start, m.end) for m in marks] == [(0, 4), (5, 7)]


def test_the_strongest_kind_wins_where_kinds_overlap():
    marks = resolve({"counterpart": [(0, 6)], "query": [(2, 4)]}, 8)
    assert [(m.start, m.end, m.kind) for m in marks] == [
        (0, 2, "counterpart"),
        (2, 4, "query"),
        (4, 6, "counterpart"),
    ]


def test_html_is_escaped_around_marks_with_their_kind():
    side = Side("a<b>&跨境", [Mark(5, 7, "counterpart")])
    assert str(side_html(side)) == (
        'a&lt;b&gt;&amp;<mark class="m-counterpart" data-kind="counterpart">跨境</mark>'
    )


def _painted(spans: dict, length: int) -> list[Mark]:
    """The definition `resolve` computes faster: each character takes the strongest kind
    covering it; runs of one kind are one mark."""
    paint = [len(KINDS)] * length
    for rank, k in enumerate(KINDS):
        for a, b in spans.get(k, ()):
            for i in range(max(0, a), min(b, length)):
                paint[i] = min(paint[i], rank)
    marks: list[Mark] = []
    for i, rank in enumerate(paint):
        if rank == len(KINDS):
            continue
        if marks and marks[-1].end == i and marks[-1].kind == KINDS[rank]:
            marks[-1] = Mark(marks[-1].start, i + 1, KINDS[rank])
        else:
            marks.append(Mark(i, i + 1, KINDS[rank]))
    return marks


def test_resolve_is_the_character_by_character_definition() -> None:
    """Overlapping, touching, nested, empty and out-of-range spans of every kind."""
    rng = random.Random(7)
    for _ in range(5000):
        length = rng.randint(0, 24)
        spans = {
            k: [
                (a, a + rng.randint(-2, 7)) for a in rng.choices(range(-3, 27), k=rng.randint(0, 4))
            ]
            for k in KINDS
            if rng.random() < 0.6
        }
        assert resolve(spans, length) == _painted(spans, length), (spans, length)


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # a Latin word marks the word, not the same letters inside another word
        ("人工智能（AI）在上海，见 Shanghai 报告", "AI", ["AI"]),
        ("str.format 与 formatstrings", "format", ["format"]),
        ("SciPy，pip install scipy", "scipy", ["SciPy", "scipy"]),  # case folded, both words
        ("第2版与2.0b3", "2", ["2", "2"]),  # digits beside Han or a point are words too
        # a piece typed alone still marks the piece (what the substring layer found)
        ("参见 Shanghai 报告", "ghai", ["ghai"]),
        # Han and kana needles are unaffected: pieces of words are marked as found
        ("软件和平台软件", "软件", ["软件", "软件"]),
    ],
)
def test_latin_needles_mark_words_before_pieces(text, surface, expected) -> None:
    spans = sorted(find_spans(text, needles(surface), "zh"))
    assert [text[a:b] for a, b in spans] == expected


def test_a_latin_term_is_not_marked_inside_a_longer_word_on_either_side(tiny_engine) -> None:
    """AI searched: the Chinese AI is the term, the Japanese AI its counterpart; neither
    the ai of Shanghai nor Shanghai itself (linked to that piece) is marked."""
    engine = tiny_engine(
        [("人工智能（AI）在上海发展，参见 Shanghai 报告。", "AIは上海（Shanghai）で発展している。")]
    )
    hit = engine.search(SearchRequest("AI")).hits[0]
    assert [hit.zh.text[m.start : m.end] for m in hit.zh.marks] == ["AI"]
    assert [hit.ja.text[m.start : m.end] for m in hit.ja.marks] == ["AI"]
