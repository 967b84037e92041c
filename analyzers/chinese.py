"""Chinese words for the index: jieba with ordinal positions and exact character offsets.

`jieba.analyse.ChineseAnalyzer` cannot serve: it puts character offsets in `pos` (phrase
queries never match) and explodes queries into sub-words. Here a word's position is its
ordinal among the kept words; at index time the word's dictionary sub-words (jieba's search
mode, widened to every in-dictionary substring of 2 to n-1 characters, so 独资企业 is found
in 外商独资企业) are emitted *at the word's position*, in order of start offset, so a query
数据 finds 数据安全 while a query 数据安全 stays one term. At query time only words are
emitted. Punctuation and whitespace are dropped without using up a position.

Domain words jieba would split (区块链, 数字贸易) come from `data/userdict_zh.txt`,
written by rule from the corpus, see `analyzers.userdict`.

>>> [(t.text, t.pos) for t in ChineseAnalyzer()("数据安全，数字贸易", positions=True)]
[('数据安全', 0), ('数据', 0), ('安全', 0), ('数字贸易', 1), ('数字', 1), ('贸易', 1)]
>>> [t.text for t in ChineseAnalyzer()("数据安全，数字贸易", mode="query")]
['数据安全', '数字贸易']
>>> words("跨境AI服务")
[('跨境', 0, 2), ('ai', 2, 4), ('服务', 4, 6)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter

from analyzers import jieba_dict
from analyzers.chunks import chunks
from analyzers.jieba_dict import load_userdict, segmenter  # noqa: F401 (re-exported)
from analyzers.query_dictionary import QueryDictionary
from analyzers.scripts import FULLWIDTH
from analyzers.tokens import Span, SpanTokenizer

_WORDLIKE = re.compile(r"\w")
# Full-width ASCII → ASCII, one char for one, so ＡＩ segments like AI and offsets hold.
_WIDTH = FULLWIDTH


def spans(
    text: str, mode: str = "index", lexicon: QueryDictionary | None = None
) -> Iterator[tuple[str, int, int, bool]]:
    """Yield `(word, start, end, is_subword)`; sub-words only when `mode != "query"`.

    With a `lexicon`, each piece is segmented by a tokenizer holding only the dictionary
    entries it needs (exactly the same words; see `analyzers.query_dictionary`). Sub-words are
    looked up only up to the longest dictionary word: jieba returns a run of Latin letters
    or digits as one word, and trying all its substrings made a 4,000-digit number cost
    10 s (cubic in its length); bounded, it is linear.
    """
    subwords = mode != "query"
    for start, piece in chunks(text):  # bounded calls into jieba (see analyzers.chunks)
        piece = piece.translate(_WIDTH)
        tok = lexicon.tokenizer(piece) if lexicon else segmenter()
        freq = tok.FREQ
        for w in tok.cut(piece):
            end = start + len(w)
            if _WORDLIKE.search(w):
                yield w, start, end, False
                n = len(w)
                if subwords and n > 2:
                    longest = jieba_dict.longest() or n
                    for i in range(n - 1):
                        for j in range(min(n, i + n - 1, i + longest), i + 1, -1):
                            if freq.get(w[i:j]):
                                yield w[i:j], start + i, start + j, True
            start = end


def words(text: str, mode: str = "query") -> list[tuple[str, int, int]]:
    """`(term, start, end)` for each kept word, Latin lowercased; sub-words unless query mode."""
    return [(w.lower(), s, e) for w, s, e, _ in spans(text, mode)]


def query_words(text: str, mode: str = "query") -> list[tuple[str, int, int]]:
    """`words` for what a user typed: the same words, but until something in this process
    has loaded jieba's whole dictionary, read from its on-disk copy (a query needs a few
    dozen entries of 580,000: milliseconds instead of 1.7 s and ~100 MB per process)."""
    if jieba_dict.loaded() or mode != "query":
        return words(text, mode)
    return list(_lexicon_words(text))


@lru_cache(maxsize=4096)
def _lexicon_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Cached: the same terms and glossary targets come back query after query, and each
    costs an SQLite lookup (~0.3 ms) the first time."""
    lexicon = QueryDictionary.ensure()
    return tuple((w.lower(), s, e) for w, s, e, _ in spans(text, "query", lexicon))


class ChineseTokenizer(SpanTokenizer):
    """Whoosh tokenizer over jieba; see the module docstring. Picklable: holds no jieba state."""

    def spans(self, value: str, mode: str) -> Iterator[Span]:
        return ((w, s, e, 0 if sub else 1) for w, s, e, sub in spans(value, mode))


def ChineseAnalyzer() -> CompositeAnalyzer:
    """Chinese words (index: plus sub-words at the word's position), Latin lowercased."""
    return ChineseTokenizer() | LowercaseFilter()
