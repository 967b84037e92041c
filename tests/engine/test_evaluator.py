"""The set-at-a-time evaluator (engine.evaluate) against Whoosh's own matchers.

On the seed index every node of the expanded queries (leaves and compounds) must find
exactly the documents Whoosh finds, and score them as Whoosh's BM25F does. On small
hand-made indexes the ranking policy must hold: both languages above one side, the
exact phrase above a loose AND, clauses with every term before those with some.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as Q

from analyzers import ngrams
from analyzers.folding import fold
from engine import SearchRequest
from engine import tree as E
from engine.docsets import common, member, positions
from engine.expand import expand
from engine.query import parse
from tests.engine.whoosh_reference import WEIGHTING, to_whoosh

QUERIES = [
    "跨境",
    "クロスボーダー",
    "知的財産権",
    "知识产权保护",
    '"数字贸易"',
    "金融 OR 保险",
    "服务业 开放",
    "自動運転 テスト",
    "-金融 北京",
    "外资 OR 外商 -投资",
    "財産*",
    "知的財産*",
    "zh:跨境",
    "ja:データ",
    "贸易 NOT 数据",
    "不存在的词语",
]

# Phrases built by hand: sub-words share their parent's position (知识产权 → 知识, 产权),
# so two sub-words of one word are not adjacent, while a word and the next word's
# sub-word are.
PHRASES = [
    ("zh", ("知识", "产权")),
    ("zh", ("知识产权", "保护")),
    ("zh", ("服务业", "扩大")),
    ("zh", ("扩大", "开放")),
    ("zh", ("扩大开放", "综合", "试点")),
    ("ja", ("知的", "財産", "権")),
    ("ja", ("財産", "知的")),
    ("han", ("跨境", "境电", "电商")),
    ("zh", ("试点", "试点")),
]


def _nodes(node: E.Node):
    yield node
    if isinstance(node, (E.And, E.Or)):
        for c in node.children:
            yield from _nodes(c)
    elif isinstance(node, E.AndNot):
        yield from _nodes(node.positive)
        yield from _nodes(node.negative)
    elif isinstance(node, E.OnSide):
        yield from _nodes(node.child)


def _whoosh_docs(searcher, node: E.Node) -> set[int]:
    """Whoosh's answer; an exclusion as Whoosh's positive minus Whoosh's negative.

    (Whoosh 2.7's AndNot matcher can keep an excluded document when the negative side
    is an OR containing an empty phrase; the evaluator applies the set difference.)
    A one-side substring (`OnSide`) is Whoosh's answer for its child, kept where the
    stored text of that side holds every run.
    """
    if isinstance(node, E.AndNot):
        return _whoosh_docs(searcher, node.positive) - _whoosh_docs(searcher, node.negative)
    if isinstance(node, E.OnSide):
        return {n for n in _whoosh_docs(searcher, node.child) if _on_side(searcher, n, node)}
    if _has_on_side(node):
        parts = [_whoosh_docs(searcher, c) for c in node.children]  # type: ignore[union-attr]
        if isinstance(node, E.And):
            return set.intersection(*parts) if parts else set()
        return set().union(*parts)
    return set(searcher.docs_for_query(to_whoosh(node)))


def _on_side(searcher, n: int, node: E.OnSide) -> bool:
    key = ngrams.gram_key(searcher.stored_fields(n)[f"{node.side}_text"] or "")
    return all(run in key for run in node.runs)


def _has_on_side(node: E.Node) -> bool:
    return any(isinstance(n, E.OnSide) for n in _nodes(node))


def _has_prefix(node: E.Node) -> bool:
    return any(isinstance(n, E.Prefix) for n in _nodes(node))


class Reference:
    """The engine's live generation, plus a Whoosh searcher over its segments: queries
    never open Whoosh, so the reference search does it here."""

    def __init__(self, gen):
        self._gen = gen
        self._searcher = whoosh_index.open_dir(str(gen.path)).searcher(weighting=WEIGHTING)

    def __getattr__(self, name):
        return getattr(self._gen, name)

    def searcher(self):
        return self._searcher


@pytest.fixture(scope="module")
def gen(engine):
    return Reference(engine.generation())


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("any_group", [False, True])
def test_every_node_finds_what_whoosh_finds(gen, q, any_group):
    searcher = gen.searcher()
    ev = gen.evaluator()
    exp = expand(parse(q), gen.gloss)
    root = exp.node_for(any_group)
    for node in _nodes(root):
        assert ev.docs(node) == _whoosh_docs(searcher, node), node


@pytest.mark.parametrize(("field", "words"), PHRASES)
def test_phrases_match_whoosh_positions(gen, field, words):
    searcher = gen.searcher()
    node = E.Phrase(field, tuple(fold(w) for w in words), 3.0)
    assert gen.evaluator().docs(node) == _whoosh_docs(searcher, node)


def test_sub_words_at_one_position_are_not_a_phrase(gen):
    ev = gen.evaluator()
    assert ev.docs(E.Term("zh", fold("知识产权")))  # the corpus has the word …
    assert not ev.docs(E.Phrase("zh", (fold("知识"), fold("产权"))))  # … not the pair


@pytest.mark.parametrize("q", [q for q in QUERIES if "*" not in q])
def test_scores_equal_whoosh_bm25f(gen, q):
    searcher = gen.searcher()
    exp = expand(parse(q), gen.gloss)
    node = exp.node_for(any_group=True)
    if isinstance(node, E.AndNot):  # compare the scored side (see _whoosh_docs)
        node = node.positive
    ours = gen.evaluator().scores(node)
    theirs = {n: s for s, n in searcher.search(to_whoosh(node), limit=None, terms=False).top_n}
    if _has_on_side(node):  # Whoosh's superset, narrowed by the side check
        kept = _whoosh_docs(searcher, node)
        theirs = {n: s for n, s in theirs.items() if n in kept}
    assert set(ours) == set(theirs)
    for n, s in theirs.items():
        assert math.isclose(ours[n], s, rel_tol=1e-9), (n, ours[n], s)


def test_prefix_expands_to_the_terms_with_that_prefix(gen):
    searcher = gen.searcher()
    reader = searcher.reader()
    prefix = fold("数")
    terms = [t.decode() for t in reader.expand_prefix("zh", prefix)]
    assert 1 < len(terms) <= E.MAX_PREFIX_TERMS
    node = E.Prefix("zh", prefix, 3.0)
    assert gen.evaluator().docs(node) == _whoosh_docs(searcher, node)
    assert gen.evaluator().docs(node) == set().union(
        *(gen.evaluator().docs(E.Term("zh", t)) for t in terms)
    )


def test_filters_are_the_doc_and_item_columns(gen):
    searcher = gen.searcher()
    ev = gen.evaluator()
    doc = next(iter(gen.docs))
    assert ev.filter(doc=doc) == set(searcher.docs_for_query(Q.Term("doc", doc)))
    assert ev.filter(item="23") == set(searcher.docs_for_query(Q.Term("item", "23")))
    both = Q.And([Q.Term("doc", doc), Q.Term("item", "23")])
    assert ev.filter(doc=doc, item="23") == set(searcher.docs_for_query(both))
    assert ev.filter(doc=None, item=None) is None
    node = expand(parse("试点"), gen.gloss).node
    allowed = ev.filter(item="23")
    assert set(ev.scores(node, allowed)) == ev.docs(node) & allowed


def test_search_filters_and_facets_agree(engine):
    every = engine.search(SearchRequest("试点", limit=None))
    only = engine.search(SearchRequest("试点", limit=None, item="23"))
    assert only.total == every.facets.item["23"] == len(only.hits)
    assert {h.item for h in only.hits} == {"23"}
    assert sum(every.facets.doc.values()) == every.total == len(every.hits)
    page = engine.search(SearchRequest("试点", limit=5, offset=3))
    assert [h.id for h in page.hits] == [h.id for h in every.hits[3:8]]
    assert page.total == every.total and page.facets == every.facets
    by_doc = engine.search(SearchRequest("试点", limit=None, sort="document"))
    keys = [(list(engine.generation().docs).index(h.doc.id), h.order) for h in by_doc.hits]
    assert keys == sorted(keys)
    assert {h.id for h in by_doc.hits} == {h.id for h in every.hits}


def test_filter_only_query_lists_the_item(engine):
    res = engine.search(SearchRequest("item:23", limit=None))
    assert res.total > 0 and {h.item for h in res.hits} == {"23"}


# -- ranking on hand-made indexes ---------------------------------------------------------------
FILLER = [
    ("完善税收征管制度", "税務管理制度を整備する"),
    ("支持文化艺术品交易", "文化芸術品の取引を支援する"),
    ("建设国际消费中心城市", "国際消費センター都市を建設する"),
    ("优化营商环境", "ビジネス環境を最適化する"),
]


def test_both_languages_rank_above_one_side(tiny_engine):
    eng = tiny_engine(
        [
            ("推进贸易便利化", "円滑化を推進する"),  # t.0: the term on the Chinese side only
            ("推进贸易便利化", "貿易の円滑化を推進する"),  # t.1: on both sides
            *FILLER,
        ],
    )
    res = eng.search(SearchRequest("贸易"))
    assert [h.id for h in res.hits] == ["t.1", "t.0"]
    assert res.hits[0].score > res.hits[1].score


def test_a_term_matches_as_written_and_its_words_apart_only_when_nothing_does(tiny_engine):
    eng = tiny_engine(
        [
            ("加强管理和数据安全工作", "管理とデータセキュリティ業務を強化する"),  # t.0: apart
            ("加强数据安全管理工作", "データセキュリティ管理業務を強化する"),  # t.1: as written
            *FILLER,
        ],
    )
    res = eng.search(SearchRequest("数据安全管理", lang="zh"))
    assert [h.id for h in res.hits] == ["t.1"] and res.match.status == "all"
    apart = eng.search(SearchRequest("管理数据安全", lang="zh"))
    assert {h.id for h in apart.hits} == {"t.0", "t.1"} and apart.match.status == "apart"
    assert not any(h.all_terms for h in apart.hits)


def test_a_run_whose_words_never_meet_shows_the_clauses_with_some_of_them(tiny_engine):
    # 贸易税收营商 pasted whole: no clause has it, nor its three words together. Rather
    # than nothing, the clauses with some of its words, the most of them first, flagged,
    # and no renderings (no pair contains the typed term).
    eng = tiny_engine(
        [
            ("推进贸易和税收便利化", "貿易と税収の円滑化を推進する"),  # t.0: 贸易, 税收
            ("推进贸易便利化", "貿易の円滑化を推進する"),  # t.1: 贸易
            *FILLER,  # t.2: 税收; t.5: 营商
        ],
    )
    res = eng.search(SearchRequest("贸易税收营商", lang="zh", limit=None))
    assert res.match.status == "words" and res.total == 4
    assert res.hits[0].id == "t.0"
    assert {h.id for h in res.hits} == {"t.0", "t.1", "t.2", "t.5"}
    assert not any(h.all_terms for h in res.hits) and res.query.renderings == []
    # a lone character beside a word (产 of a typo) matches nothing on its own
    assert {h.id for h in eng.search(SearchRequest("贸易市", lang="zh", limit=None)).hits} == {
        "t.0",
        "t.1",
    }


def test_a_japanese_run_whose_words_never_meet_shows_clauses_with_some_of_them(tiny_engine):
    # 貿易税収ビジネス: no clause has the three together; a katakana word UniDic cuts
    # stays one unit (ビジネス), and the hits are flagged
    eng = tiny_engine(
        [
            ("推进贸易和税收便利化", "貿易と税収の円滑化を推進する"),  # t.0: 貿易, 税収
            ("推进贸易便利化", "貿易の円滑化を推進する"),  # t.1: 貿易
            *FILLER,  # t.2: 税務 (not 税収); t.5: ビジネス
        ],
    )
    res = eng.search(SearchRequest("貿易税収ビジネス", lang="ja", limit=None))
    assert res.match.status == "words" and res.hits[0].id == "t.0"
    assert {h.id for h in res.hits} == {"t.0", "t.1", "t.5"}
    assert not any(h.all_terms for h in res.hits)


def test_every_term_before_some_terms(tiny_engine):
    eng = tiny_engine(
        [
            ("推进贸易便利化", "貿易の円滑化を推進する"),  # t.0: 贸易 only, twice
            ("推进贸易和税收便利化", "貿易と税収の円滑化を推進する"),  # t.1: both terms
            ("完善税收制度", "税収制度を整備する"),  # t.2: 税收 only
            *FILLER,
        ],
    )
    res = eng.search(SearchRequest("贸易 税收"))
    assert res.match.all == 1 and res.hits[0].id == "t.1"
    assert {h.id for h in res.hits[1:]} >= {"t.0", "t.2"}
    assert res.match.status == "some" and res.total == len(res.hits)
    assert res.match.all == 1 and res.match.some == res.total - 1
    assert [h.all_terms for h in res.hits] == [True] + [False] * (res.total - 1)
    none = eng.search(SearchRequest("贸易 艺术品"))
    assert none.match.all == 0 and none.match.status == "any" and none.total >= 2


def test_a_term_cut_by_punctuation_in_the_text_is_not_found_as_written(tiny_engine):
    """The n-gram layer checks the positions of every other bigram of a run (and the
    last): that proves the run only because positions skip one between runs."""
    eng = tiny_engine(
        [
            ("开展跨境贸易", "クロスボーダー取引を行う"),  # t.0: as written
            ("开展跨境贸易", "クロ、スボーダーを行う"),  # t.1: cut after two characters
            ("开展跨境贸易", "クロスボ・ーダーを行う"),  # t.2: cut after four
            ("保护知识、产权", "知的財産権を保護する"),  # t.3: 知识产权 cut in the middle
            ("保护知识产权", "知的財産権を保護する"),  # t.4: as written
            *FILLER,
        ],
    )
    assert [h.id for h in eng.search(SearchRequest("クロスボーダー", lang="ja")).hits] == ["t.0"]
    assert [h.id for h in eng.search(SearchRequest("知识产权", lang="zh")).hits] == ["t.4"]


def test_member_is_isin_over_ascending_ids() -> None:
    """`member` answers what `np.isin` does, for values in any order (a result order)."""
    rng = np.random.default_rng(5)
    for _ in range(500):
        ids = np.unique(rng.integers(0, 60, rng.integers(0, 40)))
        values = rng.permutation(rng.integers(0, 70, rng.integers(0, 40)))
        assert (member(values, ids) == np.isin(values, ids)).all()
    for _ in range(50):  # long enough for the mask (docsets._dense), values past the ids
        ids = np.unique(rng.integers(0, 6000, rng.integers(1, 4000)))
        values = rng.permutation(np.unique(rng.integers(0, 7000, rng.integers(1024, 5000))))
        assert (member(values, ids) == np.isin(values, ids)).all()
        assert (common(np.sort(values), ids) == np.intersect1d(values, ids)).all()


def test_positions_of_a_subset_are_where_a_binary_search_puts_them() -> None:
    """`positions` (a mask, or the list's own index, for a large share of the list) places
    an intersection's documents where `searchsorted` does, for every way it can choose."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        ids = np.unique(rng.integers(0, 9000, rng.integers(1, 5000))).astype(np.int32)
        share = rng.choice([0.0, 0.1, 0.5, 0.9, 1.0])
        subset = np.sort(rng.choice(ids, int(len(ids) * share), replace=False)).astype(np.int64)
        assert (positions(ids, subset) == np.searchsorted(ids, subset)).all()
