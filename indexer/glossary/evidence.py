"""The evidence: word n-grams of both sides of each distinct aligned pair, and counts.

For every Chinese word n-gram and Japanese word n-gram, the pairs it occurs in are
recorded (its posting); for those that recur, in how many pairs each (zh, ja) combination
occurs together. The association stage scores these counts. The pairs themselves, held
compactly, are built by `indexer.glossary.pairs`.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analyzers import chinese, japanese
from analyzers.folding import fold
from indexer.glossary.block_words import Segmenter
from indexer.glossary.cooccurrence import Flat, Joint, joint_counts
from indexer.glossary.pairs import LANGS, MAX_N, Pair, Vocab, worth

MIN_PAIR_COUNT = 2  # co-occurrences needed before a learned pair is believed
EXAMPLES = 3

Glossary = dict[str, dict[str, list[dict[str, Any]]]]  # lang -> source -> entries
Spans = dict[str, list[tuple[int, int]]]  # n-gram surface -> its spans in one clause
Link = tuple[int, int, int, int]  # zh start, zh end, ja start, ja end

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")


@dataclass
class Stats:
    """Corpus-wide counts: in which pairs each n-gram occurs, and joint pair counts."""

    pairs: list[Pair]
    vocab: dict[str, Vocab]
    posting: dict[str, Postings]  # lang -> n-gram -> pair indexes, ascending
    joint: Joint  # (zh, ja, pairs where both occur), those association can rank
    segment: Segmenter = field(default_factory=Segmenter)
    fold_ids: dict[str, list[int]] = field(default_factory=dict)  # lang -> id -> folded id
    folds: dict[str, str] = field(default_factory=dict)  # n-gram -> folded, computed once
    words: dict[str, list[str]] = field(default_factory=dict)  # n-gram -> its folded words
    han_words: dict[str, list[str]] = field(default_factory=dict)  # those with Han, 2+ chars
    ja_kanji: dict[int, str] | None = None  # ja n-gram of 2+ kanji -> folded (`gaps.Anchors`)

    def fold(self, s: str) -> str:
        got = self.folds.get(s)
        if got is None:
            got = self.folds[s] = fold(s)
        return got

    def words_in(self, gram: str, lang: str) -> list[str]:
        """The folded words of an n-gram, kept: the same n-gram is a candidate of many
        entries, and the association and cleaning stages both ask."""
        got = self.words.get(gram)
        if got is None:
            folded = self.fold(gram)
            got = self.words[gram] = [folded[a:b] for a, b in self.segment.gram_words(gram, lang)]
        return got

    def han_words_in(self, gram: str, lang: str) -> list[str]:
        """`words_in`, only the words of two characters or more with a Han character."""
        got = self.han_words.get(gram)
        if got is None:
            words = self.words_in(gram, lang)
            got = self.han_words[gram] = [w for w in words if len(w) >= 2 and HAN.search(w)]
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
    return {s: v for s, v in out.items() if worth(s)}


def statistics(
    pairs: list[Pair], vocab: dict[str, Vocab], segment: Segmenter, min_dice: float = 0.0
) -> Stats:
    """Postings of every n-gram and the joint counts of the recurring ones that Dice ≥
    `min_dice` or folding can rank (`cooccurrence`: counted in numpy, not kept whole)."""
    stats = Stats(pairs, vocab, {}, Joint(), segment, folds=segment.folds)
    folds: dict[str, int] = {}
    flat = {}
    for lang in LANGS:
        names = vocab[lang].names
        ids, ptr = _flat_ids(pairs, lang)
        pair = np.repeat(np.arange(len(pairs), dtype=np.int32), np.diff(ptr))
        df = np.bincount(ids, minlength=len(names))
        stats.posting[lang] = _postings(vocab[lang], pair[np.argsort(ids, kind="stable")], df)
        known, fold_ = stats.folds, stats.fold  # (folded forms shared by every run)
        stats.fold_ids[lang] = [
            folds.setdefault(known.get(g) or fold_(g), len(folds)) for g in names
        ]
        flat[lang] = Flat(names, ids, ptr, df, np.array(stats.fold_ids[lang], dtype=np.int64))
    stats.joint = joint_counts(flat["zh"], flat["ja"], MIN_PAIR_COUNT, min_dice)
    return stats


def _flat_ids(pairs: list[Pair], lang: str) -> tuple[np.ndarray, np.ndarray]:
    """The n-gram ids of every pair end to end, and where each pair's start."""
    lens = np.fromiter((len(p.grams[lang]) for p in pairs), np.int64, len(pairs))
    ids = np.frombuffer(b"".join(p.grams[lang] for p in pairs), dtype=np.int32)
    return ids.astype(np.int64), np.r_[0, np.cumsum(lens)]


def _postings(vocab: Vocab, pairs: np.ndarray, df: np.ndarray) -> Postings:
    """n-gram -> its pairs as a compact `array` (`pairs`: grouped by id, ascending)."""
    return Postings(vocab, memoryview(pairs.astype(np.int32).tobytes()), np.cumsum(df) * 4)


class Postings(dict):
    """n-gram -> the pairs it occurs in, ascending, as an `array`, each made when first
    asked for: the stages ask for the candidates' only, a fraction of the n-grams (one
    document's learning made an array for each of its n-grams, a tenth of its time).
    Indexing and `get` as a dict of every n-gram's would answer; not to be iterated."""

    __slots__ = ("ends", "flat", "vocab")

    def __init__(self, vocab: Vocab, flat: memoryview, ends: np.ndarray) -> None:
        super().__init__()
        self.vocab, self.flat, self.ends = vocab, flat, ends.tolist()

    def __missing__(self, gram: str) -> array:
        i = self.vocab.id(gram)
        if i is None:
            raise KeyError(gram)
        a = self[gram] = array("i")
        a.frombytes(self.flat[self.ends[i - 1] if i else 0 : self.ends[i]])
        return a

    def get(self, gram: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[gram]
        except KeyError:
            return default

    def __contains__(self, gram: object) -> bool:
        return isinstance(gram, str) and self.vocab.id(gram) is not None


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
