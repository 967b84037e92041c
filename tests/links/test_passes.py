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


def test_stray_drops_a_guess_far_from_both_neighbours_links():
    x = pair("竞争力显著增强，数据安全", "競争力は強化され、データセキュリティは整備")
    cells = {(0, 0): (1.0, "I"), (0, 1): (1.0, "I"), (2, 2): (0.8, "D"), (1, 6): (0.3, "a")}
    assert (1, 6) not in run("stray", cells, x)


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
    "contiguous",
    "leftovers",
    "sandwiched",
    "stray",
    "one_run_each",
    "one_left",
]
