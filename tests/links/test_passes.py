"""Each pass of the link model on a synthetic pair: the contract its docstring states.

A pass is called through the registry (`PASSES`, by name) on hand-made cells, so that
each test reads as "given these links and this evidence, the pass does this".
"""

from __future__ import annotations

import numpy as np
import pytest

from indexer.links.learn import PASSES
from indexer.links.pair_words import PairTokens, side
from indexer.links.passes import Pair, run_passes

BY_NAME = {step.name: step for step in PASSES}


def pair(zh: str, ja: str, codes=None, posteriors: bool = False) -> Pair:
    p = PairTokens(("t.0",), side(zh, "zh"), side(ja, "ja"))
    out = Pair(p, dict(codes or {}))
    if posteriors:
        out.forward = np.zeros((len(p.ja.keys), len(p.zh.keys) + 1))
        out.backward = np.zeros((len(p.zh.keys), len(p.ja.keys) + 1))
    return out


def run(name: str, cells: dict, x: Pair) -> dict:
    out = BY_NAME[name].run(cells, x)
    return out if isinstance(out, dict) else cells


def test_every_pass_has_a_name_a_contract_and_a_test_here():
    names = [step.name for step in PASSES]
    assert len(set(names)) == len(names)
    assert all(len(step.contract) > 40 for step in PASSES)
    assert set(names) == set(TESTED)


def test_a_pass_named_in_skip_is_left_out():
    x = pair("发展的经济", "経済の発展", posteriors=True)
    cells = {(1, 1): (0.9, "a")}
    assert (1, 1) not in run_passes(PASSES, dict(cells), x, frozenset())
    assert (1, 1) in run_passes(PASSES, dict(cells), x, frozenset(BY_NAME))


def test_content_only_drops_a_guess_from_a_function_word():
    x = pair("发展的经济", "経済の発展")  # 的 is grammar
    cells = run("content_only", {(1, 1): (0.9, "a"), (0, 1): (0.9, "I")}, x)
    assert cells == {(0, 1): (0.9, "I")}


def test_fill_adds_strong_evidence_where_a_word_is_unlinked():
    x = pair("发展的经济", "経済の発展", {(0, 1): "I", (2, 0): "I", (0, 0): "G"})
    cells = run("fill", {(0, 1): (0.8, "AI")}, x)
    assert cells[2, 0] == (1.0, "I") and cells[0, 1] == (0.8, "AI")
    assert (0, 0) in cells  # ja word 0 was unlinked: the glossary's cell fills it


def test_brackets_link_parallel_bracket_contents():
    x = pair("展会（交易会）", "展示会（見本市）")
    cells = run("brackets", {(0, 0): (1.0, "G"), (0, 1): (1.0, "G")}, x)
    assert {k for (i, k), (_, cs) in cells.items() if i == 1 and "B" in cs} == {2, 3}


def test_bracket_twins_keep_their_own_counterpart():
    x = pair("用（如 Qrux 插件）", "使う（Qrux ツール）")  # Qrux ↔ Qrux: written alike
    cells = {(2, 1): (1.0, "NB"), (2, 2): (0.9, "B"), (3, 1): (0.9, "aB"), (3, 2): (0.9, "LB")}
    assert set(run("bracket_twins", cells, x)) == {(2, 1), (3, 2)}
    cells = {(2, 1): (1.0, "N"), (2, 2): (0.9, "B")}  # a twin the bracket did not pair
    assert set(run("bracket_twins", cells, x)) == {(2, 1), (2, 2)}


def test_contiguous_moves_a_repeated_word_beside_its_neighbours():
    x = pair("测试道路和测试牌照", "テスト道路およびテスト用ナンバー")
    cells = run("contiguous", {(1, 1): (1.0, "I"), (4, 5): (0.9, "G"), (3, 0): (0.6, "L")}, x)
    assert (0, 0) in cells and (3, 0) not in cells


def test_leftovers_pairs_the_two_content_words_no_link_explains():
    x = pair("开展政策联动创新", "政策連動イノベーションの実施", posteriors=True)
    x.forward[3, 1] = x.backward[0, 4] = 0.4  # 开展 ↔ 実施, both directions unsure
    cells = {(1, 0): (1.0, "I"), (2, 1): (1.0, "I"), (3, 2): (1.0, "G")}
    assert run("leftovers", cells, x)[0, 3] == (pytest.approx(0.4), "a")


def test_sandwiched_pairs_the_free_word_its_neighbours_leave():
    x = pair("服务商在京落地", "サービス業者が北京において開業")
    cells = {(0, 0): (1.0, "G"), (0, 1): (1.0, "G"), (0, 2): (1.0, "G"), (2, 3): (1.0, "G")}
    assert run("sandwiched", cells, x)[3, 5] == (0.0, "a")  # 落地 ↔ 開業


def test_unshare_moves_a_weak_shared_link_to_the_free_word_it_has_evidence_for():
    codes = {(0, 0): "K", (0, 2): "K", (1, 0): "G", (2, 1): "L"}
    x = pair("推行政务服务", "行政サービスを推進", codes)
    cells = {(1, 0): (1.0, "G"), (0, 0): (0.6, "K"), (2, 1): (1.0, "L")}
    cells = run("unshare", cells, x)
    assert (0, 0) not in cells and cells[0, 2] == (0.6, "Ka")


def test_glued_drops_a_weak_link_to_a_piece_of_another_words_compound():
    x = pair("打造高素质人才提高效率", "高効率な優秀人材", {(1, 0): "K", (4, 1): "I"})
    cells = run("glued", {(1, 0): (0.9, "K"), (4, 1): (1.0, "I")}, x)
    assert (1, 0) not in cells and (4, 1) in cells


def test_glued_leaves_a_kanji_beside_a_word_with_kana_alone():
    """この歌知ってる: 知っ (linked to 知道) is no kanji compound with 歌 beside it."""
    x = pair("你知道这首歌吗", "この歌知ってる")
    zh, ja = x.p.zh.keys, x.p.ja.keys
    know, song = zh.index("知道"), zh.index("首歌")
    cells = run(
        "glued", {(know, ja.index("知っ")): (1.0, "GK"), (song, ja.index("歌")): (0.9, "A")}, x
    )
    assert (song, ja.index("歌")) in cells


def test_glued_leaves_a_kanji_beside_a_word_in_hiragana_alone():
    """まだ獄に: まだ (hiragana, linked to 还) makes no compound with 獄, so 监 keeps 獄."""
    x = pair("那时还没有下在监里", "そのときまだ獄に入れ")
    zh, ja = x.p.zh.keys, x.p.ja.keys
    still, jail = zh.index(next(k for k in zh if k.startswith("還"))), len(zh) - 1
    mada, goku = ja.index("まだ"), ja.index("獄")
    cells = run("glued", {(still, mada): (0.9, "AR"), (jail, goku): (0.9, "A")}, x)
    assert (jail, goku) in cells


def test_known_over_learned_drops_a_glossary_link_a_dictionary_contradicts():
    """没动过酒 ↔ ワイン read off a gap: 酒 is ワイン by the dictionaries (J, L), so 没动
    and 过 lose the glossary's link; a glossary link with knowledge of its own stays, and
    one whose words no knowledge explains elsewhere stays too."""
    x = pair("他没动过酒", "彼はワインに手をつけなかった")
    zh, ja = x.p.zh.keys, x.p.ja.keys
    touch, past, wine = zh.index("沒動"), zh.index("過"), zh.index("酒")
    he_zh, he_ja, wain, hand = zh.index("他"), ja.index("彼"), ja.index("ワイン"), ja.index("手")
    cells = {
        (touch, wain): (0.8, "GA"),
        (past, wain): (0.5, "Ga"),
        (wine, wain): (0.7, "GJLa"),
        (he_zh, he_ja): (1.0, "GJA"),
        (touch, hand): (0.4, "ga"),
        (touch, he_ja): (0.3, "Da"),  # a pivot through one English word, 彼 is 他's
        (past, hand): (0.3, "DKa"),  # a kanji in common besides: kept
        (past, he_ja): (0.3, "Ja"),  # knowledge of its own: kept
    }
    out = run("known_over_learned", cells, x)
    assert (touch, wain) not in out and (past, wain) not in out and (touch, he_ja) not in out
    assert {(wine, wain), (he_zh, he_ja), (touch, hand), (past, hand), (past, he_ja)} <= set(out)


def test_known_over_learned_takes_no_single_english_word_for_knowledge():
    """转化 ↔ 化 rests on a pivot through one English word (D) and a kanji: the glossary's
    转化 ↔ 実用 stands beside it."""
    x = pair("成果转化", "成果の実用化")
    zh, ja = x.p.zh.keys, x.p.ja.keys
    conv, use, ka = zh.index("轉化"), ja.index("實用"), ja.index("化")
    out = run("known_over_learned", {(conv, use): (0.9, "gA"), (conv, ka): (0.5, "DKga")}, x)
    assert (conv, use) in out


def test_beside_evidence_drops_a_weak_link_beside_a_strong_one():
    x = pair("放开公开", "公開")
    assert run("beside_evidence", {(1, 0): (1.0, "I"), (0, 0): (0.5, "K")}, x) == {
        (1, 0): (1.0, "I")
    }


def test_stray_drops_a_guess_far_from_both_neighbours_links():
    x = pair("竞争力显著增强，数据安全", "競争力は強化され、データセキュリティは整備")
    cells = {(0, 0): (1.0, "I"), (0, 1): (1.0, "I"), (2, 2): (0.8, "D"), (1, 6): (0.3, "a")}
    assert (1, 6) not in run("stray", cells, x)


def test_relocate_links_a_repeated_word_occurrence_by_occurrence():
    x = pair("测试道路和测试牌照", "テスト道路およびテスト用ナンバー")
    cells = run("relocate", {(0, 3): (0.9, "L"), (3, 0): (0.9, "L")}, x)
    assert set(cells) == {(0, 0), (3, 3)}


def test_one_run_each_keeps_one_counterpart_per_word():
    x = pair("发展的经济", "経済の発展")
    assert set(run("one_run_each", {(0, 1): (0.9, "I"), (0, 0): (0.3, "a")}, x)) == {(0, 1)}


def test_one_left_pairs_a_clauses_last_free_word_with_the_free_run_its_links_reach():
    x = pair("提升外汇资金结算效率", "外貨資金決済の効率を引き上げる")
    cells = {(1, 0): (1.0, "G"), (2, 1): (1.0, "I"), (3, 2): (1.0, "G"), (4, 3): (1.0, "I")}
    assert run("one_left", cells, x)[0, 4] == (0.0, "a")  # 提升 ↔ 引き上げる


TESTED = [
    "content_only",
    "fill",
    "brackets",
    "bracket_twins",
    "contiguous",
    "leftovers",
    "sandwiched",
    "unshare",
    "glued",
    "beside_evidence",
    "known_over_learned",
    "stray",
    "relocate",
    "one_run_each",
    "one_left",
]
