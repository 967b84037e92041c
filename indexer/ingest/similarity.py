"""How likely a Chinese and a Japanese text are translations of each other, in [0, 1].

The evidence, all cheap and language-pair specific:
- length: Japanese runs longer than the Chinese it translates by a roughly constant
  ratio (estimated from the data, see `estimate_ratio`);
- shared kanji: after folding simplified and shinjitai forms to one form, a translation
  repeats many of the source's characters and character pairs (改革, 試行);
- anchors: numbers and Latin words (500, 2,000 = 2000, QFLP) appear on both sides;
- matched content words (`indexer.ingest.align_evidence`): the share of the words of both sides
  that find a partner (identity after folding, a translation table, optionally rare
  dictionary glosses), averaged with the kanji evidence (`WORD_WEIGHT`);
- lexicons plugged in with `register_lexicon`: each gives a score in [0, 1] for a pair,
  and the strongest lexical evidence counts.

`similarity` is the confidence a pair is given. The aligner decides on `evidence`, which
reads the content a second way, through the dictionary (words meeting through their
English glosses: ユーザー/用户, 集群/クラスター), and takes the better reading: a
translation full of katakana loanwords shares few characters with its source, and the
first reading alone cannot tell its sentences apart. `support` is what a clause merged
into a bead must share with the other side: words, glossed words, or its numbers and
Latin words (those the whole run repeats left out).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from analyzers.folding import fold
from analyzers.scripts import is_han, is_kana
from indexer.ingest.align_evidence import coverage

_IDENTIFIER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._\-/]*[A-Za-z0-9])?")
_ANCHOR = re.compile(r"\d[\d,，]*(?:\.\d+)?|[A-Za-z][A-Za-z+\-]+")
LENGTH_SPREAD = 0.45  # std. dev. of log(length ratio) of true pairs, generous for short clauses
DEFAULT_RATIO = 1.45
WORD_WEIGHT = 0.5  # share of the content evidence that comes from matched words (lexicon)
WORD_FULL = 0.6  # word coverage true pairs typically reach: counts as complete evidence
ANCHOR_WEIGHT = 0.2  # share of the score numbers and Latin words decide, when present


@dataclass(frozen=True)
class Features:
    """What similarity needs of one text, computed once."""

    length: int
    han: Counter[str]
    bigrams: Counter[str]
    anchors: frozenset[str]


def text_length(text: str) -> int:
    """Length in letters (Han, kana, Latin, digits), ignoring spaces and punctuation."""
    return sum(1 for c in text if c.isalnum() or is_kana(c))


@lru_cache(maxsize=8192)
def features(text: str) -> Features:
    """Features of a text; cached because the alignment DP asks for each many times."""
    folded = fold(text)
    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", folded)
    han = Counter(c for c in folded if is_han(c))
    bigrams = Counter(r[i : i + 2] for r in runs for i in range(len(r) - 1))
    anchors = frozenset(_norm_anchor(a) for a in _ANCHOR.findall(text))
    return Features(max(1, text_length(text)), han, bigrams, anchors)


def _norm_anchor(token: str) -> str:
    return token.replace(",", "").replace("，", "").upper()


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def length_score(zh_len: int, ja_len: int, ratio: float) -> float:
    """1 when the Japanese is `ratio` times the Chinese, falling off in log ratio."""
    x = math.log(ja_len / (ratio * zh_len))
    return math.exp(-(x * x) / (2 * LENGTH_SPREAD**2))


LexicalScore = Callable[[str, str], float]
LEXICONS: list[LexicalScore] = []


def register_lexicon(lexicon: LexicalScore) -> None:
    """Plug in word-level evidence: `lexicon(zh, ja)` in [0, 1], e.g. dictionary coverage."""
    LEXICONS.append(lexicon)


def _content(
    fz: Features, fj: Features, zh: str, ja: str, common: frozenset[str] = frozenset()
) -> float:
    """Lexical evidence: shared folded kanji and kanji pairs, and words matched through
    the lexicon (identity, dictionary, translation table), or a registered lexicon."""
    shared = 0.5 * _dice(fz.han, fj.han) + 0.5 * _dice(fz.bigrams, fj.bigrams)
    score = min(1.0, shared / 0.45)
    if WORD_WEIGHT:
        words = min(1.0, coverage(zh, ja, common) / WORD_FULL)
        score = (1 - WORD_WEIGHT) * score + WORD_WEIGHT * words
    return max([score, *(lex(zh, ja) for lex in LEXICONS)])


def lexical(zh: str, ja: str, common: frozenset[str] = frozenset()) -> float:
    """Lexical evidence alone (no length), e.g. whether one part of a merge has support."""
    return _content(features(zh), features(ja), zh, ja, common)


@lru_cache(maxsize=65536)
def similarity(zh: str, ja: str, ratio: float, common: frozenset[str] = frozenset()) -> float:
    """Translation likelihood of a zh/ja pair in [0, 1] (cached: beads share pairs)."""
    if zh.strip() == ja.strip():
        return 1.0  # a line printed the same in both languages (number, date)
    fz, fj = features(zh), features(ja)
    ls = length_score(fz.length, fj.length, ratio)
    content = _content(fz, fj, zh, ja, common)
    score = 0.35 * ls + 0.65 * content
    if fz.anchors or fj.anchors:
        overlap = len(fz.anchors & fj.anchors) / len(fz.anchors | fj.anchors)
        score = (1 - ANCHOR_WEIGHT) * score + ANCHOR_WEIGHT * overlap
    return score


USE_GLOSSES = True  # the aligner's second reading through the dictionary (`evidence`)


@lru_cache(maxsize=65536)
def evidence(zh: str, ja: str, ratio: float, common: frozenset[str] = frozenset()) -> float:
    """What the aligner decides on: `similarity`, or the same with the content read
    through the dictionary when that reading is stronger."""
    base = similarity(zh, ja, ratio, common)
    if not USE_GLOSSES or zh.strip() == ja.strip():
        return base
    fz, fj = features(zh), features(ja)
    words = min(1.0, coverage(zh, ja, common, glossed=True) / WORD_FULL)
    score = 0.35 * length_score(fz.length, fj.length, ratio) + 0.65 * words
    if fz.anchors or fj.anchors:
        overlap = len(fz.anchors & fj.anchors) / len(fz.anchors | fj.anchors)
        score = (1 - ANCHOR_WEIGHT) * score + ANCHOR_WEIGHT * overlap
    return max(base, score)


@lru_cache(maxsize=65536)
def support(
    part: str,
    other: str,
    common: frozenset[str] = frozenset(),
    zh_part: bool = True,
    common_ids: frozenset[str] = frozenset(),
) -> float:
    """Evidence that `part` (one clause of a merge) belongs with `other`, in [0, 1]:
    its words, glossed words, the share of its kanji pairs the other side has (a short
    part against a long side: a Dice would call it unsupported), or the share of its
    identifiers the other side has (those in `common_ids`, repeated all over the run,
    left out)."""
    zh, ja = (part, other) if zh_part else (other, part)
    score = lexical(zh, ja, common)
    if not USE_GLOSSES:
        return score
    # words only: numbers and Latin names count below, whole (CVE-2025-1097 is no 2025)
    bare_zh, bare_ja = _IDENTIFIER.sub(" ", zh), _IDENTIFIER.sub(" ", ja)
    glossed = min(1.0, coverage(bare_zh, bare_ja, common, glossed=True) / WORD_FULL)
    mine = identifiers(part) - common_ids
    shared = len(mine & identifiers(other)) / len(mine) if mine else 0.0
    pairs = features(part).bigrams
    kept = sum((pairs & features(other).bigrams).values()) / sum(pairs.values()) if pairs else 0.0
    return max(score, glossed, shared, kept)


def common_identifiers(texts: list[str], share: float) -> frozenset[str]:
    """Identifiers in at least `share` of the texts (and 3): the run's topic (ingress-nginx)."""
    df = Counter(i for t in texts for i in identifiers(t))
    least = max(3, share * len(texts))
    return frozenset(i for i, n in df.items() if n >= least)


@lru_cache(maxsize=8192)
def identifiers(text: str) -> frozenset[str]:
    """Numbers, Latin words and names like CVE-2025-1098 or v1.12.1, whole and lowercased.

    >>> sorted(identifiers("修复 CVE-2025-1098，升级到 v1.12.1（40%）"))
    ['40', 'cve-2025-1098', 'v1.12.1']
    """
    return frozenset(m.lower() for m in _IDENTIFIER.findall(text))


def estimate_ratio(pairs: Iterable[tuple[str, str]]) -> float:
    """Japanese/Chinese length ratio over texts known to correspond (e.g. same headings)."""
    zh_total = ja_total = 0
    for zh, ja in pairs:
        if zh and ja:
            zh_total += text_length(zh)
            ja_total += text_length(ja)
    if zh_total < 200 or ja_total < 200:
        return DEFAULT_RATIO
    return ja_total / zh_total
