"""The gap learner: terms seen in a single pair, read off the pair itself.

Terms seen in a single pair (负面清单 ↔ ネガティブリスト) give Dice nothing to go on. Once
the confident links of a pair are marked, an unexplained Chinese term that sits between
two anchors whose Japanese counterparts enclose one unexplained compound is taken to be
that compound's translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice, product
from typing import Any

from analyzers.folding import fold
from indexer.glossary.evidence import HAN, Glossary, Link, Pair, Stats

CONFIDENT = 0.45  # a learned entry this good anchors the gap learner (the engine's bar too)
GAP_SCORE = 0.5  # single-evidence entries: usable, but below anything Dice is sure of
GAP_ZH_CHARS = (2, 8)
MAX_OCCURRENCES = 8  # occurrences of one term per side linked in a pair (see anchor_links)

_ALL_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]+")
_COMPOUND = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々\u30a1-\u30fa\u30fc]+")  # kanji/katakana


def learn_gaps(stats: Stats, gloss: Glossary) -> list[tuple[str, str, int]]:
    """Add single-evidence entries read off the gaps between anchors; return them.

    Returns (zh run, ja compound, pairs proposing it). A proposal is dropped when either
    side already has entries (the statistics know that word; one pair is weaker evidence)
    or when proposals disagree (the same run read as two different terms): ambiguity is
    exactly where a guess from one pair goes wrong.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    anchors = Anchors.of(stats, gloss)
    for p in stats.pairs:
        proposals = set(_gaps_in_pair(p, anchor_links(p, anchors)))
        for z, j in unambiguous(proposals):
            seen.setdefault((z, j), set()).add(p.id)
    added = []
    for (z, j), ids in unambiguous(seen).items():
        if z in gloss["zh"] or j in gloss["ja"]:
            continue
        for lang, src, tgt in (("zh", z, j), ("ja", j, z)):
            entry = {"target": tgt, "count": len(ids), "score": GAP_SCORE, "origin": "learned"}
            gloss[lang][src] = [entry]
        added.append((z, j, len(ids)))
    return added


def unambiguous(proposals: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The proposals whose zh side and ja side each occur in no other proposal."""
    props = proposals if isinstance(proposals, dict) else dict.fromkeys(proposals)
    zs = Counter(z for z, _ in props)
    js = Counter(j for _, j in props)
    return {(z, j): v for (z, j), v in props.items() if zs[z] == 1 and js[j] == 1}


@dataclass
class Anchors:
    """What `anchor_links` reads, by n-gram id, prepared once per pass over the pairs (the
    glossary does not change during one)."""

    targets: dict[str, dict[int, list[int]]]  # lang -> source -> its confident targets
    kanji: dict[int, str]  # ja n-gram of two or more kanji -> its folded form

    @classmethod
    def of(cls, stats: Stats, gloss: Glossary) -> Anchors:
        targets: dict[str, dict[int, list[int]]] = {}
        for lang, other in (("zh", "ja"), ("ja", "zh")):
            here, there = stats.vocab[lang], stats.vocab[other]
            targets[lang] = {}
            for src, entries in gloss[lang].items():
                confident = [
                    there.id(e["target"])
                    for e in entries
                    if e["origin"] == "folding" or e["score"] >= CONFIDENT
                ]
                confident = [t for t in confident if t is not None]  # (else in no pair)
                if confident and (i := here.id(src)) is not None:
                    targets[lang][i] = confident
        kanji = stats.ja_kanji  # (the same for the gap and the enumeration learners)
        if kanji is None:
            kanji = stats.ja_kanji = {
                i: stats.fold(j)
                for i, j in enumerate(stats.vocab["ja"].names)
                if len(j) >= 2 and _ALL_HAN.fullmatch(j)
            }
        return cls(targets, kanji)


def anchor_links(p: Pair, anchors: Anchors) -> list[Link]:
    """Spans of the pair explained by confident entries, or by kanji written on both sides.

    Every occurrence was linked to every occurrence: a 100,000-character repeated paragraph
    took 5 GB. Only the first `MAX_OCCURRENCES` of a term on each side are linked, so the
    links of a pair grow linearly with its length; a real clause repeats a term a few times.
    """
    links: list[Link] = []
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        get = anchors.targets[lang].get
        found = [(k, targets) for k, g in enumerate(p.grams[lang]) if (targets := get(g))]
        if not found:
            continue
        there = {g: k for k, g in enumerate(p.grams[other])}
        spans_there: dict[int, list[tuple[int, int]]] = {}  # a target of several sources
        for k, targets in found:
            spans = None
            for t in targets:
                at = there.get(t)
                if at is None:
                    continue
                ts = spans_there.get(at)
                if ts is None:
                    ts = spans_there[at] = p.spans_at(other, at)[:MAX_OCCURRENCES]
                spans = p.spans_at(lang, k)[:MAX_OCCURRENCES] if spans is None else spans
                if lang == "zh":
                    links.extend([(a, b, c, d) for a, b in spans for c, d in ts])
                else:
                    links.extend([(c, d, a, b) for a, b in spans for c, d in ts])
    folded, kanji = p.folded["zh"], anchors.kanji
    for k, j in enumerate(p.grams["ja"]):
        key = kanji.get(j)
        if key is not None and key in folded:
            spans = p.spans_at("ja", k)[:MAX_OCCURRENCES]
            for at in islice(_occurrences(folded, key), MAX_OCCURRENCES):
                links.extend([(at, at + len(key), a, b) for a, b in spans])
    return links


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Starts of the non-overlapping occurrences of `word` in `text`, left to right (what
    `re.finditer` finds; a pattern per n-gram overflowed `re`'s cache and recompiled)."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


def _gaps_in_pair(p: Pair, links: list[Link]) -> list[tuple[str, str]]:
    """(zh run, ja compound) for each unexplained zh run with one consistent ja gap."""
    zh, ja = p.text["zh"], p.text["ja"]
    zh_marked = _marks(len(zh), [(a, b) for a, b, _, _ in links])
    ja_marked = _marks(len(ja), [(a, b) for _, _, a, b in links])
    placed = _placed(p)
    out = []
    for zs, ze in _unexplained_runs(p, zh_marked):
        left = {x[3] for x in links if x[1] == zs and placed(x)} if _han_at(zh, zs - 1) else None
        right = {x[2] for x in links if x[0] == ze and placed(x)} if _han_at(zh, ze) else None
        gaps = _ja_gaps(ja, ja_marked, left, right)
        if len(gaps) == 1:
            a, b = gaps.pop()
            if fold(zh[zs:ze]) != fold(ja[a:b]) and _is_term(p, (zs, ze), (a, b)):
                out.append((zh[zs:ze], ja[a:b]))
    return out


def _placed(p: Pair) -> Callable[[Link], bool]:
    """Whether a link can place a gap: its Chinese surface occurs no more often in the
    pair than its Japanese one. A term said twice in Chinese and once in Japanese
    (建设…建设 ↔ 構築…建設) was translated otherwise once, and which of its occurrences
    the Japanese word is, the learner cannot tell: anchored on the wrong one,
    以云计算平台 read データセンター. (Said more often in Japanese is harmless: each
    Japanese occurrence is tried, and the gap must be one.) Such links still explain
    their characters (no gap is read inside them)."""
    zh, ja = p.text["zh"], p.text["ja"]

    @cache
    def counts(z: str, j: str) -> bool:
        return zh.count(z) <= ja.count(j)

    return lambda x: counts(zh[x[0] : x[1]], ja[x[2] : x[3]])


def _han_at(text: str, i: int) -> bool:
    """Is there a Han character at `i` (False off either end: the clause edge)?"""
    return 0 <= i < len(text) and HAN.match(text[i]) is not None


def _marks(n: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    marked = [False] * n
    for a, b in spans:
        marked[a:b] = [True] * (b - a)
    return marked


def _unexplained_runs(p: Pair, marked: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of adjacent zh words with no explained character, of term length."""
    runs: list[tuple[int, int]] = []
    for s, e in p.words("zh"):
        if any(marked[s:e]):
            continue
        if runs and runs[-1][1] == s:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    lo, hi = GAP_ZH_CHARS
    zh = p.text["zh"]
    return [(s, e) for s, e in runs if lo <= e - s <= hi and _ALL_HAN.fullmatch(zh[s:e])]


def _ja_gaps(
    ja: str, marked: list[bool], left: set[int] | None, right: set[int] | None
) -> set[tuple[int, int]]:
    """Unexplained kanji/katakana stretches of the ja side between the anchors' counterparts.

    `None` for a side means the zh run touches punctuation or the clause edge there; the
    ja stretch must then reach a compound edge too. At least one side must be anchored.
    """
    if left is None and right is None:
        return set()
    starts = left if left is not None else {_compound_start(ja, marked, b) for b in right or ()}
    ends = right if right is not None else {_compound_end(ja, marked, a) for a in starts}
    gaps = set()
    for a, b in product(starts, ends):
        if a < b and not any(marked[a:b]) and _COMPOUND.fullmatch(ja[a:b]):
            gaps.add((a, b))
    return gaps


def _compound_start(ja: str, marked: list[bool], b: int) -> int:
    """Start of the unexplained compound ending at `b` (−1 if an anchor interrupts it)."""
    a = b
    while a > 0 and _COMPOUND.match(ja[a - 1]) and not marked[a - 1]:
        a -= 1
    return -1 if a > 0 and _COMPOUND.match(ja[a - 1]) else a


def _compound_end(ja: str, marked: list[bool], a: int) -> int:
    """End of the unexplained compound starting at `a` (−1 if an anchor interrupts it)."""
    b = a
    while b < len(ja) and _COMPOUND.match(ja[b]) and not marked[b]:
        b += 1
    return -1 if b < len(ja) and _COMPOUND.match(ja[b]) else b


def _is_term(p: Pair, zh: tuple[int, int], ja: tuple[int, int]) -> bool:
    """The ja stretch is one n-gram (word boundaries at both ends), not a kanji fragment
    of the Chinese run, and both sides start with a word of two or more characters (a
    single character there is a preposition like 为 or a suffix like 的 of a neighbour)."""
    a, b = ja
    text = p.text["ja"][a:b]
    if (a, b) not in p.spans("ja", text):
        return False
    if _ALL_HAN.fullmatch(text) and 2 * len(text) < zh[1] - zh[0]:
        return False  # a kanji rendering is about as long as the Chinese, not a fragment
    first = {"zh": _word_at(p.words("zh"), zh[0]), "ja": _word_at(p.words("ja"), a)}
    return all(w is not None and w[1] - w[0] >= 2 for w in first.values())


def _word_at(words: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    return next((w for w in words if w[0] == start), None)
