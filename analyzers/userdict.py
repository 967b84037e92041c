"""Grow jieba's user dictionary from the corpus.

jieba's dictionary is general Chinese; policy text is full of domain words it cuts in
pieces (负面清单 → 负面|清单, 区块链 → 区块|链). A query for such a word then becomes a
phrase of pieces and, worse, a compound in the index only answers to its own pieces. We
propose Han n-grams (3–6 characters) that jieba splits, that recur, that start and end on
jieba word boundaries at every occurrence (so they are words made of words, not fragments
straddling two), that do not start or end on a function character, and that are not merely
part of a longer candidate seen as often.

Alignment is the second source of evidence: a run of jieba words that the learned glossary
translates by one Japanese term (开源|软件 ↔ オープンソースソフトウェア, 自动|驾驶 ↔ 自動運転) is
one term, however rare. `from_glossary` proposes those from a built index's glossary.json.

Run as `taiyaku userdict data/001_744f217aed3c4039.txt` (frequency) or
`taiyaku userdict --from-index` (alignment), and curate the result by hand into
data/userdict_zh.txt, whose sections say where entries came from.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable

import jieba

from analyzers.detect import has_kana
from analyzers.resources import cache_dir

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TERM_JA = re.compile(r"[\u30a0-\u30ff\u4e00-\u9fff々]+")
# Characters that rarely end or begin a domain word: particles, conjunctions, prepositions.
EDGE_STOP = frozenset("的了和与及或等在对为是将把被以从向于并且其之也都而按由各所中")
# One-character words that may end a term (区块|链, 车联|网); others are fragments (在|京|落地).
SUFFIXES = frozenset("链网区税业制化权库园法费")


def base_segmenter() -> jieba.Tokenizer:
    """A jieba tokenizer with the stock dictionary only: what we judge "split" against.

    jieba's "Building prefix dict …" lines are silenced: `taiyaku userdict` prints a
    dictionary proposal, and its loading chatter read as part of it."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    tok.initialize()
    return tok


def _aligned_ngrams(run: list[str], lo: int, hi: int) -> Iterable[str]:
    """n-grams of `lo..hi` chars made of two or more whole words of the segmented `run`.

    The first word must have two characters or more, the last too unless it is a suffix.
    """
    for i in range(len(run)):
        if len(run[i]) < 2:
            continue
        gram = run[i]
        for j in range(i + 1, len(run)):
            gram += run[j]
            if len(gram) > hi:
                break
            if len(gram) >= lo and (len(run[j]) > 1 or run[j] in SUFFIXES):
                yield gram


def propose(
    lines: Iterable[str],
    min_count: int = 2,
    lo: int = 3,
    hi: int = 6,
    tok: jieba.Tokenizer | None = None,
) -> list[tuple[str, int]]:
    """Candidate domain words with their counts, most frequent first (see module doc)."""
    tok = tok or base_segmenter()
    aligned: Counter[str] = Counter()
    raw: Counter[str] = Counter()
    for line in lines:
        if has_kana(line):
            continue
        for run in _HAN_RUN.findall(line):
            aligned.update(_aligned_ngrams(list(tok.cut(run)), lo, hi))
            for n in range(lo, hi + 1):
                raw.update(run[i : i + n] for i in range(len(run) - n + 1))
    cands = {
        g: c
        for g, c in aligned.items()
        if c >= min_count
        and c == raw[g]
        and not tok.FREQ.get(g)
        and g[0] not in EDGE_STOP
        and g[-1] not in EDGE_STOP
        and "的" not in g
    }
    closed = [
        (g, c)
        for g, c in cands.items()
        if not any(g != h and g in h and ch == c for h, ch in cands.items())
    ]
    return sorted(closed, key=lambda gc: (-gc[1], gc[0]))


def from_glossary(
    gloss: dict, min_score: float = 0.5, tok: jieba.Tokenizer | None = None
) -> list[tuple[str, str, int]]:
    """Chinese word runs that the glossary renders by one Japanese term: (word, term, count).

    `gloss` is the learned glossary ({"zh": {source: [entries]}}). Only learned entries
    count: curated ones prove nothing, and a folding match (安全管理 = 安全管理) is bridged
    word by word anyway. The Japanese side must look like a term (kanji and katakana, no
    inflected hiragana tail), and only sources jieba still splits are proposed.
    """
    tok = tok or base_segmenter()
    out = []
    for src, entries in gloss.get("zh", {}).items():
        top = entries[0] if entries else None
        if (
            top is None
            or top["origin"] != "learned"
            or not _TERM_JA.fullmatch(top["target"])
            or top["score"] < min_score
            or not 3 <= len(src) <= 8
            or not _HAN_RUN.fullmatch(src)
            or src[0] in EDGE_STOP
            or src[-1] in EDGE_STOP
            or len(list(tok.cut(src))) < 2
            or " " in top["target"]
        ):
            continue
        out.append((src, top["target"], top["count"]))
    return sorted(out, key=lambda t: (-t[2], t[0]))
