"""The analyzers inside a real Whoosh index: the issue's cases end to end."""

import pytest
from whoosh import fields, highlight, query
from whoosh.filedb.filestore import RamStorage

from analyzers.chinese import ChineseAnalyzer
from analyzers.folding import FoldedBigramAnalyzer, FoldFilter
from analyzers.japanese import JapaneseAnalyzer

DOCS = [
    ("zh1", "zh", "加快推动公共数据开放，实现数据安全有序流动。"),
    ("zh2", "zh", "对标国际先进贸易投资规则。"),
    ("zh3", "zh", "完善知识产权保护制度。"),
    ("ja1", "ja", "デジタル貿易の知的財産権関連制度を構築する。"),
    ("ja2", "ja", "データのクロスボーダー流動を試行し、データ安全を確保する。"),
    ("zh4", "zh", "清单管理的负面影响。"),
    ("zh5", "zh", "制定外商投资负面清单。"),
]


def schema():
    return fields.Schema(
        id=fields.ID(stored=True),
        body=fields.STORED,
        zh=fields.TEXT(analyzer=ChineseAnalyzer(), chars=True),
        ja=fields.TEXT(analyzer=JapaneseAnalyzer(), chars=True),
        zh_fold=fields.TEXT(analyzer=ChineseAnalyzer() | FoldFilter()),
        ja_fold=fields.TEXT(analyzer=JapaneseAnalyzer() | FoldFilter()),
        han2=fields.TEXT(analyzer=FoldedBigramAnalyzer()),
    )


@pytest.fixture(scope="module")
def ix():
    storage = RamStorage()
    index = storage.create_index(schema())  # pickles the analyzers into the TOC
    with index.writer() as w:
        for doc_id, lang, text in DOCS:
            doc = {"id": doc_id, "body": text, "han2": text, f"{lang}": text}
            doc[f"{lang}_fold"] = text
            w.add_document(**doc)
    return storage.open_index()  # unpickles them again


def search(ix, fieldname, text):
    analyzer = ix.schema[fieldname].analyzer
    terms = [t.text for t in analyzer(text, mode="query")]
    q = query.Term(fieldname, terms[0]) if len(terms) == 1 else query.Phrase(fieldname, terms)
    with ix.searcher() as s:
        return sorted(hit["id"] for hit in s.search(q, limit=None))


def test_schema_round_trips_through_pickle(ix):
    assert ix.schema == schema()


def test_word_query_finds_compound_via_subwords(ix):
    assert search(ix, "zh", "数据") == ["zh1"]


def test_domain_word_does_not_match_its_parts_elsewhere(ix):
    assert search(ix, "zh", "负面清单") == ["zh5"]


def test_japanese_phrase_inside_compound(ix):
    assert search(ix, "ja", "知的財産") == ["ja1"]
    assert search(ix, "ja", "クロスボーダー") == ["ja2"]


@pytest.mark.parametrize("q", ["贸易", "貿易", "貿易"])
def test_trade_found_in_both_languages_by_folding(ix, q):
    assert search(ix, "zh_fold", q) == ["zh2"]
    assert search(ix, "ja_fold", q) == ["ja1"]


def test_bigrams_bridge_shared_kanji(ix):
    assert search(ix, "han2", "贸易") == ["ja1", "zh2"]


class Brackets(highlight.Formatter):
    def format_token(self, text, token, replace=False):
        return "[" + highlight.get_text(text, token, replace) + "]"


@pytest.mark.parametrize(
    ("fieldname", "term", "expected"),
    [
        ("zh", "数据", "加快推动公共[数据]开放，实现[数据]安全有序流动。"),
        ("zh_fold", "貿易", "对标国际先进[贸易]投资规则。"),
        ("ja", "財産", "デジタル貿易の知的[財産]権関連制度を構築する。"),
    ],
)
def test_highlight_sits_on_the_matched_characters(ix, fieldname, term, expected):
    with ix.searcher() as s:
        hits = s.search(query.Term(fieldname, term))
        hits.fragmenter = highlight.WholeFragmenter()
        hits.formatter = Brackets()
        hit = hits[0]
        assert hit.highlights(fieldname, text=hit["body"]) == expected
