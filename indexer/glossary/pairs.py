"""The distinct aligned pairs, held compactly: words as offsets, n-grams as vocabulary ids.

A pair used to keep a dict of its n-gram surfaces with a list of span tuples each: about
35 KB a pair at 100× (6,137 distinct pairs), 2 GB at 58,000 distinct pairs (1,000×).
Here each side keeps its word offsets, the ids of its distinct n-grams (in the order
`gram_spans` first meets them) and their occurrences as packed integers, in `array`s; the
surfaces live once in a `Vocab` per language: 6.7 KB a pair at 100×, vocabularies
included. `Pair.spans_at` reads an n-gram's spans back; `Pair.spans` finds those of any
surface from the text and the word offsets. Both give exactly what `gram_spans` gives (a
test compares them on the seed corpus).

Identical pairs (the same clause repeated in several documents) are counted once:
repetition is not independent evidence, and it keeps learning linear in distinct text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from analyzers.folding import fold
from indexer.glossary.block_words import Segmenter
from indexer.records import Clause

MAX_N = {"zh": 3, "ja": 5}  # longest word n-gram considered per language
LANGS = ("zh", "ja")


@lru_cache(maxsize=262144)
def worth(s: str) -> bool:
    """Single kana or Han characters and bare numbers carry no terminology."""
    if len(s) < 2 and not ("\u4e00" <= s <= "\u9fff"):
        return False
    return not s.replace(".", "").replace(",", "").isdigit() and len(s) > 1


@dataclass
class Vocab:
    """The n-gram surfaces of one language, numbered in the order first met."""

    names: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)  # −1: not `worth` keeping

    def ids(self, surfaces: dict[str, list[int]]) -> tuple[array, array, array]:
        """Ids of the surfaces worth keeping (numbering new ones), with their occurrences
        end to end and where each one's start (see `Pair.spans_at`)."""
        ids, occ, ptr = array("i"), array("i"), array("i", [0])
        index, names = self.index, self.names
        for g, at in surfaces.items():
            i = index.get(g)
            if i is None:
                i = index[g] = len(names) if worth(g) else -1
                if i >= 0:
                    names.append(g)
            if i >= 0:
                ids.append(i)
                occ.extend(at)
                ptr.append(len(occ))
        return ids, occ, ptr

    def id(self, surface: str) -> int | None:
        """The id of an n-gram met in some pair, else None."""
        i = self.index.get(surface)
        return None if i is None or i < 0 else i


class Pair:
    """One distinct aligned pair: texts, folded texts, word offsets and n-gram ids."""

    __slots__ = ("ends", "folded", "grams", "id", "occ", "ptr", "starts", "text")

    def __init__(self, id: str, text: dict[str, str], words: dict[str, list[tuple[int, int]]]):
        self.id = id
        self.text = text
        self.folded = {lang: fold(t) for lang, t in text.items()}
        self.starts = {lang: array("i", [s for s, _ in ws]) for lang, ws in words.items()}
        self.ends = {lang: array("i", [e for _, e in ws]) for lang, ws in words.items()}
        self.grams: dict[str, array] = {}  # lang -> n-gram ids, in `gram_spans` order
        self.occ: dict[str, array] = {}  # lang -> occurrences: first word * 8 + words
        self.ptr: dict[str, array] = {}  # lang -> where each n-gram's occurrences start

    def words(self, lang: str) -> list[tuple[int, int]]:
        """Spans of the kept words of one side."""
        return list(zip(self.starts[lang], self.ends[lang], strict=True))

    def spans_at(self, lang: str, k: int) -> list[tuple[int, int]]:
        """The spans of the pair's `k`-th n-gram (`grams[lang][k]`), by start."""
        starts, ends, ptr = self.starts[lang], self.ends[lang], self.ptr[lang]
        lo, hi = ptr[k], ptr[k + 1]
        if hi - lo == 1:  # most n-grams occur once in a pair
            o = self.occ[lang][lo]
            return [(starts[o >> 3], ends[(o >> 3) + (o & 7) - 1])]
        return [(starts[o >> 3], ends[(o >> 3) + (o & 7) - 1]) for o in self.occ[lang][lo:hi]]

    def spans(self, lang: str, gram: str) -> list[tuple[int, int]]:
        """Where the n-gram `gram` occurs in this pair's `lang` side: runs of 1..MAX_N
        adjacent words spelling it, by start (what `gram_spans` gives for it)."""
        if not worth(gram):
            return []
        text, starts, ends = self.text[lang], self.starts[lang], self.ends[lang]
        out: list[tuple[int, int]] = []
        n, last = len(gram), len(starts)
        i = text.find(gram)
        while i >= 0:
            k = bisect_left(starts, i)
            if k < last and starts[k] == i:
                end, stop = i + n, min(k + MAX_N[lang], last)
                for m in range(k, stop):
                    if ends[m] >= end or m + 1 == stop or starts[m + 1] != ends[m]:
                        if ends[m] == end:
                            out.append((i, end))
                        break
            i = text.find(gram, i + 1)
        return out


def surfaces(text: str, starts: array, ends: array, n_max: int) -> dict[str, list[int]]:
    """The surfaces of runs of 1..`n_max` adjacent words, in the order first met, with
    their occurrences (first word * 8 + words)."""
    out: dict[str, list[int]] = {}
    last = len(starts)
    for i in range(last):
        start, end = starts[i], ends[i]
        at = i * 8 + 1
        g = text[start:end]
        if (got := out.get(g)) is None:
            out[g] = [at]
        else:
            got.append(at)
        for j in range(i + 1, min(i + n_max, last)):
            if starts[j] != end:
                break
            end = ends[j]
            at += 1
            g = text[start:end]
            if (got := out.get(g)) is None:
                out[g] = [at]
            else:
                got.append(at)
    return out


def distinct_pairs(
    clauses: Sequence[Clause], vocab: dict[str, Vocab], segment: Segmenter
) -> list[Pair]:
    """Aligned pairs with both sides, each distinct (zh, ja) text once, their n-grams
    numbered in `vocab`."""
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    for c in clauses:
        if c.zh and c.ja and (c.zh, c.ja) not in seen:
            seen.add((c.zh, c.ja))
            text = {"zh": c.zh, "ja": c.ja}
            p = Pair(c.id, text, {lang: segment.words(t, lang) for lang, t in text.items()})
            for lang in LANGS:
                grams = surfaces(text[lang], p.starts[lang], p.ends[lang], MAX_N[lang])
                p.grams[lang], p.occ[lang], p.ptr[lang] = vocab[lang].ids(grams)
            pairs.append(p)
    return pairs
