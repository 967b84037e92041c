"""Bracketed glosses through `learn_links`: terms seen once, linked by where they stand."""

from __future__ import annotations

from pathlib import Path

from engine.counterparts import counterpart_marks
from indexer import glossary, links
from indexer.records import Clause
from storage.links_file import compact

# Context pairs: the words around the brackets are frequent enough to be linked.
CONTEXT = [
    ("鼓励举办展会", "展示会の開催を奨励する"),
    ("支持举办展会", "展示会の開催を支持する"),
    ("支持投资机构", "投資機構を支持する"),
    ("鼓励投资机构", "投資機構を奨励する"),
]


def learn(pairs: list[tuple[str, str]], curated: Path | None = None) -> tuple[list[Clause], dict]:
    cls = [
        Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate([*pairs, *CONTEXT])
    ]
    return cls, links.learn_links(cls, glossary.learn(cls, curated), curated)


def marks(c: Clause, ls: dict, term: str, lang: str) -> list[tuple[str, str]]:
    src, dst = (c.zh, c.ja) if lang == "zh" else (c.ja, c.zh)
    i = src.index(term)
    found = counterpart_marks([(i, i + len(term))], compact(ls.get(c.id, [])), lang)
    return [(dst[a:b], kind) for a, b, kind in found]


def test_parallel_brackets_translate_each_other(tmp_path: Path):
    tsv = tmp_path / "glossary.tsv"
    tsv.write_text("展会\tフェア\n", encoding="utf-8")  # the terms before the brackets
    pair = ("鼓励举办展会（交易会）", "フェア（見本市）の開催を奨励する")
    cls, ls = learn([pair], tsv)
    assert marks(cls[0], ls, "交易会", "zh") == [("見本市", "counterpart")]
    assert marks(cls[0], ls, "見本市", "ja") == [("交易会", "counterpart")]
    # the bracket is the evidence (the aligner alone was unsure: "probable")
    assert [codes for *_, codes in ls["t.0"] if "B" in codes]


def test_an_added_gloss_takes_the_links_of_the_term_it_follows():
    cls, ls = learn([("支持投资机构", "投資機構 (QDI) を支持する")])
    assert marks(cls[0], ls, "QDI", "ja") == [("投资机构", "counterpart")]
    # the glossed term keeps its own counterpart too
    assert ("投資機構", "counterpart") in marks(cls[0], ls, "投资机构", "zh")


def test_a_gloss_of_an_enumeration_is_split_piece_by_piece():
    cls, ls = learn([("支持展会、投资机构", "展示会・投資機構（フェア・ファンド）を支持する")])
    assert marks(cls[0], ls, "フェア", "ja") == [("展会", "counterpart")]
    assert marks(cls[0], ls, "ファンド", "ja") == [("投资机构", "counterpart")]


def test_a_bracket_of_known_words_or_a_sentence_adds_nothing():
    cls, ls = learn([("支持投资机构", "投資機構（展示会の開催を奨励する機構）を支持する")])
    assert marks(cls[0], ls, "開催", "ja") == []
