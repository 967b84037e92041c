"""Statistics per document (`documents`, `omitted`): adding an unrelated document changes
another document's links neither through the aligner's counts, nor the omitted-word
record, nor the learned glossary's evidence (each document's own glossary)."""

from __future__ import annotations

import numpy as np

from indexer import glossary, links
from indexer.links import documents, model1
from indexer.links.omitted import drop_seldom_linked
from indexer.records import Clause
from tests.links.test_links import PAIRS
from tests.links.test_omitted import LEFT_OUT, tokens

# Another document that uses the first one's words otherwise: 流动 and 推进 beside
# other renderings, 数据 as 資料.
OTHER = [
    ("人员流动", "人の移動"),
    ("推进改革", "改革を進める"),
    ("数据很多", "資料が多い"),
    ("流动资金", "運転資金"),
    ("推进合作", "協力を進める"),
]


# A third document that renders 跨境 as 越境 and 数据 as 資料, often: over every pair of a
# build the glossary pairs 跨境 with 越境 (not クロスボーダー) and learns 数据 ↔ 資料.
ELSEWHERE = [
    ("数据很多", "資料が多い"),
    ("收集数据", "資料を集める"),
    ("数据分析", "資料の分析"),
    ("跨境旅行", "越境旅行"),
    ("跨境贸易", "越境貿易"),
    ("跨境合作", "越境協力"),
    ("共享数据", "資料を共有する"),
    ("数据不足", "資料が足りない"),
]


def clauses(pairs: list[tuple[str, str]], doc: str) -> list[Clause]:
    return [
        Clause(id=f"{doc}.{i}", doc_id=doc, order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate(pairs)
    ]


def test_a_documents_table_is_its_own_counts():
    # Document 0 alone, then with document 1, where source word 1 always means 12: the
    # corpus table learns that and moves document 0's posteriors; its own table does not.
    src0, tgt0 = [[1, 2], [1, 3], [2, 3]], [[11, 12], [13, 11], [12, 13]]
    src1, tgt1 = [[1], [1], [1, 4]], [[12], [12], [12, 14]]
    alone = model1.flatten(src0, tgt0, [{(0, 1): 5.0}, {}, {}])
    both = model1.flatten(src0 + src1, tgt0 + tgt1, [{(0, 1): 5.0}, {}, {}, {}, {}, {}])
    own = list(model1.posteriors(alone, model1.train(alone)))
    mixed = list(documents.posteriors(both, documents.groups(["a"] * 3 + ["b"] * 3)))
    for p, q in zip(own, mixed[:3], strict=True):
        assert np.array_equal(p, q)
    pooled = list(model1.posteriors(both, model1.train(both)))[:3]
    assert not all(np.allclose(p, q) for p, q in zip(own, pooled, strict=True))


def test_a_scattered_document_is_trained_as_one_and_pairs_stay_in_order():
    # Pairs of documents a, b, a, b: each document over both its pairs, output in order.
    src, tgt = [[1, 2], [5], [1, 3], [5, 6]], [[11, 12], [15], [13, 11], [16, 15]]
    boosts = [{}, {(0, 0): 3.0}, {}, {}]
    c = model1.flatten(src, tgt, boosts)
    got = list(documents.posteriors(c, documents.groups(["a", "b", "a", "b"])))
    for idx in ([0, 2], [1, 3]):
        sub = model1.flatten([src[i] for i in idx], [tgt[i] for i in idx], [boosts[i] for i in idx])
        for i, post in zip(idx, model1.posteriors(sub, model1.train(sub)), strict=True):
            assert np.array_equal(got[i], post)


def test_adding_an_unrelated_document_leaves_a_documents_links_alone():
    mine = clauses(PAIRS, "a")
    other = clauses(OTHER, "b")
    gloss = glossary.learn(mine)  # the stated knowledge, held fixed
    alone = links.learn_links(mine, gloss)
    for cls in (mine + other, other + mine):  # after or before it in the build
        together = links.learn_links(cls, gloss)
        assert {c.id: together[c.id] for c in mine} == alone


def test_no_pairs_no_posteriors():
    assert list(documents.posteriors(model1.flatten([], [], []), documents.groups([]))) == []


def test_the_switch_pools_the_counts_again():
    # `skip={"per_document"}`: one table over every pair, so the other document's usage
    # of 流动, 推进 and 数据 moves this one's confidences.
    mine, other = clauses(PAIRS, "a"), clauses(OTHER, "b")
    gloss, pooled = glossary.learn(mine), frozenset({"per_document"})
    alone = links.learn_links(mine, gloss, skip=pooled)
    assert alone == links.learn_links(mine, gloss)  # one document: the same counts
    together = links.learn_links(mine + other, gloss, skip=pooled)
    assert {c.id: together[c.id] for c in mine} != alone


def test_a_words_record_in_another_document_does_not_drop_a_guess():
    # 这个 is left out in four pairs of one document; the fifth pair, where the aligner
    # guessed 这个 ↔ 好き, belongs to another document, which has no record of it.
    pairs = [tokens(zh, ja, n) for n, (zh, ja) in enumerate(LEFT_OUT[1:])]
    ls: list[list] = [[] for _ in pairs]
    z, j = pairs[-1].zh.text.index("这个"), pairs[-1].ja.text.index("好き")
    ls[-1] = [(z, z + 2, j, j + 2, 0.4, "a")]
    assert drop_seldom_linked(pairs, ls)[-1] == []
    assert drop_seldom_linked(pairs, ls, [0, 0, 0, 0, 1])[-1] == ls[-1]


def test_another_documents_pairs_move_no_glossary_evidence():
    # The build learns its glossary over every pair, so the other document changes it
    # (跨境 → 越境); this document's links rest on what its own pairs teach, as alone.
    mine, other = clauses(PAIRS, "a"), clauses(ELSEWHERE, "b")
    alone = links.learn_links(mine, glossary.learn(mine))
    assert glossary.learn(mine + other)["zh"]["跨境"][0]["target"] == "越境"
    for cls in (mine + other, other + mine):
        together = links.learn_links(cls, glossary.learn(cls))
        assert {c.id: together[c.id] for c in mine} == alone


def test_the_switch_takes_the_builds_glossary_again():
    # `skip={"document_glossary"}`: every document's evidence G from the build's glossary.
    mine, other = clauses(PAIRS, "a"), clauses(ELSEWHERE, "b")
    switch = frozenset({"document_glossary"})
    alone = links.learn_links(mine, glossary.learn(mine))
    assert links.learn_links(mine, glossary.learn(mine), skip=switch) == alone  # one document
    together = links.learn_links(mine + other, glossary.learn(mine + other), skip=switch)
    assert {c.id: together[c.id] for c in mine} != alone
