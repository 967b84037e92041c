"""Japanese words for the index: fugashi (MeCab) + unidic-lite with exact character offsets.

Offsets: MeCab reports the whitespace it skipped before each word; adding
`len(white_space) + len(surface)` gives exact offsets, and we check each one against the
input (falling back to a search) so a surprise can never put a highlight off by one.

The matching form is `orthBase`, not `lemma`: both undo inflection (行っ → 行う), but UniDic's
lemma rewrites the written form (取引 → 取り引き, 大興 → タイコウ, クロス → クロース-cloth with
a gloss), which would break both the kanji bridge to Chinese and katakana matching.
Unknown words (Latin, digits) keep their surface; Latin is lowercased.

Particles, auxiliaries, whitespace and punctuation are dropped without using up a position,
so 知的財産権の保護 and 知的財産権保護 read alike to a phrase query. UniDic cuts compounds
into short units (クロス|ボーダー, 知的|財産|権): those match as phrases. At index time a run
of two or more adjacent katakana words is also emitted whole, at its first word's position
with the run's full span, so a highlighter can mark クロスボーダー as one span and an engine
can match the compound as a single term.

>>> [(t.text, t.pos) for t in JapaneseAnalyzer()("クロスボーダー取引を行った", positions=True)]
[('クロスボーダー', 0), ('クロス', 0), ('ボーダー', 1), ('取引', 2), ('行う', 3)]
>>> words("知的財産権の保護")
[('知的', 0, 2), ('財産', 2, 4), ('権', 4, 5), ('保護', 6, 8)]
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterator
from typing import NamedTuple

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, Token, Tokenizer

DROP_POS = frozenset({"助詞", "助動詞", "補助記号", "空白"})
_WORDLIKE = re.compile(r"\w")
# Full-width ASCII → ASCII, one char for one, so ＡＩ segments like AI and offsets hold.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")
# MeCab reads C strings: NUL would end the input and lone surrogates cannot be encoded.
_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")
_lock = threading.Lock()
_FEATURES: dict[str, tuple[str, str | None]] = {}
_tagger = None


class Word(NamedTuple):
    """One kept word: matching form, offsets, and whether it is a compound's whole span."""

    term: str
    start: int
    end: int
    compound: bool = False


def tagger():
    """The process-wide fugashi Tagger (unidic-lite), created on first use."""
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                import fugashi

                _tagger = fugashi.Tagger()
    return _tagger


def _features(raw: str) -> tuple[str, str | None]:
    """`(pos1, orthBase or None)` from MeCab's raw feature CSV, memoised per distinct string.

    Reading `node.feature` builds a 29-field named tuple per word and costs 2.5x the parse;
    the raw string identifies the dictionary entry, so one split per entry is enough.
    """
    hit = _FEATURES.get(raw)
    if hit is None:
        fields = next(csv.reader([raw])) if '"' in raw else raw.split(",")
        orth = fields[10] if len(fields) > 10 and fields[10] not in ("", "*") else None
        hit = _FEATURES[raw] = (fields[0], orth)
        if len(_FEATURES) > 500_000:
            _FEATURES.clear()
    return hit


def _kept(text: str) -> list[tuple[str, int, int, bool]]:
    """`(term, start, end, is_katakana)` for each word that survives the POS filter."""
    safe = _UNSAFE.sub(" ", text).translate(_WIDTH)
    out: list[tuple[str, int, int, bool]] = []
    cursor = 0
    for node in tagger()(safe):
        surface = node.surface
        start = cursor + len(node.white_space)
        if not safe.startswith(surface, start):
            start = safe.find(surface, cursor)
            if start < 0 or not surface:
                continue
        cursor = start + len(surface)
        pos1, orth = _features(node.feature_raw)
        if pos1 in DROP_POS and (pos1 != "補助記号" or not node.is_unk):
            continue
        if not _WORDLIKE.search(surface):
            continue
        if surface[0].isspace() or surface[-1].isspace():  # MeCab glues a lone \r to a word
            stripped = surface.strip()
            start += surface.index(stripped)
            surface = stripped
            orth = None
            cursor_end = start + len(surface)
        else:
            cursor_end = cursor
        kata = "\u30a0" <= surface[0] <= "\u30ff" and _KATAKANA.fullmatch(surface) is not None
        out.append((orth or surface, start, cursor_end, kata))
    return out


def spans(text: str, mode: str = "index") -> Iterator[Word]:
    """Kept words in order; in index mode each katakana run also as one compound `Word`."""
    kept = _kept(text)
    compounds = mode != "query"
    i, n = 0, len(kept)
    while i < n:
        j = i + 1
        if compounds and kept[i][3]:
            while j < n and kept[j][3] and kept[j][1] == kept[j - 1][2]:
                j += 1
            if j - i > 1:
                yield Word(text[kept[i][1] : kept[j - 1][2]], kept[i][1], kept[j - 1][2], True)
        for term, start, end, _ in kept[i:j]:
            yield Word(term, start, end)
        i = j


def words(text: str, mode: str = "query") -> list[tuple[str, int, int]]:
    """`(term, start, end)` for each kept word (Latin lowercased); compounds unless query mode."""
    return [(w.term.lower(), w.start, w.end) for w in spans(text, mode)]


class JapaneseTokenizer(Tokenizer):
    """Whoosh tokenizer over fugashi; see the module docstring. Picklable: holds no tagger."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        items = spans(value, mode) if tokenize else iter((Word(value, 0, len(value)),))
        pos = start_pos - 1
        for w in items:
            if not w.compound:
                pos += 1
            t.text = w.term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[w.start : w.end]
            if positions:
                t.pos = pos + 1 if w.compound else pos
            if chars:
                t.startchar = start_char + w.start
                t.endchar = start_char + w.end
            yield t


def JapaneseAnalyzer() -> CompositeAnalyzer:
    """Japanese words (orthBase), particles dropped; index mode adds katakana compounds."""
    return JapaneseTokenizer() | LowercaseFilter()
