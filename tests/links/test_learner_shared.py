"""What the links learner shares between documents stays what each document would see
alone: lookups that do not depend on the glossary are shared, each document's glossary
entries are its own; the cycle collector paused while it learns is on again after."""

from __future__ import annotations

import gc

import pytest

from indexer import glossary, links
from indexer.glossary.block_words import Segmenter
from indexer.links import documents
from indexer.links.pair_words import distinct_pairs
from indexer.links.priors import Knowledge, evidence
from tests.links.test_documents import ELSEWHERE, OTHER, clauses
from tests.links.test_links import PAIRS


def test_each_document_gets_its_own_glossary_lookups_and_shares_the_rest():
    corpus = clauses(PAIRS, "a") + clauses(OTHER, "b") + clauses(ELSEWHERE, "c")
    segment = Segmenter()
    pairs = distinct_pairs(corpus, segment)
    doc = {c.id: c.doc_id for c in corpus}
    group = documents.groups([doc[p.ids[0]] for p in pairs])
    lex = Knowledge(glossary.learn(corpus))
    seen = []
    for part, own in documents.own_lexicons(pairs, group, corpus, lex, segment):
        alone = Knowledge(
            glossary.learn([c for c in corpus if c.doc_id == doc[pairs[part[0]].ids[0]]])
        )
        for i in part:  # the same evidence as a lexicon of the document's glossary alone
            assert evidence(pairs[i], own) == evidence(pairs[i], alone)
        seen.append(own)
    assert len(seen) == 3
    assert all(own.memo is lex.memo for own in seen)  # shared: no glossary in it
    assert len({id(own.gloss_memo) for own in seen}) == 3  # each document's own


def test_the_collector_is_on_again_after_learning():
    corpus = clauses(PAIRS, "a")
    assert gc.isenabled()
    links.learn_links(corpus, glossary.learn(corpus))
    assert gc.isenabled()
    gc.disable()
    try:
        links.learn_links(corpus, glossary.learn(corpus))
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        links.learn_links(corpus, None)  # a failure inside still turns it back on
    assert gc.isenabled()
