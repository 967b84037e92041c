"""From word cells to span links: a guess does not take a sure link's tier.

`to_links` merges touching linked words into one span. A word the aligner alone guessed
used to be merged into the sure span beside it, so a query for that word was shown the
sure span's counterpart as sure. These tests state the contract on synthetic pairs, and
what a user sees through `counterpart_marks`.
"""

from __future__ import annotations

from engine.counterparts import counterpart_marks
from indexer.links.pair_words import side
from indexer.links.spans import to_links
from storage.links_file import is_probable

ZH, JA = side("我需要学习数学", "zh"), side("私は数学を勉強する", "ja")
# words: 我 需要 学习 数学 | 私 数学 勉強 する
SURE = (1.0, "AGI")  # glossary and identical: 数学 ↔ 数学
GUESS = (0.46, "Ka")  # one direction only, one kanji in common: 学习 ↔ 数学


def compact(links):
    return [(*lk[:4], int(is_probable(lk[4], lk[5]))) for lk in links]


def test_a_guess_beside_a_sure_link_makes_a_link_of_its_own():
    links = to_links(ZH, JA, {(3, 1): SURE, (2, 1): GUESS})
    assert [lk[:4] for lk in links] == [(3, 5, 2, 4), (5, 7, 2, 4)]  # 学习 ↔ 数学, 数学 ↔ 数学
    # a query for 学习 gets 数学 as a probable mark only, a query for 数学 as a sure one
    assert counterpart_marks([(3, 5)], compact(links), "zh") == [(2, 4, "probable")]
    assert counterpart_marks([(5, 7)], compact(links), "zh") == [(2, 4, "counterpart")]


def test_the_ablation_switch_merges_the_guess_into_the_sure_span():
    links = to_links(ZH, JA, {(3, 1): SURE, (2, 1): GUESS}, split=False)
    assert [lk[:4] for lk in links] == [(3, 7, 2, 4)]
    assert counterpart_marks([(3, 5)], compact(links), "zh") == [(2, 4, "counterpart")]


def test_a_compound_cut_in_two_is_still_marked_whole_and_sure():
    zh, ja = side("发展跨境电商", "zh"), side("クロスボーダー電子商取引を発展", "ja")
    cells = {(1, 0): (0.9, "AG"), (1, 1): (0.4, "a")}  # 跨境 ↔ クロス (sure), ↔ ボーダー (guess)
    links = to_links(zh, ja, cells)
    assert len(links) == 2
    assert counterpart_marks([(2, 4)], compact(links), "zh") == [(0, 7, "counterpart")]


def test_a_guess_inside_a_sure_span_adds_nothing():
    zh, ja = side("发展跨境电商", "zh"), side("クロスボーダー電子商取引を発展", "ja")
    cells = {(1, 0): (0.9, "AG"), (1, 1): (0.9, "AG"), (2, 1): (0.3, "a")}
    # 电商 ↔ ボーダー is a guess, but ボーダー lies in 跨境 ↔ クロスボーダー, 电商 does not
    links = to_links(zh, ja, cells)
    assert links[0][:4] == (2, 4, 0, 7) and len(links) == 2
    # 跨境电商 ↔ クロスボーダー is sure; the guess 电商 ↔ ボーダー lies wholly in it
    inside = {(1, 0): (0.9, "AG"), (1, 1): (0.9, "AG"), (2, 0): (0.9, "AG"), (2, 1): (0.3, "a")}
    assert [lk[:4] for lk in to_links(zh, ja, inside)] == [(2, 6, 0, 7)]
