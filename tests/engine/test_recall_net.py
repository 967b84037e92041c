"""The folded-bigram recall net: one-sided clauses cut differently by the two segmenters.

On the seed corpus every clause is aligned, so the aligned partner already answers and the
net changes no reference figure (bench/bench_reference.py). It earns its place on clauses
with one side only (1-0 / 0-1 beads, documents without a translation yet): there, a Chinese
query and the Japanese text meet only through shared kanji cut into different words.
"""

from __future__ import annotations

from engine import SearchRequest

ONE_SIDED = [
    ("", "外商投資企業の国内上場を支持する。"),  # Japanese only: 外商|投資|企業
    ("支持外商投资企业在境内上市。", ""),  # Chinese only: 外商投资企业 (one word)
    ("完善税收制度。", "税収制度を整備する。"),
]


def test_chinese_query_reaches_japanese_only_clause_and_back(tiny_engine):
    engine = tiny_engine(ONE_SIDED)
    zh = engine.search(SearchRequest("外商投资"))
    assert {h.id for h in zh.hits} == {"t.0", "t.1"}
    ja_side = next(h for h in zh.hits if h.id == "t.0").ja
    marks = [(ja_side.text[m.start : m.end], m.kind) for m in ja_side.marks]
    assert [text for text, _ in marks] == ["外商投資"]  # its variant, on the only side
    ja = engine.search(SearchRequest("外商投資企業"))
    assert {h.id for h in ja.hits} == {"t.0", "t.1"}
