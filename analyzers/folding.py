"""Kanji folding: one written form for simplified Chinese, Japanese shinjitai and traditional.

Chinese 贸易 and Japanese 貿易 are one word written two ways; so are 数据/數據, 发展/発展,
艺术品/芸術品. Folding maps every Han character to a canonical traditional form, so the
index can hold a term both languages share. Character by character, never by phrase: the
contract is that `fold(text)` has the length of `text`, so offsets found on folded text
are offsets in the original and highlights land on the characters the user sees.

The per-character chain is OpenCC `s2t` → `jp2t` → `t2s` → `s2t`. `s2t` first, because
`jp2t` applied to simplified Chinese is wrong (沪 would become 濾); the `t2s`/`s2t` round trip
collapses the old variants `jp2t` produces (産 → 產, 髪 → 髮, 艶 → 豔). `_VARIANTS` holds the
pairs OpenCC leaves apart but this corpus needs together (窓/窗, 挙/举, 総合/综合).

>>> fold("知识产权") == fold("知識產權") == "知識產權"
True
>>> fold("知的財産権")
'知的財產權'
>>> fold("单一窗口") == fold("単一窓口")
True
>>> [t.text for t in FoldedBigramAnalyzer()("国际贸易，和。数字贸易")]
['國際', '際貿', '貿易', '和', '數字', '字貿', '貿易']
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

from whoosh.analysis import Filter, Token

from analyzers.scripts import HAN_CHAR, HAN_RUN, opencc_converter
from analyzers.tokens import Span, SpanTokenizer

# Canonical traditional form -> the form both languages meet on, where OpenCC disagrees.
_VARIANTS = {"擧": "舉", "窓": "窗", "汚": "污", "澁": "澀", "綜": "總", "竝": "並"}
_CHAIN = ("s2t", "jp2t", "t2s", "s2t")


SHIPPED = Path(__file__).with_name("fold_table.json")  # see scripts/make_fold_table.py


class _FoldTable(dict):
    """A `str.translate` table that fills itself in, one distinct character at a time.

    Every Han character of the Basic Multilingual Plane is answered from `SHIPPED`, the
    chain's result precomputed by `scripts/make_fold_table.py` (a test checks it against
    OpenCC): starting OpenCC and converting the ~1,000 distinct characters a first query
    meets cost ~0.3 s of every fresh process. Characters beyond it go through OpenCC.
    """

    def __init__(self) -> None:
        super().__init__()
        self._converters: list | None = None
        self._shipped: dict[str, str] | None = None
        self._lock = threading.Lock()

    def __missing__(self, code: int) -> int:
        c = chr(code)
        if not HAN_CHAR.match(c):
            if code < 0x10000:  # astral non-Han not kept: random text would fill a million
                self[code] = code
            return code
        if code < 0x10000:
            if self._shipped is None:
                self._shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
            self[code] = ord(self._shipped.get(c, c))
        else:
            self[code] = ord(self.convert(c))
        return self[code]

    def convert(self, c: str) -> str:
        """The chain (and `_VARIANTS`) applied to one character through OpenCC."""
        if self._converters is None:
            with self._lock:
                if self._converters is None:
                    self._converters = [opencc_converter(name) for name in _CHAIN]
        for converter in self._converters:
            out = converter.convert(c)
            c = out if len(out) == 1 else c
        return _VARIANTS.get(c, c)


_TABLE = _FoldTable()


def opencc_fold(c: str) -> str:
    """One character folded through OpenCC itself (what `SHIPPED` was made from)."""
    return _TABLE.convert(c)


def fold(text: str) -> str:
    """Fold every Han character to its canonical form; the result has the length of `text`."""
    return text.translate(_TABLE)


def chinese_spelling(text: str) -> str:
    """How simplified Chinese writes `text`, when folding says it is the same word.

    A Chinese term typed in Japanese or traditional kanji (知識産権 for 知识产权) is that
    term: the Chinese segmenter needs it in the characters its dictionary knows. OpenCC's
    `t2s` over the folded form gives the spelling; it is kept only when it folds back to the
    same key and has the same length (offsets carry over), else `text` is returned.

    >>> chinese_spelling("知識産権"), chinese_spelling("服務業"), chinese_spelling("データ")
    ('知识产权', '服务业', 'データ')
    """
    if not HAN_RUN.search(text):
        return text
    spelled = opencc_converter("t2s").convert(fold(text))
    if len(spelled) != len(text) or fold(spelled) != fold(text):
        return text
    return spelled


class FoldFilter(Filter):
    """Replace each token's text by its folded form (offsets untouched).

    Put after a word tokenizer to make a field where Chinese 贸易 and Japanese 貿易 are
    the same term `貿易`.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


class FoldedBigramTokenizer(SpanTokenizer):
    """Overlapping bigrams of folded Han runs, with the original character offsets.

    The recall net for words the two segmenters cut differently: it ignores word
    boundaries altogether. A run of one character yields that character (`unigrams=True`),
    so 和 or 税 standing alone is still findable. Positions are ordinal within a run and
    jump by one between runs, so a bigram phrase never matches across punctuation or kana.
    """

    def __init__(self, unigrams: bool = True) -> None:
        self.unigrams = unigrams

    def spans(self, value: str, mode: str) -> Iterator[Span]:
        folded = fold(value)
        step = 1
        for m in HAN_RUN.finditer(folded):
            run, base = m.group(), m.start()
            if len(run) == 1:
                if self.unigrams:
                    yield run, base, base + 1, step
                    step = 2
                continue
            for i in range(len(run) - 1):
                yield run[i : i + 2], base + i, base + i + 2, step
                step = 1
            step = 2


def fold_key(text: str) -> str:
    """Folded, lower-cased, same length as `text` (so offsets carry over): what marking
    compares, and what the clause views store (`storage.clause_views`)."""
    folded = fold(text)
    low = folded.lower()
    if len(low) == len(folded):  # lower() never shrinks: equal length means 1:1 everywhere
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def FoldedBigramAnalyzer(unigrams: bool = True) -> FoldedBigramTokenizer:
    """Whoosh analyzer of folded Han bigrams, for Chinese and Japanese text alike."""
    return FoldedBigramTokenizer(unigrams=unigrams)
