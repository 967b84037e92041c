"""Grow jieba's user dictionary from the corpus.

jieba's dictionary is general Chinese; policy text is full of domain words it cuts in
pieces (负面清单 → 负面|清单, 区块链 → 区块|链). A query for such a word then becomes a
phrase of pieces and, worse, a compound in the index only answers to its own pieces. We
propose Han n-grams (3–6 characters) that jieba splits, that recur, that start and end on
jieba word boundaries at every occurrence (so they are words made of words, not fragments
straddling two), that do not start or end on a function character, and that are not merely
part of a longer candidate seen as often. Alignment evidence (an n-gram consistently
translated by one Japanese term) can be fed in later through `extra`.

Run as `python -m analyzers.userdict data/001_744f217aed3c4039.txt > data/userdict_zh.txt`
and curate the result by hand; the file's curated entries sit at the top, marked by a comment.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import jieba

from analyzers.detect import has_kana
from analyzers.resources import cache_dir

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Characters that rarely end or begin a domain word: particles, conjunctions, prepositions.
EDGE_STOP = frozenset("的了和与及或等在对为是将把被以从向于并且其之也都而按由各所中")
# One-character words that may end a term (区块|链, 车联|网); others are fragments (在|京|落地).
SUFFIXES = frozenset("链网区税业制化权库园法费")


def base_segmenter() -> jieba.Tokenizer:
    """A jieba tokenizer with the stock dictionary only: what we judge "split" against."""
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


def main(argv: list[str] | None = None) -> None:
    """Print proposed words in jieba user-dictionary format (`word  # count`)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    lines = [ln for f in args.files for ln in f.read_text(encoding="utf-8").splitlines()]
    print(f"# proposed by analyzers.userdict from {', '.join(f.name for f in args.files)}")
    for word, count in propose(lines, min_count=args.min_count):
        print(f"{word}  # {count}")


if __name__ == "__main__":
    main(sys.argv[1:])
