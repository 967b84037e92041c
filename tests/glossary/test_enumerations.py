"""The enumeration learner on hand-made clauses: two aligned lists with as many items are
read item by item, edge items trimmed to the term; unequal lists and proposals that
disagree across pairs learn nothing."""

from __future__ import annotations

from indexer import glossary as g
from indexer.records import Clause

FIELDS = (
    "重点发展集成电路、人工智能、生物医药等产业",
    "集積回路・AI・バイオ医薬などの産業を重点的に発展させる",
)
LEARNED = {("集成电路", "集積回路"), ("人工智能", "AI"), ("生物医药", "バイオ医薬")}


def clauses(pairs: list[tuple[str, str]]) -> list[Clause]:
    return [
        Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate(pairs)
    ]


def learned_pairs(gloss: g.Glossary) -> set[tuple[str, str]]:
    return {
        (z, e["target"]) for z, es in gloss["zh"].items() for e in es if e["origin"] == "learned"
    }


def test_items_of_aligned_lists_are_learned_with_single_evidence_score():
    gloss = g.learn(clauses([FIELDS]))
    assert learned_pairs(gloss) == LEARNED
    for zh, ja in LEARNED:
        for lang, src, tgt in (("zh", zh, ja), ("ja", ja, zh)):
            (entry,) = gloss[lang][src]
            assert (entry["target"], entry["count"], entry["origin"]) == (tgt, 1, "learned")
            assert entry["score"] == g.GAP_SCORE


def test_edge_items_are_trimmed_to_the_term():
    """The verb before the list (发展, anchored to 発展 outside the list) and 等产业 after it
    stay out; so do a preposition (对), a verb anchored elsewhere (从事 ↔ 従事) and the
    text after a last item joined by a conjunction (和 ↔ および); a one-character word
    next to a stop is kept (云 of 云计算: jieba splits it)."""
    gloss = g.learn(clauses([FIELDS]))
    assert "发展集成电路" not in gloss["zh"] and "生物医药等产业" not in gloss["zh"]
    pair = (
        "对从事云计算、区块链和大数据等业务的企业给予支持",
        "クラウドコンピューティング・ブロックチェーンおよびビッグデータなどの業務に従事する企業を支援する",
    )
    assert learned_pairs(g.learn(clauses([pair]))) == {
        ("云计算", "クラウドコンピューティング"),
        ("区块链", "ブロックチェーン"),
        ("大数据", "ビッグデータ"),
    }


def test_lists_of_unequal_length_learn_nothing():
    zh, _ = FIELDS
    ja = "集積回路・AI・バイオ・医薬などの産業を重点的に発展させる"
    assert learned_pairs(g.learn(clauses([(zh, ja)]))) == set()


def test_proposals_that_disagree_across_pairs_are_dropped():
    other = (
        "鼓励发展新材料、人工智能、新能源等产业",
        "新素材・人工知能・新エネルギーなどの産業の発展を奨励する",
    )
    gloss = g.learn(clauses([FIELDS, other]))
    assert "人工智能" not in gloss["zh"]
    assert "AI" not in gloss["ja"] and "人工知能" not in gloss["ja"]
    assert ("集成电路", "集積回路") in learned_pairs(gloss)  # the rest of the list stands
    assert ("新材料", "新素材") in learned_pairs(gloss)


def test_a_reordered_list_learns_nothing():
    """Item 2 of one side is anchored to item 3 of the other: pairing by position is off."""
    pair = ("支持发展金融、人工智能、贸易等产业", "金融・貿易・AIなどの産業の発展を支持する")
    assert learned_pairs(g.learn(clauses([pair]))) == set()
