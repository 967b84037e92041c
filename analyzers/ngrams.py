"""Character n-grams over every script: the recall layer that finds any typed substring.

Word fields find what the segmenters call a word; they miss the piece of a word a user
types (ウェア in ソフトウェア, フォーム in プラットフォーム: UniDic keeps an unknown katakana
run as one token) and any run that crosses a word boundary. This layer indexes, for every
run of letters, digits, kana or Han characters, the overlapping bigram that starts at each
character, and the run's last character alone (the idea of Lucene's CJKBigramFilter and
Groonga's TokenBigram, applied to all scripts). Han characters are folded (`fold`:
simplified, traditional and Japanese kanji meet), one for one, so offsets hold.

Why this shape:
- a typed run of n ≥ 2 characters is the phrase of its n - 1 bigrams; consecutive
  positions mean each bigram overlaps the next by one character, so a phrase match *is*
  the substring, verified, not a bag of bigrams;
- every character starts exactly one token (a bigram, or the unigram at a run's end), so
  one character `c` is exactly the terms starting with `c` (a prefix over this field);
- positions jump by two between runs, so nothing matches across punctuation or spaces.

>>> [t.text for t in NgramAnalyzer()("ソフトウェア、AI")]
['ソフ', 'フト', 'トウ', 'ウェ', 'ェア', 'ア', 'AI', 'I']
>>> query_runs("「ウェア」の数据")
['ウェア', 'の數據']
>>> run_grams("ウェア")
['ウェ', 'ェア']
"""

from __future__ import annotations

from collections.abc import Iterator

from analyzers.folding import fold
from analyzers.tokens import Span, SpanTokenizer


def gram_key(text: str) -> str:
    """Folded, one character for one (so offsets carry over).

    Latin case is kept: the layer answers "does the clause contain what I typed", and
    AI typed in capitals should not find the ai inside cochain (words match
    case-insensitively through the word fields).
    """
    return fold(text)


def is_gram_char(c: str) -> bool:
    """Letters, digits, kana, Han, the long-vowel mark and 々: what a run is made of.

    Everything else (punctuation, brackets, quotes, middle dots, symbols, any space)
    separates runs, in the index and in queries alike.
    """
    return c.isalnum()


def runs(text: str) -> Iterator[tuple[str, int]]:
    """(run, start) for each maximal run of gram characters in `gram_key(text)`."""
    key = gram_key(text)
    start = -1
    for i, c in enumerate(key):
        if is_gram_char(c):
            if start < 0:
                start = i
        elif start >= 0:
            yield key[start:i], start
            start = -1
    if start >= 0:
        yield key[start:], start


def query_runs(text: str) -> list[str]:
    """The folded runs a typed term is made of (what must occur, each as a substring)."""
    return [r for r, _ in runs(text)]


def run_grams(run: str) -> list[str]:
    """The bigrams whose phrase is `run` (one character: the character itself)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def checked_grams(n: int) -> tuple[int, ...]:
    """Which of a run's `n` bigrams a phrase check must find at their positions: every
    other one and the last. Each bigram is two characters, so those cover the run; and
    they are adjacent because positions skip one between runs (`NgramTokenizer`): a
    token two positions after another is two characters further in the same run. The
    other bigrams' posting lists are still read for the scores, not their positions."""
    return tuple(range(0, n, 2)) + ((n - 1,) if n % 2 == 0 else ())


class NgramTokenizer(SpanTokenizer):
    """One token per character: the bigram starting there, or the run's last character."""

    def spans(self, value: str, mode: str) -> Iterator[Span]:
        step = 1
        for run, base in runs(value):
            n = len(run)
            for i in range(n):
                yield run[i : i + 2], base + i, base + min(i + 2, n), step
                step = 1
            step = 2


def NgramAnalyzer() -> NgramTokenizer:
    """Whoosh analyzer of folded character n-grams, for Chinese and Japanese text alike."""
    return NgramTokenizer()
