"""Evidence from the learned glossary: G where an entry pins a cell, g where it does not.

An entry of several words on both sides (a phrase the gap learner anchored, 加载中的后备方案
↔ ローディングフォールバック) says that the two blocks translate each other, not which word
translates which: a cell of it is G only where another source confirms that cell (a kanji
in common), else g, weak evidence the aligner weighs and no sure link on its own. An
entry with one word on either side (跨境 ↔ クロス|ボーダー) names every word's partner, and
its cells stay G.
"""

from __future__ import annotations

from indexer import glossary
from indexer.links.pair_words import PairTokens, side
from indexer.links.priors import evidence, read_lexicon


def entry(target: str) -> list[dict]:
    return [{"target": target, "count": 3, "score": 1.0, "origin": "learned"}]


def codes(zh: str, ja: str, gloss: dict) -> dict[tuple[str, str], str]:
    p = PairTokens(("t.0",), side(zh, "zh"), side(ja, "ja"))
    cells = evidence(p, read_lexicon(glossary.Glossary({"zh": gloss, "ja": {}}), None, {}))
    word = lambda s, i: s.text[s.spans[i][0] : s.spans[i][1]]  # noqa: E731
    return {(word(p.zh, i), word(p.ja, k)): cs for (i, k), cs in cells.items()}


def test_a_block_of_several_words_on_both_sides_is_weak_evidence_g():
    zh, ja = "导致使用加载中的后备方案", "ローディングフォールバックが表示されます"
    found = codes(zh, ja, {"加载中的后备方案": entry("ローディングフォールバック")})
    block = {cell: cs for cell, cs in found.items() if "g" in cs or "G" in cs}
    assert ("后备", "ローディング") in block and ("方案", "バック") in block
    assert all("G" not in cs for cs in block.values())


def test_an_entry_of_one_word_on_a_side_pins_its_cells_g():
    found = codes(
        "发展跨境电商", "クロスボーダー電子商取引の発展", {"跨境": entry("クロスボーダー")}
    )
    assert found[("跨境", "クロス")] == "G" and found[("跨境", "ボーダー")] == "G"


def test_the_ablation_switch_gives_a_block_g_again():
    p = PairTokens(
        ("t.0",), side("使用加载中的后备方案", "zh"), side("ローディングフォールバック", "ja")
    )
    lex = read_lexicon(
        glossary.Glossary(
            {"zh": {"加载中的后备方案": entry("ローディングフォールバック")}, "ja": {}}
        ),
        None,
        {},
    )
    on, off = evidence(p, lex), evidence(p, lex, frozenset({"glossary_blocks"}))
    assert any("g" in cs for cs in on.values()) and not any("G" in cs for cs in on.values())
    assert any("G" in cs for cs in off.values())


def test_a_block_cell_another_source_confirms_stays_g():
    found = codes("完善知识产权保护", "知的財産権の保護を完備", {"知识产权": entry("知的財産権")})
    assert "G" in found[("知识", "知的")] and "K" in found[("知识", "知的")]  # 知 in common
    assert "G" in found[("产权", "財産")] and "G" in found[("产权", "権")]
    assert found[("知识", "財産")] == "g" and found[("产权", "知的")] == "g"
