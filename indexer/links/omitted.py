"""Words the translation leaves out: no mark from a guess on a word seldom translated.

The aligner explains every word it can, so a word the translator left out (a determiner,
a sentence adverb, a light verb, a filler) still takes a neighbour as its "counterpart"
when nothing else is free: 这个 ↔ 乗り切ろう, 还是 ↔ 頼り. Whether a word usually has
a counterpart at all is learned from the text itself: the share of a word's *other*
occurrences (in the other distinct pairs of its document, `learn_links` gives each
pair's) that any link covers. A word the links leave out most of the time is one this
document's translations usually leave out; another document's habits do not decide it.

`drop_seldom_linked` is the switch `omitted` of `learn_links` (`skip={"omitted"}` leaves
every link in; `bench/bench_passes.py` prints what it is worth).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from indexer.links.pair_words import PairTokens, Side
from storage.links_file import Link

GUESS = frozenset("aA")  # codes of the aligner alone: no evidence of what the words mean
MIN_OTHERS = 4  # other occurrences needed before a word's record says anything
MIN_LINKED = 0.6  # share of those a word must be linked in to count as translated


def drop_seldom_linked(
    pairs: Sequence[PairTokens],
    links: Sequence[list[Link]],
    group: Sequence[int] | None = None,
) -> list[list[Link]]:
    """Drop a link that rests on the aligner alone (codes `a`/`A` only) when, on either
    side, every content word it touches is one its document seldom links: among its other
    occurrences (at least `MIN_OTHERS`, counted over the distinct pairs), fewer than
    `MIN_LINKED` are covered by a link. Such a guess is how a word the translation leaves
    out, or a filler on the other side, gets a mark; below this evidence there is no mark
    rather than a `probable` one. A link with any evidence (a dictionary, a kanji in
    common, the glossary, a name) is kept, and so is one on a word seen too rarely to say.

    `links[n]` are the span links of `pairs[n]`; the result is in the same order. With
    `group` (each pair's document, `documents.groups`), a word's record is its record in
    the pair's own document: how one document's translations treat a word does not
    decide another's marks.
    """
    group = group if group is not None else [0] * len(pairs)
    seen: Counter[tuple[int, str, str]] = Counter()
    linked: Counter[tuple[int, str, str]] = Counter()
    for p, ls, g in zip(pairs, links, group, strict=True):
        for lang, s in (("zh", p.zh), ("ja", p.ja)):
            cov = _covered(s, ls, lang)
            for w, key in enumerate(s.keys):
                if not s.function[w]:
                    seen[g, lang, key] += 1
                    linked[g, lang, key] += w in cov
    out = []
    for p, ls, g in zip(pairs, links, group, strict=True):
        kept = []
        for link in ls:
            if set(link[5]) <= GUESS and any(
                _all_seldom(s, (g, lang), link, seen, linked)
                for lang, s in (("zh", p.zh), ("ja", p.ja))
            ):
                continue
            kept.append(link)
        out.append(kept)
    return out


def _covered(s: Side, links: Sequence[Link], lang: str) -> set[int]:
    """Word indices of side `s` that a link's span overlaps (a link narrowed to part of a
    word, `spans.kanji_span`, still links the word); linear in the text and the links."""
    a = 0 if lang == "zh" else 2
    mark = bytearray(len(s.text) + 1)
    for lk in links:
        mark[lk[a] : lk[a + 1]] = b"\x01" * (lk[a + 1] - lk[a])
    return {w for w, (ws, we) in enumerate(s.spans) if any(mark[ws:we])}


def _all_seldom(
    s: Side, where: tuple[int, str], link: Link, seen: Counter, linked: Counter
) -> bool:
    """Whether every content word of side `s` under `link` is seldom linked elsewhere in
    its document (`where`: the document and the side's language)."""
    g, lang = where
    a = 0 if lang == "zh" else 2
    words = [
        w
        for w, (ws, we) in enumerate(s.spans)
        if link[a] < we and ws < link[a + 1] and not s.function[w]
    ]
    return bool(words) and all(
        seldom(seen[g, lang, s.keys[w]], linked[g, lang, s.keys[w]]) for w in words
    )


def seldom(seen: int, linked: int) -> bool:
    """Whether a word seen `seen` times and linked `linked` times (this occurrence, linked,
    included) is linked in fewer than `MIN_LINKED` of its other occurrences.

    >>> seldom(9, 4), seldom(4, 1), seldom(12, 11)
    (True, False, False)
    """
    others = seen - 1
    return others >= MIN_OTHERS and (linked - 1) < MIN_LINKED * others
