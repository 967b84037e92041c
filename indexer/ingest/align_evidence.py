"""Word-level evidence that two sentences translate each other, as hunalign's dictionary.

Shared kanji (in `similarity`) count characters; this module counts words: the share of
the content words of a Chinese and a Japanese sentence that find a partner on the other
side (a Dice over words, so a long sentence with one lucky match scores low). Function
words (的, する) and single Han characters are not content words: they match everywhere.
Words the whole text repeats (`common_words`: 服务业, 试点 in a plan for service-industry
pilots) are left out: every neighbouring sentence shares them, so they cannot tell the
true partner from its neighbours. A partner is:

- the same word after folding (贸易 = 貿易), Latin word or number;
- a pair of a translation table (`use_table`), e.g. a glossary's word pairs;
- with `USE_DICTIONARY`, a word sharing a *rare* English gloss through the CC-CEDICT pivot
  of the translation-spotting links (`indexer.dictionaries.cedict`; a katakana word through
  its UniDic English origin). Rare means an inverse document frequency over CC-CEDICT's
  headwords of at least `MIN_IDF`: "issue" or "build" join hundreds of words.

Measured (`bench/bench_align.py`): word identity and leaving out common words pay; the
dictionary, and a glossary learned from other aligned pairs, do not on the kanji-rich seed
corpus, where they mostly match words a document repeats (数据/データ, 建设/構築). Texts
whose translations share fewer characters (katakana loanwords: ユーザー/用户,
クライアント/客户端) need the dictionary: the aligner asks for it with `glossed=True`
(`similarity.evidence`), where a gloss is rare enough at `ALIGN_MIN_IDF`, since the
run's common words are already left out.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from analyzers import chinese, japanese
from analyzers.folding import fold
from analyzers.loanwords import loan_origin
from indexer.dictionaries.cedict import cedict_path, gloss_words

MIN_IDF = 9.0  # a gloss word held by at most ~1/8000 of the headwords
ALIGN_MIN_IDF = 8.0  # for alignment within a run (common words already out): ~1/3000
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PIECE = re.compile(r"[^。！？；，、：]+[。！？；，、：]*")
_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
_LATIN_OR_NUMBER = re.compile(r"[0-9a-z][0-9a-z.+\-%]*")
COMMON_SHARE = 0.3  # a word in this share of a run's clauses (and 3) is its topic
USE_DICTIONARY = False  # measured: no gain on the seed corpus (see the docstring)


@dataclass(frozen=True)
class Word:
    """A content word: its folded key and the rare English gloss words it may mean."""

    key: str
    glosses: frozenset[str]


@lru_cache(maxsize=1)
def _cedict() -> tuple[dict[str, frozenset[str]], dict[str, float]]:
    """Folded headword → gloss words, and gloss word → IDF over the headwords (once)."""
    path = cedict_path()
    table: dict[str, set[str]] = {}
    if path is not None:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                head, _, defs = line.partition("/")
                forms = head.split(" ", 2)[:2]
                glosses = gloss_words(defs)
                for form in {fold(f) for f in forms}:
                    table.setdefault(form, set()).update(glosses)
    df = Counter(g for gs in table.values() for g in gs)
    n = max(1, len(table))
    idf = {g: math.log(n / c) for g, c in df.items()}
    return {k: frozenset(sys.intern(g) for g in v) for k, v in table.items()}, idf


def _rare(glosses: frozenset[str], least: float = MIN_IDF) -> frozenset[str]:
    idf = _cedict()[1]
    return frozenset(g for g in glosses if idf.get(g, 0.0) >= least)


def words(text: str, lang: str, glossed: bool = False) -> tuple[Word, ...]:
    """The content words of a text with their rare glosses.

    Tokenised piece by piece between punctuation, each piece cached: the aligner asks for
    every concatenation of neighbouring clauses it tries as a merge, and those are made of
    the same pieces (no word spans a comma or a full stop).
    """
    glossed = glossed or USE_DICTIONARY
    return tuple(w for piece in _PIECE.findall(text) for w in _piece_words(piece, lang, glossed))


@lru_cache(maxsize=32768)
def _piece_words(text: str, lang: str, glossed: bool = False) -> tuple[Word, ...]:
    """Content words in query mode (the analyzers' words, so the ingestion cache, keyed by
    the analyzers' code, changes with them): no single Han character, no hiragana word."""
    spans = (chinese.words if lang == "zh" else japanese.words)(text, mode="query")
    folded = fold(text).lower()
    out = []
    for _, start, end in spans:
        key = folded[start:end]
        if (_HAN.fullmatch(key) and len(key) == 1) or _HIRAGANA.fullmatch(key):
            continue
        if lang == "zh" and not (_HAN.search(key) or _LATIN_OR_NUMBER.fullmatch(key)):
            continue
        glosses = _glosses(key, text[start:end], lang) if glossed else frozenset()
        out.append(Word(key, glosses))
    return tuple(out)


def _glosses(key: str, surface: str, lang: str) -> frozenset[str]:
    least = MIN_IDF if USE_DICTIONARY else ALIGN_MIN_IDF
    if lang == "ja" and not _HAN.search(key):
        return _rare(frozenset(re.findall(r"[a-z]{3,}", loan_origin(surface))), least)
    return _rare(_cedict()[0].get(key, frozenset()), least)


@dataclass(frozen=True)
class Bag:
    """A text's content words, and what other words look up: keys, glosses."""

    words: tuple[Word, ...]
    keys: frozenset[str]
    glosses: frozenset[str]


@lru_cache(maxsize=65536)
def bag(text: str, lang: str, common: frozenset[str] = frozenset(), glossed: bool = False) -> Bag:
    """The words of `text` but those in `common`, and their unions (cached: a clause meets
    many candidates)."""
    ws = tuple(w for w in words(text, lang, glossed) if w.key not in common)
    return Bag(ws, frozenset(w.key for w in ws), frozenset(g for w in ws for g in w.glosses))


def _hits(mine: Bag, other: Bag, table: dict[str, set[str]]) -> int:
    """How many of `mine`'s words have a partner in `other`."""
    return sum(
        1
        for w in mine.words
        if w.key in other.keys or table.get(w.key, _NONE) & other.keys or w.glosses & other.glosses
    )


def coverage(
    zh: str, ja: str, common: frozenset[str] = frozenset(), glossed: bool = False
) -> float:
    """Share of the content words of both sentences that have a partner on the other side;
    words in `common` (repeated all over the text being aligned) do not count; `glossed`
    lets words meet through the dictionary's English glosses."""
    z, j = bag(zh, "zh", common, glossed), bag(ja, "ja", common, glossed)
    if not z.words or not j.words:
        return 0.0
    hits = _hits(z, j, _FORWARD) + _hits(j, z, _BACKWARD)
    return hits / (len(z.words) + len(j.words))


def common_words(texts: Iterable[str], lang: str) -> frozenset[str]:
    """Words in at least `COMMON_SHARE` of the texts (and 3): the topic, not the sentence."""
    texts = list(texts)
    df = Counter(k for t in texts for k in bag(t, lang).keys)
    least = max(3, COMMON_SHARE * len(texts))
    return frozenset(k for k, n in df.items() if n >= least)


def use_table(pairs: Iterable[tuple[str, str]]) -> None:
    """Make these (Chinese, Japanese) word pairs count as matches, replacing any before.

    Words are folded and lowercased here, so a table may be written in either script.
    """
    _FORWARD.clear()
    _BACKWARD.clear()
    for z, j in pairs:
        z, j = fold(z).lower(), fold(j).lower()
        _FORWARD.setdefault(z, set()).add(j)
        _BACKWARD.setdefault(j, set()).add(z)


_NONE: frozenset[str] = frozenset()
_FORWARD: dict[str, set[str]] = {}
_BACKWARD: dict[str, set[str]] = {}
