"""The Whoosh schema: one document per aligned clause pair.

Word fields hold *folded* terms (simplified, traditional and Japanese kanji on one form),
so a Chinese 贸易 and a Japanese 貿易 are the same term and one query reaches both sides.
`han` holds folded character n-grams of both texts over every script (`analyzers.ngrams`;
the name is kept from when it held Han bigrams only): the recall layer that finds any typed
substring, and the net for words that jieba and MeCab cut differently (外商投资 vs
外商|投資). Bump SCHEMA_VERSION whenever a field or an analyzer changes: an index with
another version is rebuilt, never half-read.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields

from analyzers.chinese import ChineseAnalyzer
from analyzers.folding import FoldFilter
from analyzers.japanese import JapaneseAnalyzer
from analyzers.ngrams import NgramAnalyzer

INDEX = "MAIN"  # Whoosh's index name inside a generation
SCHEMA_VERSION = 8  # 2: `han` n-grams of every script; 3: `postings.bin` beside the segments;
# 4: the stored fields in `views.bin`; 5: the lexicon in `postings.bin`; 6: queries read only
# the derived files (docvalues required); 7: `docvalues.bin` (no pickle), path levels;
# 8: sentence-key lengths in `views.bin`


def zh_analyzer():
    """Chinese words (index mode adds dictionary sub-words), folded."""
    return ChineseAnalyzer() | FoldFilter()


def ja_analyzer():
    """Japanese lemmas without particles, folded."""
    return JapaneseAnalyzer() | FoldFilter()


def build_schema() -> fields.Schema:
    """Create the schema; analyzers are created lazily inside, so this is cheap."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        doc=fields.ID(stored=True, sortable=True),
        doc_rank=fields.NUMERIC(stored=True, sortable=True),
        order=fields.NUMERIC(stored=True, sortable=True),
        item=fields.ID(stored=True, sortable=True),
        section=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        path=fields.STORED,
        zh_text=fields.STORED,
        ja_text=fields.STORED,
        zh=fields.TEXT(analyzer=zh_analyzer(), phrase=True),
        ja=fields.TEXT(analyzer=ja_analyzer(), phrase=True),
        han=fields.TEXT(analyzer=NgramAnalyzer(), phrase=True),
    )


def row(c: Any, rank: dict[str, int]) -> dict[str, Any]:
    """The Whoosh document of clause pair `c` (an `indexer.records.Clause`); `rank` maps
    document ids to their manifest position (unknown documents sort last)."""
    return {
        "id": c.id,
        "doc": c.doc_id,
        "doc_rank": rank.get(c.doc_id, len(rank)),
        "order": c.order,
        "item": c.item or "",
        "section": c.section or "",
        "kind": c.kind,
        "path": [p.to_dict() for p in c.path],
        "zh_text": c.zh,
        "ja_text": c.ja,
        "zh": c.zh,
        "ja": c.ja,
        "han": c.zh + "\n" + c.ja,
    }
