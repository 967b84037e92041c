"""The words of one aligned pair that links are made between, with what each needs.

Links join the words the query analyzers keep (`mode="query"`: particles and punctuation
dropped), so that a query's span always meets the words a link starts from. Each word
carries its folded form (贸易 and 貿易 alike, Latin lowercased) as its vocabulary key, and
a katakana word its English origin from UniDic's lemma (データ-data): the loanword
evidence. Identical pairs (the same clause in several documents) are tokenised once.

jieba keeps many compounds whole (加强指导, 若干意见, 请示报告) where the translation splits
them (指導を強化, 若干の意見): a Chinese word of four or more characters that dictionary
words of two or more characters tile exactly is linked as those words (`split`), and
`spans` merges linked neighbours back into one mark when they translate together. Each
piece keeps the compound it came from, whose dictionary glosses it shares (基础|设施 is
"infrastructure", インフラ: development cases recall +0.002, wrong marks −0.002).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from analyzers import chinese, japanese
from analyzers.folding import fold
from analyzers.function_words import FUNCTION_ZH, is_function, kana_content  # noqa: F401
from analyzers.loanwords import loan_origin  # noqa: F401 (re-exported)
from analyzers.scripts import FULLWIDTH
from indexer.glossary.block_words import Segmenter
from indexer.records import Clause

Span = tuple[int, int]
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
# Conjunctions and adnominals in kana are looked up by no spelling: their lemmas' kanji
# (然し, 其の) are archaic spellings that meet chance dictionary entries.
_NOT_LOOKED_UP = frozenset({"接続詞", "連体詞"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")


@dataclass(frozen=True)
class Side:
    """One language side of a pair: text, word spans, folded word keys."""

    text: str
    spans: tuple[Span, ...]
    keys: tuple[str, ...]
    folded: str  # the text folded and lowercased (same length: offsets hold)
    function: tuple[bool, ...] = ()  # per word: a function word (see `is_function`)
    # per word: the folded compound jieba kept whole that `split` cut it from, else ""
    compound: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairTokens:
    """A distinct aligned pair and the clause ids that share its text."""

    ids: tuple[str, ...]
    zh: Side
    ja: Side


def side(text: str, lang: str, segment: Segmenter | None = None) -> Side:
    """Tokenise one side in query mode; keys are folded and lowercased surfaces.

    With `segment`, the Chinese is cut by its cache of jieba's blocks (the same words,
    `block_words`), and the words of both sides are left in it for the glossary learner
    that reads the same texts (`documents.own_lexicons`)."""
    cut: tuple[Span, ...] = ()
    if lang == "zh" and segment is not None:  # (width folding is one character for one)
        cut = tuple(_shared(_SPANS, w) for w in segment.words(text, "zh"))
        wide = text.translate(FULLWIDTH)
        words = [(wide[s:e].lower(), s, e) for s, e in cut]
    else:
        words = (chinese.words if lang == "zh" else japanese.words)(text, mode="query")
    folded = fold(text).lower()
    whole: list[str] = []
    if lang == "zh":
        pieces = [(word, split(*word)) for word in words]
        words = [w for _, ws in pieces for w in ws]
        whole = [folded[s:e] if len(ws) > 1 else "" for (_, s, e), ws in pieces for _ in ws]
    spans = tuple(_shared(_SPANS, (s, e)) for _, s, e in words)
    if segment is not None:  # the words before `split`: the query analyzer's
        segment.remember(text, lang, cut if lang == "zh" else spans)
    keys = tuple(sys.intern(folded[s:e]) for s, e in spans)
    function = tuple(is_function(k, lang) for k in keys)
    compound = tuple(map(sys.intern, whole)) or ("",) * len(keys)
    return Side(text, spans, keys, folded, function, compound)


# Memory: the words of all pairs are held at once (Model 1 runs over all of them), and
# most are the same few thousand words and offsets; each is stored once (the same values).
_SPANS: dict[Span, Span] = {}


def _shared(table: dict[Span, Span], span: Span) -> Span:
    return table.setdefault(span, span)


def distinct_pairs(clauses: Sequence[Clause], segment: Segmenter | None = None) -> list[PairTokens]:
    """Pairs with both sides, each distinct (zh, ja) text once, in first-seen order
    (`segment`: see `side`)."""
    ids: dict[tuple[str, str], list[str]] = {}
    for c in clauses:
        if c.zh and c.ja:
            ids.setdefault((c.zh, c.ja), []).append(c.id)
    return [
        PairTokens(tuple(v), side(z, "zh", segment), side(j, "ja", segment))
        for (z, j), v in ids.items()
    ]


def split(word: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """A Chinese compound as the fewest dictionary words of ≥ 2 characters tiling it,
    else whole.

    >>> split("加强指导", 0, 4)
    [('加强', 0, 2), ('指导', 2, 4)]
    >>> split("试点", 5, 7)
    [('试点', 5, 7)]
    """
    pieces = _tiling(word) if len(word) >= 4 else None
    if not pieces:
        return [(word, start, end)]
    out, at = [], start
    for piece in pieces:
        out.append((piece, at, at + len(piece)))
        at += len(piece)
    return out


@lru_cache(maxsize=65536)
def _tiling(word: str) -> tuple[str, ...] | None:
    freq = chinese.segmenter().FREQ
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for j in range(2, len(word) + 1):
        for i in range(j - 2, -1, -1):
            prev, here = best[i], best[j]
            whole = (i, j) == (0, len(word))
            if prev is None or whole or not freq.get(word[i:j]):
                continue
            if here is None or len(prev) + 1 < len(here):
                best[j] = (*prev, word[i:j])
    return best[len(word)]


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """The dictionary form UniDic gives a Japanese word parsed alone (話せ → 話す, 買っ →
    買う), else "": dictionaries list verbs and adjectives in that form, text conjugates."""
    if not word or _KATAKANA.fullmatch(word):
        return ""
    nodes = list(japanese.tagger()(word))
    if len(nodes) != 1 or len(nodes[0].feature) <= 10:
        return ""
    base = nodes[0].feature[10]
    return base if base and base != word and base != "*" else ""


@lru_cache(maxsize=65536)
def kana_lemma(word: str) -> str:
    """The kanji spelling UniDic's lemma gives a Japanese word written in hiragana, parsed
    alone (だれ → 誰, やみ → 闇, つかわし → 遣わす), else "". Dictionaries list such a
    word under its kanji, and a translation that spells it in kana (a literary or
    spoken register) otherwise meets none of the evidence a kanji word has.

    >>> kana_lemma("だれ"), kana_lemma("つかわし"), kana_lemma("報酬"), kana_lemma("いる")
    ('誰', '遣わす', '', '')
    """
    found = kana_content(word)
    if not found or found[0] in _NOT_LOOKED_UP or not _HAN.search(found[1]):
        return ""
    return found[1]
