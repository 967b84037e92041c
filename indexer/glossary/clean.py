"""Cleaning: learned entries that are fragments or collocations, not translations.

Dice and the single-pair learners can pair a term with a piece of its rendering or with
a neighbour's words. An entry is dropped when (learned entries only; folding and curated
ones stay):
- the Chinese side starts or ends with a function word (的十九大, 在京: 的 and 在 belong
  to the sentence, not the term);
- the Japanese side starts or ends with a conjunction or particle (代表大会および十九);
- the katakana side is only ever written inside a longer katakana word (高端 → ハイ of
  ハイエンド, 自主 → セルフ of セルフ…): it is a fragment of the real counterpart;
- the two sides differ in length beyond any translation (新一轮服务业扩大开放 → 新た);
- one side starts or ends with a kanji word written the same (after folding) as a word
  the other side of every pair it came from has outside the entry (一批 → 国際協力: 国際
  is 国际, said beside 一批): that edge is a neighbour's translation, not the term's.
"""

from __future__ import annotations

import re

from indexer.glossary.enumerations import JA_CONJ, ZH_FUNCTION
from indexer.glossary.evidence import Glossary, Stats

MAX_RATIO = 4.0  # chars of the longer side per char of the shorter one, at most (katakana ⅓)
_KATA = re.compile(r"[\u30a1-\u30fa\u30fc]")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]+")
_JA_EDGE = re.compile(r"^(?:" + "|".join(JA_CONJ) + r")|(?:" + "|".join(JA_CONJ) + r")$")


def clean(stats: Stats, gloss: Glossary) -> int:
    """Drop fragment and collocation entries in both directions; return how many."""
    bad = {
        (z, e["target"])
        for z, es in gloss["zh"].items()
        for e in es
        if e["origin"] == "learned" and _bad(stats, z, e["target"])
    }
    bad |= {
        (e["target"], j)
        for j, es in gloss["ja"].items()
        for e in es
        if e["origin"] == "learned" and _bad(stats, e["target"], j)
    }
    for z, j in bad:
        for lang, src, tgt in (("zh", z, j), ("ja", j, z)):
            kept = [e for e in gloss[lang].get(src, []) if e["target"] != tgt]
            if kept:
                gloss[lang][src] = kept
            else:
                gloss[lang].pop(src, None)
    return len(bad)


def _bad(stats: Stats, zh: str, ja: str) -> bool:
    # Katakana spells a word in about three times the characters kanji do.
    ja_len = len(ja) - 2 / 3 * len(_KATA.findall(ja))
    longer, shorter = max(len(zh), ja_len), max(1.0, min(len(zh), ja_len))
    return (
        _function_edge(stats, zh)
        or bool(_JA_EDGE.search(ja))
        or longer / shorter > MAX_RATIO
        or _katakana_fragment(stats, ja)
        or _neighbour_edge(stats, zh, ja)
    )


def _neighbour_edge(stats: Stats, zh: str, ja: str) -> bool:
    """Does an edge word of one side, a kanji word of two characters or more, occur by
    its folded form on the other side of every pair the entry comes from, outside the
    entry's own other side?"""
    pairs: set[int] | None = None
    for here, lang, there, other in ((ja, "ja", "zh", zh), (zh, "zh", "ja", ja)):
        words = stats.words_in(here, lang)
        own = stats.fold(other)
        for w in {words[0], words[-1]} if len(words) > 1 else ():
            if len(w) < 2 or not _KANJI.fullmatch(w) or w in own:
                continue
            if pairs is None:
                pairs = set(stats.posting["zh"].get(zh, ())) & set(stats.posting["ja"].get(ja, ()))
            if pairs and all(w in stats.pairs[n].folded[there] for n in pairs):
                return True
    return False


def _function_edge(stats: Stats, zh: str) -> bool:
    words = [zh[a:b] for a, b in stats.segment.gram_words(zh, "zh")]
    return bool(words) and len(words) > 1 and (words[0] in ZH_FUNCTION or words[-1] in ZH_FUNCTION)


def _katakana_fragment(stats: Stats, ja: str) -> bool:
    """Is `ja` katakana-edged and, in every pair it occurs in, glued to more katakana?"""
    if not (_KATA.match(ja[0]) or _KATA.match(ja[-1])):
        return False
    ids = stats.posting["ja"].get(ja, [])
    for i in ids:
        p = stats.pairs[i]
        text = p.text["ja"]
        for a, b in p.spans("ja", ja):
            before = a > 0 and _KATA.match(text[a - 1]) and _KATA.match(ja[0])
            after = b < len(text) and _KATA.match(text[b]) and _KATA.match(ja[-1])
            if not (before or after):
                return False
    return bool(ids)
