"""`learn_links` on small hand-made clause lists, and the links file round trip."""

from __future__ import annotations

from pathlib import Path

from engine.counterparts import counterpart_marks
from eval.links_store import LinksStore
from indexer import glossary, links
from indexer.records import Clause

PAIRS = [
    ("推进资金跨境流动便利", "資金クロスボーダー流動利便化の推進"),
    ("支持跨境数据流动", "クロスボーダーデータ流動を支持する"),
    ("推进数据安全", "データセキュリティを推進する"),
    ("跨境电子商务", "クロスボーダー電子商取引"),
]


def clauses(pairs: list[tuple[str, str]]) -> list[Clause]:
    return [
        Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate(pairs)
    ]


def learned(pairs=PAIRS, curated: Path | None = None) -> tuple[list[Clause], dict]:
    cls = clauses(pairs)
    return cls, links.learn_links(cls, glossary.learn(cls, curated), curated)


def marks(cls: list[Clause], ls: dict, n: int, term: str) -> list[str]:
    c = cls[n]
    i = c.zh.index(term)
    return [c.ja[a:b] for a, b, _ in counterpart_marks([(i, i + len(term))], ls[c.id], "zh")]


def test_compound_counterpart_is_one_span():
    cls, ls = learned()
    assert marks(cls, ls, 0, "跨境") == ["クロスボーダー"]
    assert marks(cls, ls, 1, "数据") == ["データ"]


def test_offsets_are_into_the_clause_texts():
    cls, ls = learned()
    for c in cls:
        for zs, ze, js, je, conf, codes in ls[c.id]:
            assert 0 <= zs < ze <= len(c.zh) and 0 <= js < je <= len(c.ja)
            assert 0 <= conf <= 1 and codes


def test_identical_pairs_share_links_and_one_sided_clauses_have_none():
    cls = [*clauses(PAIRS), Clause("t.x", "t", 9, (), "text", PAIRS[0][0], PAIRS[0][1])]
    cls.append(Clause("t.y", "t", 10, (), "text", "只有中文", ""))
    ls = links.learn_links(cls, glossary.learn(cls))
    assert ls["t.x"] == ls["t.0"]
    assert "t.y" not in ls


def test_curated_block_removes_a_link(tmp_path: Path):
    tsv = tmp_path / "glossary.tsv"
    tsv.write_text("!数据\tデータ\n", encoding="utf-8")
    cls, ls = learned(curated=tsv)
    assert "データ" not in marks(cls, ls, 1, "数据")


def test_round_trip(tmp_path: Path):
    cls, ls = learned()
    links.save(ls, tmp_path / links.FILE)
    assert links.load(tmp_path / links.FILE) == ls
    store = LinksStore.open(tmp_path)
    assert len(store) == len(cls)
    c = cls[0]
    compact = [
        (zs, ze, js, je, int(links.is_probable(cf, cd))) for zs, ze, js, je, cf, cd in ls[c.id]
    ]
    assert store.get(c.id) == compact
    assert store.get("missing") == []


def test_a_generation_without_links_marks_nothing(tmp_path: Path):
    assert LinksStore.open(tmp_path).get("t.0") == []


def test_a_word_left_over_beside_a_link_takes_the_word_left_beside_its_counterpart(
    tmp_path: Path,
):
    """开展 and 実施, each seen once, stand beside 稳妥 ↔ 穏当: the one translates the
    other. A term of several free words
    (トップ|レベル) is taken whole."""
    tsv = tmp_path / "glossary.tsv"
    tsv.write_text("稳妥\t穏当\n国债\t国債\n", encoding="utf-8")
    cls, ls = learned([("稳妥开展国债交易", "国債取引の穏当な実施"), *PAIRS], tsv)
    assert marks(cls, ls, 0, "开展") == ["実施"]
