"""The compact pairs give the learner exactly what the analyzers and `gram_spans` give:
the same words (jieba cut once per block), the same n-grams in the same order, the same
spans (so the glossary learned from them is unchanged)."""

from __future__ import annotations

import pytest

from indexer import glossary as g
from indexer.glossary.block_words import Segmenter
from indexer.glossary.pairs import LANGS, Vocab, distinct_pairs
from indexer.ingest.corpus import build_corpus
from indexer.records import Clause
from settings import PROJECT_ROOT

ODD = [
    ("ＡＩ与区块链，数据2024年。跨境 数据 流动", "ＡＩとブロックチェーン、データ2024年。"),
    ("负面清单、负面清单和负面清单", "ネガティブリスト・ネガティブリスト"),
]


def seed_and(odd: list[tuple[str, str]]) -> list[Clause]:
    """The seed's clauses, then `odd` (zh, ja) pairs as one more document."""
    seed = list(build_corpus(PROJECT_ROOT / "data").clauses)
    return seed + [
        Clause(id=f"odd.{i}", doc_id="odd", order=i, path=(), kind="text", zh=zh, ja=ja)
        for i, (zh, ja) in enumerate(odd)
    ]


@pytest.fixture(scope="module")
def clauses() -> list[Clause]:
    return seed_and(ODD)


def test_pairs_hold_the_words_ngrams_and_spans_of_the_analyzers(clauses):
    vocab = {lang: Vocab() for lang in LANGS}
    segment = Segmenter()
    pairs = distinct_pairs(clauses, vocab, segment)
    assert len(pairs) == len({(c.zh, c.ja) for c in clauses if c.zh and c.ja})
    for p in pairs:
        for lang in LANGS:
            text = p.text[lang]
            assert p.words(lang) == g.word_spans(text, lang)
            expected = g.gram_spans(text, lang)
            names = [vocab[lang].names[i] for i in p.grams[lang]]
            assert names == list(expected)
            for k, name in enumerate(names):
                assert p.spans_at(lang, k) == expected[name]
                assert p.spans(lang, name) == expected[name]
            assert p.spans(lang, "不在此处") == []
