"""The evidence: word n-grams of both sides of each distinct aligned pair, and counts.

For every Chinese word n-gram and Japanese word n-gram, the pairs it occurs in are
recorded (its posting); for those that recur, in how many pairs each (zh, ja) combination
occurs together. The association stage scores these counts.

Identical pairs (the same clause repeated in several documents) are counted once:
repetition is not independent evidence, and it keeps learning linear in distinct text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from analyzers import chinese, japanese
from analyzers.folding import fold
from indexer.glossary.cooccurrence import Joint, joint_counts
from indexer.records import Clause

MAX_N = {"zh": 3, "ja": 5}  # longest word n-gram considered per language
MIN_PAIR_COUNT = 2  # co-occurrences needed before a learned pair is believed
EXAMPLES = 3

Glossary = dict[str, dict[str, list[dict[str, Any]]]]  # lang -> source -> entries
Spans = dict[str, list[tuple[int, int]]]  # n-gram surface -> its spans in one clause
Link = tuple[int, int, int, int]  # zh start, zh end, ja start, ja end

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")


@dataclass
class Pair:
    """One distinct aligned pair: texts, folded texts and n-gram spans of both sides."""

    id: str
    text: dict[str, str]
    folded: dict[str, str]
    grams: dict[str, Spans]
    words: dict[str, list[tuple[int, int]]]  # lang -> spans of the kept words


@dataclass
class Stats:
    """Corpus-wide counts: in which pairs each n-gram occurs, and joint pair counts."""

    pairs: list[Pair]
    posting: dict[str, dict[str, list[int]]]  # lang -> n-gram -> pair indexes
    joint: Joint  # (zh, ja, pairs where both occur), those association can rank
    folds: dict[str, str] = field(default_factory=dict)  # n-gram -> folded, computed once
    words: dict[str, list[str]] = field(default_factory=dict)  # n-gram -> its folded words

    def fold(self, s: str) -> str:
        if s not in self.folds:
            self.folds[s] = fold(s)
        return self.folds[s]

    def words_in(self, gram: str, lang: str) -> list[str]:
        """The folded words of an n-gram, kept: the same n-gram is a candidate of many
        entries, and the association and cleaning stages both ask."""
        got = self.words.get(gram)
        if got is None:
            folded = self.fold(gram)
            got = self.words[gram] = [folded[a:b] for a, b in word_spans(gram, lang)]
        return got


def ngrams(text: str, lang: str) -> set[str]:
    """Surfaces of runs of 1..N adjacent content words (no particle or gap between them)."""
    return set(gram_spans(text, lang))


def word_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the words the query analyzer keeps (particles and punctuation dropped)."""
    words = (chinese.words if lang == "zh" else japanese.words)(text, mode="query")
    return [(s, e) for _, s, e in words]


def gram_spans(text: str, lang: str, words: list[tuple[int, int]] | None = None) -> Spans:
    """Each n-gram surface of `ngrams` with the spans where it occurs in `text`."""
    words = word_spans(text, lang) if words is None else words
    out: Spans = {}
    for i in range(len(words)):
        start, end = words[i]
        out.setdefault(text[start:end], []).append((start, end))
        for j in range(i + 1, min(i + MAX_N[lang], len(words))):
            if words[j][0] != end:
                break
            end = words[j][1]
            out.setdefault(text[start:end], []).append((start, end))
    return {s: v for s, v in out.items() if _worth(s)}


def _worth(s: str) -> bool:
    """Single kana or Han characters and bare numbers carry no terminology."""
    if len(s) < 2 and not ("\u4e00" <= s <= "\u9fff"):
        return False
    return not s.replace(".", "").replace(",", "").isdigit() and len(s) > 1


def distinct_pairs(clauses: Sequence[Clause]) -> list[Pair]:
    """Aligned pairs with both sides, each distinct (zh, ja) text once."""
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    for c in clauses:
        if c.zh and c.ja and (c.zh, c.ja) not in seen:
            seen.add((c.zh, c.ja))
            text = {"zh": c.zh, "ja": c.ja}
            folded = {lang: fold(t) for lang, t in text.items()}
            words = {lang: word_spans(t, lang) for lang, t in text.items()}
            grams = {lang: gram_spans(t, lang, words[lang]) for lang, t in text.items()}
            pairs.append(Pair(c.id, text, folded, grams, words))
    return pairs


def statistics(pairs: list[Pair], min_dice: float = 0.0) -> Stats:
    """Postings of every n-gram and the joint counts of the recurring ones that Dice ≥
    `min_dice` or folding can rank (`cooccurrence`: counted in numpy, not kept whole)."""
    posting: dict[str, dict[str, list[int]]] = {"zh": {}, "ja": {}}
    for i, p in enumerate(pairs):
        for lang in ("zh", "ja"):
            for g in p.grams[lang]:
                posting[lang].setdefault(g, []).append(i)
    stats = Stats(pairs, posting, Joint())
    grams = [p.grams for p in pairs]
    stats.joint = joint_counts(grams, posting, stats.fold, MIN_PAIR_COUNT, min_dice)
    return stats


def add_examples(stats: Stats, gloss: Glossary) -> None:
    """Up to EXAMPLES ids of pairs where source and target occur together."""
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        for src, entries in gloss[lang].items():
            ids = stats.posting[lang].get(src, [])
            for e in entries:
                tgt = stats.posting[other].get(e["target"], [])
                e["examples"] = [stats.pairs[i].id for i in first_common(ids, tgt, EXAMPLES)]


def first_common(a: list[int], b: list[int], k: int) -> list[int]:
    """The `k` smallest pair indexes in both ascending postings `a` and `b`.

    Searched from the shorter list into the longer and stopped at `k`: a set of a common
    word's posting per candidate made choosing quadratic in the corpus.

    >>> first_common([1, 4, 6, 9], [2, 4, 5, 6, 7, 9], 2)
    [4, 6]
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    out: list[int] = []
    lo = 0
    for i in short:
        lo = bisect_left(long, i, lo)
        if lo == len(long):
            break
        if long[lo] == i:
            out.append(i)
            if len(out) == k:
                break
    return out
