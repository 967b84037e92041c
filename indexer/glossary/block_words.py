"""Word spans of the pairs' texts, with jieba run once per distinct block.

jieba cuts a text block by block (runs of Han, Latin and digits, split at punctuation and
spaces), each block on its own, in pure Python: it was a fifth of the learner's time. The
clauses of a corpus share phrases (a scaled corpus at 100×: 26,900 Chinese blocks in 6,100
distinct texts, 6,600 distinct blocks holding a quarter of the characters), so each block
is cut once and its kept words reused. The spans are exactly those of
`analyzers.chinese.words(text, mode="query")`, whose steps (pieces, width folding, jieba,
dropping words with no word character) are the same here; a test compares them.

MeCab, by contrast, reads a whole sentence at once (a word's cost depends on its
neighbours across punctuation), so Japanese texts go to `analyzers.japanese` whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import jieba

from analyzers import japanese
from analyzers.chinese import segmenter
from analyzers.chunks import chunks
from analyzers.scripts import FULLWIDTH

_WORDLIKE = re.compile(r"\w")
_BLOCKS = jieba.re_han_default  # how jieba's own `cut` splits a text into blocks


class Segmenter:
    """Word spans per text; Chinese blocks cut once per instance (one learning run, or
    every document's run of the links learner).

    `known`: per language, texts whose words a caller has already analysed the same way
    (the links learner's tokens), so that they are not analysed twice. The words of an
    n-gram asked for again (`gram_words`: the association and cleaning stages ask for
    the same candidates in every document) are analysed once per instance, and an
    n-gram is folded once (`folds`)."""

    def __init__(
        self, known: Mapping[str, Mapping[str, Sequence[tuple[int, int]]]] | None = None
    ) -> None:
        self.blocks: dict[str, tuple[tuple[int, int], ...]] = {}
        self.known = {lang: dict(texts) for lang, texts in (known or {}).items()}
        self.grams: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.folds: dict[str, str] = {}  # n-gram -> folded (`Stats.fold`), for every run

    def words(self, text: str, lang: str) -> list[tuple[int, int]]:
        """Spans of the words the query analyzer keeps (particles and punctuation dropped)."""
        got = self.known.get(lang, {}).get(text)
        if got is not None:
            return list(got)
        if lang != "zh":
            return [(s, e) for _, s, e in japanese.words(text, mode="query")]
        out: list[tuple[int, int]] = []
        for start, piece in chunks(text):
            for block in _BLOCKS.split(piece.translate(FULLWIDTH)):
                got = self.blocks.get(block)
                if got is None:
                    got = self.blocks[block] = _cut(block)
                out.extend((start + s, start + e) for s, e in got)
                start += len(block)
        return out

    def remember(self, text: str, lang: str, spans: Sequence[tuple[int, int]]) -> None:
        """Take `spans` as the words of `text` (analysed by the caller the same way)."""
        self.known.setdefault(lang, {})[text] = spans

    def gram_words(self, gram: str, lang: str) -> list[tuple[int, int]]:
        """`words` of a short text asked for again and again (a candidate n-gram): made
        once, the same list returned (not to be changed)."""
        got = self.grams.get((gram, lang))
        if got is None:
            got = self.grams[gram, lang] = self.words(gram, lang)
        return got


def _cut(block: str) -> tuple[tuple[int, int], ...]:
    """Spans, within `block`, of jieba's words that hold a word character."""
    out, at = [], 0
    for w in segmenter().cut(block):
        if _WORDLIKE.search(w):
            out.append((at, at + len(w)))
        at += len(w)
    return tuple(out)
