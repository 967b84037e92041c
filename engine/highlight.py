"""Mark query terms and their counterparts in a clause: character spans with a kind.

Spans come from two kinds of needle: folded surfaces found as substrings of the folded
text (so 贸易 marks 貿易, a compound such as クロスボーダー is one span, and the longest
overlapping match wins because overlapping spans are merged), and sequences of analysed
Japanese terms matched on the clause's own tokens (so 設立する marks the inflected 設立し).
Overlapping marks of different kinds resolve to the strongest (`query` over `counterpart`
over `probable`); the result is a sorted list of disjoint `Mark`s that every view renders
(HTML in `search_app`, colours on the terminal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from analyzers.folding import fold_key
from analyzers.ja_words import WordRow, ja_words, word_row
from engine.api import Mark, MarkKind

WordsFn = Callable[[], WordRow]  # a clause's stored Japanese words, read when needed

KINDS: tuple[MarkKind, ...] = ("query", "counterpart", "probable")  # strongest first


@dataclass
class Needles:
    """What to mark on one side: folded surfaces and Japanese term sequences."""

    surfaces: set[str] = field(default_factory=set)
    sequences: set[tuple[str, ...]] = field(default_factory=set)

    def add_surface(self, s: str) -> None:
        s = fold_key(s.strip())
        if s:
            self.surfaces.add(s)

    def __bool__(self) -> bool:
        return bool(self.surfaces or self.sequences)


Spans = dict[MarkKind, list[tuple[int, int]]]  # kind → character spans (may overlap)


def find_spans(
    text: str, needles: Needles, lang: str, words: WordsFn | None = None
) -> list[tuple[int, int]]:
    """Character spans of every needle occurrence (unmerged).

    `words()`: the Japanese text's words when the index stored them
    (`storage.clause_views`), else the text is analysed here (once per text, kept).
    """
    spans: list[tuple[int, int]] = []
    key = _folded(text)
    for s in needles.surfaces:
        found: list[tuple[int, int]] = []
        start = key.find(s)
        while start != -1:
            found.append((start, start + len(s)))
            start = key.find(s, start + 1)
        if found and (_latin(s[0]) or _latin(s[-1])):
            # Latin letters and digits are words: `AI` is not the `ai` of Shanghai nor
            # `format` the start of formatstrings, where the text has the word itself;
            # a piece typed alone (`ghai`) still marks the piece the substring layer found
            whole = [(a, b) for a, b in found if _whole_word(key, a, b)]
            found = whole or found
        spans.extend(found)
    if lang == "ja" and needles.sequences:
        keys, offsets = _ja_row(text) if words is None else words()
        for seq in needles.sequences:
            n = len(seq)
            if not n:
                continue
            i = _index(keys, seq[0], 0)
            while 0 <= i <= len(keys) - n:  # candidates start with the first word
                if keys[i : i + n] == seq:
                    spans.append((offsets[2 * i], offsets[2 * (i + n) - 1]))
                i = _index(keys, seq[0], i + 1)
    return spans


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _whole_word(key: str, a: int, b: int) -> bool:
    """Whether `key[a:b]` is not glued to Latin letters or digits on a Latin end."""
    before = a > 0 and _latin(key[a]) and _latin(key[a - 1])
    after = b < len(key) and _latin(key[b - 1]) and _latin(key[b])
    return not (before or after)


def _index(keys: tuple[str, ...], key: str, start: int) -> int:
    """Where `key` next occurs in `keys` from `start` (-1: nowhere); searched in C."""
    try:
        return keys.index(key, start)
    except ValueError:
        return -1


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """`fold_key(text)`, kept: a page marks each text once per term, and pages repeat."""
    return fold_key(text)


@lru_cache(maxsize=4096)
def _ja_row(text: str) -> WordRow:
    """A Japanese text's words, folded, with offsets: one MeCab parse per text, not per term."""
    return word_row(ja_words(text))


def resolve(spans: Spans, length: int) -> list[Mark]:
    """Disjoint marks from possibly overlapping spans of several kinds.

    Each character takes the strongest kind that covers it; runs of one kind become one
    mark, so touching or overlapping spans of a kind show as the longest match. Computed
    over the spans' edges, not the characters: a page resolves ~40 texts of a few
    hundred characters, each with a handful of spans.
    """
    present = [(rank, kind) for rank, kind in enumerate(KINDS) if spans.get(kind)]
    if len(present) == 1:  # one kind (most sides): merge its runs
        kind = present[0][1]
        runs: list[list[int]] = []
        for a, b in sorted(spans[kind]):  # clipping keeps the order of starts
            a, b = max(0, a), min(b, length)
            if b <= a:
                continue
            if runs and a <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        return [Mark(a, b, kind) for a, b in runs]
    ranked = [
        (max(0, a), min(b, length), rank)
        for rank, kind in present
        for a, b in spans[kind]
        if min(b, length) > max(0, a)
    ]
    edges = sorted({e for a, b, _ in ranked for e in (a, b)})
    at = {e: i for i, e in enumerate(edges)}
    # the strongest rank over each interval between consecutive edges: every span lowers
    # the intervals it covers (a frequent term's pair has dozens of spans and edges)
    best = [len(KINDS)] * len(edges)
    for a, b, rank in ranked:
        for k in range(at[a], at[b]):
            if rank < best[k]:
                best[k] = rank
    marks: list[Mark] = []
    for k, (a, b) in enumerate(pairwise(edges)):
        rank = best[k]
        if rank == len(KINDS):
            continue
        if marks and marks[-1].end == a and marks[-1].kind == KINDS[rank]:
            marks[-1] = Mark(marks[-1].start, b, KINDS[rank])
        else:
            marks.append(Mark(a, b, KINDS[rank]))
    return marks
