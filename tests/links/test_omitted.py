"""Words the translation leaves out (`omitted`) and kanji links narrowed to the shared
kanji (`spans.kanji_span`): their contracts on synthetic pairs, and their switches."""

from __future__ import annotations

import pytest

from engine.counterparts import counterpart_marks
from indexer import glossary, links
from indexer.links.omitted import drop_seldom_linked, seldom
from indexer.links.pair_words import PairTokens, side
from indexer.links.spans import kanji_span
from storage.links_file import compact
from tests.links.test_links import clauses

# 这个 is said in every Chinese sentence and translated in none: the translations leave it out.
LEFT_OUT = [
    ("这个问题很难", "問題は難しい"),
    ("这个苹果很好吃", "りんごはおいしい"),
    ("这个房间很大", "部屋は広い"),
    ("这个城市很美", "町は美しい"),
    ("这个孩子很聪明", "子供は賢い"),
    ("我喜欢这个故事", "私は物語が好きだ"),
]


def tokens(zh: str, ja: str, n: int = 0) -> PairTokens:
    return PairTokens((f"t.{n}",), side(zh, "zh"), side(ja, "ja"))


@pytest.mark.parametrize(
    ("seen", "linked", "expected"),
    [
        (9, 4, True),  # linked in 3 of its 8 other occurrences: seldom
        (5, 5, False),  # linked everywhere
        (5, 3, True),  # 2 of 4 others: below 60%
        (6, 4, False),  # 3 of 5 others: not below 60%
        (5, 2, True),  # 1 of 4 others
        (4, 1, False),  # 3 others only: too few to say
    ],
)
def test_a_word_is_seldom_linked_by_its_other_occurrences(seen, linked, expected):
    assert seldom(seen, linked) is expected


def _corpus(guess_codes: str) -> tuple[list[PairTokens], list[list]]:
    """这个 in five pairs, unlinked in four; in the fifth the aligner guessed it ↔ 好き."""
    pairs = [tokens(zh, ja, n) for n, (zh, ja) in enumerate(LEFT_OUT[1:])]
    ls: list[list] = [[] for _ in pairs]
    last = pairs[-1]
    z, j = last.zh.text.index("这个"), last.ja.text.index("好き")
    ls[-1] = [(z, z + 2, j, j + 2, 0.4, guess_codes)]
    return pairs, ls


def test_a_guess_on_a_word_the_corpus_seldom_links_makes_no_mark():
    pairs, ls = _corpus("a")
    assert drop_seldom_linked(pairs, ls)[-1] == []


def test_a_link_with_evidence_is_kept_however_seldom_its_word_is_linked():
    pairs, ls = _corpus("Da")
    assert drop_seldom_linked(pairs, ls) == ls


def test_a_word_seen_too_rarely_keeps_its_guess():
    pairs, ls = _corpus("A")
    assert drop_seldom_linked(pairs[-3:], ls[-3:]) == ls[-3:]


def test_learn_links_drops_the_guess_unless_the_switch_leaves_it_in():
    cls = clauses(LEFT_OUT)
    gloss = glossary.learn(cls, None)
    last = cls[-1]

    def marked_for_zhege(skip: frozenset[str]) -> list[str]:
        ls = links.learn_links(cls, gloss, None, skip=skip)
        i = last.zh.index("这个")
        spans = counterpart_marks([(i, i + 2)], compact(ls[last.id]), "zh")
        return [last.ja[a:b] for a, b, _ in spans]

    assert marked_for_zhege(frozenset()) == []
    assert marked_for_zhege(frozenset({"omitted"})) != []  # the aligner's guess


def test_a_kanji_link_covers_the_shared_kanji_of_a_glued_chinese_word():
    p = tokens("我父作事", "父は働く")
    narrowed = kanji_span(p.zh, p.ja, [(0, 2, 0, 1, 1.0, "AK")])
    assert narrowed == [(1, 2, 0, 1, 1.0, "AK")]
    link = compact(narrowed)
    assert counterpart_marks([(0, 1)], link, "zh") == []  # 我: not its counterpart
    assert counterpart_marks([(0, 2)], link, "zh") == [(0, 1, "counterpart")]  # 我父
    assert counterpart_marks([(0, 1)], link, "ja") == [(1, 2, "counterpart")]  # 父 → 父


def test_a_link_with_evidence_of_meaning_stays_whole():
    p = tokens("热爱", "愛する")
    link = [(0, 2, 0, 1, 1.0, "ADK")]
    assert kanji_span(p.zh, p.ja, link) == link


def test_kanji_span_is_a_switch_of_learn_links():
    cls = clauses([("孩子很聪明", "子供は賢い")] * 2)
    gloss = glossary.learn(cls, None)
    # Without the pairs learned from parallel text (O), which know 孩子 ↔ 子供 as a whole
    # and so leave the link whole: the link rests on the kanji 子 alone.
    on = links.learn_links(cls, gloss, None, skip=frozenset({"O"}))[cls[0].id]
    off = links.learn_links(cls, gloss, None, skip=frozenset({"O", "kanji_span"}))[cls[0].id]
    zh = cls[0].zh
    assert ("子", "子供") in [(zh[a:b], cls[0].ja[c:d]) for a, b, c, d, *_ in on]
    assert ("孩子", "子供") in [(zh[a:b], cls[0].ja[c:d]) for a, b, c, d, *_ in off]
