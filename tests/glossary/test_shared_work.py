"""Work the links learner shares between its tokens and every document's glossary (one
segmenter, postings made on demand, Japanese sources ranked only where `mutual` reads
them) gives exactly what each stage computed on its own gives."""

from __future__ import annotations

import pytest

from indexer import glossary as g
from indexer.glossary.association import MIN_DICE, candidates, choose_all, choose_both, mutual
from indexer.glossary.block_words import Segmenter
from indexer.glossary.evidence import statistics
from indexer.glossary.pairs import LANGS, Vocab, distinct_pairs
from indexer.links import pair_words
from indexer.records import Clause
from settings import PROJECT_ROOT
from tests.glossary.test_pairs import seed_and

ODD = [
    ("ＡＩ与区块链，数据2024年。跨境 数据 流动", "ＡＩとブロックチェーン、データ2024年。"),
    ("ＡＩ与区块链，数据2024年。跨境 数据 流动", "ＡＩ・ブロックチェーン"),  # the same Chinese
    ("İstanbul会议", "İstanbul会議"),  # a letter whose lower case is two characters
]


@pytest.fixture(scope="module")
def clauses() -> list[Clause]:
    return seed_and(ODD)


def test_tokens_cut_by_a_shared_segmenter_are_the_analyzers(clauses):
    segment = Segmenter()
    shared = pair_words.distinct_pairs(clauses, segment)
    assert shared == pair_words.distinct_pairs(clauses)
    for p in shared:
        for lang, text in (("zh", p.zh.text), ("ja", p.ja.text)):
            assert list(segment.known[lang][text]) == g.word_spans(text, lang)
            assert segment.words(text, lang) == g.word_spans(text, lang)
    for gram, lang in (("跨境数据", "zh"), ("ブロックチェーン技術", "ja"), ("数据", "zh")):
        first = segment.gram_words(gram, lang)
        assert first == g.word_spans(gram, lang)
        assert segment.gram_words(gram, lang) is first  # analysed once


def test_documents_glossaries_with_the_links_segmenter_are_learned_as_alone(clauses):
    half = len(clauses) // 2
    groups = [clauses[:half], clauses[half:]]
    segment = Segmenter()
    pair_words.distinct_pairs(clauses, segment)  # the links' tokens: words known
    each = list(g.learn_each(groups, PROJECT_ROOT / "data" / "glossary.tsv", segment))
    alone = [g.learn(c, PROJECT_ROOT / "data" / "glossary.tsv", examples=False) for c in groups]
    assert each == alone
    assert [list(x["zh"]) for x in each] == [list(x["zh"]) for x in alone]  # order too


@pytest.fixture(scope="module")
def stats(clauses):
    vocab = {lang: Vocab() for lang in LANGS}
    segment = Segmenter()
    return statistics(distinct_pairs(clauses, vocab, segment), vocab, segment, MIN_DICE)


def test_postings_made_on_demand_are_every_ngrams_pairs(stats):
    for lang in LANGS:
        expected: dict[str, list[int]] = {}
        for i, p in enumerate(stats.pairs):
            for k in p.grams[lang]:
                expected.setdefault(stats.vocab[lang].names[k], []).append(i)
        posting = stats.posting[lang]
        for gram, pairs in expected.items():
            assert gram in posting
            assert list(posting[gram]) == pairs
            assert posting.get(gram) is posting[gram]  # made once
        assert "不在此处" not in posting
        assert posting.get("不在此处", ()) == ()
        with pytest.raises(KeyError):
            posting["不在此处"]


def test_japanese_sources_left_unranked_change_no_mutual_entry(stats):
    cands = candidates(stats)
    every = {lang: choose_all(stats, lang, cands[lang]) for lang in LANGS}
    chosen = choose_both(stats, cands)
    assert chosen["zh"] == every["zh"]
    assert len(chosen["ja"]) < len(every["ja"])  # some were not ranked
    assert mutual(chosen) == mutual(every)
    assert [list(x) for x in mutual(chosen).values()] == [list(x) for x in mutual(every).values()]
