"""Suggestions when a query finds nothing or little: other spellings the corpus does use.

A variant word (电子商务 where the corpus says 电商 / 電子商取引) finds nothing, and a bare
"no results" teaches the user nothing. Each suggester below proposes (text, lang, why)
for a query term; every proposal is checked against the index (a suggestion with no hit
is never shown) and reported as `{text, lang, hits, why}`:

- "folding": the kana spelling variants folding does not merge (hiragana ↔ katakana, a
  trailing long-vowel mark: サーバ / サーバー);
- "spelling": near spellings in the index vocabulary — glossary terms (with their
  surfaces) and the word fields' terms — sharing at least two characters, in order,
  with the term (an abbreviation such as 电商 of 电子商务 shares 电 and 商);
- "glossary": the glossary counterparts of the term and of those near spellings.

- "dictionary": corpus words CC-CEDICT gives the same specific sense (电子商务 → 电商),
  from a table each build keeps (`indexer.links.variants`), and their counterparts.

`SUGGESTERS` is the one registry.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from analyzers.folding import fold
from analyzers.langs import other
from engine.evaluate import Evaluator
from engine.expand import expand
from engine.glossary_index import GlossaryIndex, supported
from engine.highlight import fold_key
from engine.query import Plan, parse

FEW = 3  # fewer hits than this: suggest
MAX_SUGGESTIONS = 6
MIN_RATIO = 50.0  # rapidfuzz ratio (2·LCS / total length, in %) of a near spelling
REMEMBERED = 20_000  # candidates' hit counts kept per generation (~100 bytes each)
SURFACE_FROM = 5  # clauses read for a candidate's written form

Stored = Callable[[int], dict[str, Any]]


@dataclass
class Context:
    """What a suggester may read: the evaluator, the glossary, the vocabulary."""

    ev: Evaluator
    gloss: GlossaryIndex
    vocab: list[tuple[str, str]]  # (folded term, lang) of the glossary and word fields
    keys: list[str] = field(default_factory=list)  # the folded terms of `vocab`, in order
    variants: Callable[[str], list[str]] = lambda _: []  # dictionary senses (generation)


Suggester = Callable[[str, Context], Iterable[tuple[str, str, str]]]  # (text, lang, why)


def kana_variants(term: str, ctx: Context) -> Iterable[tuple[str, str, str]]:
    """Hiragana ↔ katakana and a trailing ー added or dropped (folding leaves these apart)."""
    shift = {0x3041 + i: 0x30A1 + i for i in range(0x56)}
    kata = term.translate(shift)
    hira = term.translate({v: k for k, v in shift.items()})
    for v in (kata, hira, term[:-1] if term.endswith("ー") else term + "ー"):
        if v != term and any("\u3041" <= c <= "\u30ff" for c in v):
            yield v, "ja", "folding"


def near_spellings(term: str, ctx: Context) -> Iterable[tuple[str, str, str]]:
    """Vocabulary terms sharing ≥ 2 characters in order with `term`, most similar first."""
    key = fold(term)
    if len(key) < 2:
        return
    from rapidfuzz import fuzz, process  # loaded when a query finds little, not at start

    keys = ctx.keys or [text for text, _ in ctx.vocab]
    # Plain strings, no Python `processor`: rapidfuzz then scores the whole list in C.
    found = process.extract(
        key, keys, scorer=fuzz.ratio, score_cutoff=MIN_RATIO, limit=MAX_SUGGESTIONS * 4
    )
    for _, _, i in found:
        text, lang = ctx.vocab[i]
        shared = _lcs(key, text)
        if shared >= 2 and text not in key and key not in text:
            yield text, lang, "spelling"
            for _, target, tlang in _counterparts(text, ctx):
                yield target, tlang, "glossary"


def glossary_neighbours(term: str, ctx: Context) -> Iterable[tuple[str, str, str]]:
    """The glossary's counterparts of the term itself (they may occur where it does not)."""
    for _, target, tlang in _counterparts(term, ctx):
        yield target, tlang, "glossary"


def dictionary_variants(term: str, ctx: Context) -> Iterable[tuple[str, str, str]]:
    """Corpus words CC-CEDICT gives a sense of the term (电子商务 → 电商), from the table a
    build keeps (`indexer.links.variants`), and their glossary counterparts."""
    for word in ctx.variants(fold(term)):
        yield word, "zh", "dictionary"
        for _, target, tlang in _counterparts(word, ctx):
            yield target, tlang, "glossary"


SUGGESTERS: list[Suggester] = [
    kana_variants,
    glossary_neighbours,
    dictionary_variants,
    near_spellings,
]


def suggest(
    ev: Evaluator,
    gloss: GlossaryIndex,
    stored: Stored,
    plan: Plan,
    total: int,
    lang: str,
    variants: Callable[[str], list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Up to MAX_SUGGESTIONS `{text, lang, hits, why}` when `total` is below FEW."""
    if total >= FEW or not plan.terms:
        return []
    vocab = vocabulary(ev, gloss)
    ctx = Context(ev, gloss, vocab, _KEYS.get(ev.stats, []), variants or (lambda _: []))
    asked = {fold_key(t.text) for t in plan.terms}
    out: list[dict[str, Any]] = []
    for t in plan.terms:
        typed = fold_key(t.text)
        for fn in SUGGESTERS:
            for text, tlang, why in fn(t.text, ctx):
                key = fold_key(text)
                # a piece of what was typed (商务 of 电子商务) is no correction of it
                if key in asked or key in typed or len(out) >= MAX_SUGGESTIONS:
                    continue
                asked.add(key)
                hits, first = _hits(ev, gloss, text, tlang)
                if hits > total:
                    out.append(
                        {"text": _surface(text, tlang, first, stored), "lang": tlang,
                         "hits": hits, "why": why}
                    )  # fmt: skip
    return out


def _hits(ev: Evaluator, gloss: GlossaryIndex, text: str, lang: str) -> tuple[int, list[int]]:
    """How many clauses a candidate finds, and its first few (for `_surface`).

    Remembered per generation (at most `REMEMBERED` candidates, then forgotten at once):
    candidates come from the vocabulary and the glossary, a finite set that queries
    finding little keep proposing, and each costs a full expansion and evaluation."""
    memo = _HITS.setdefault(ev.stats, {})
    got = memo.get((text, lang))
    if got is None:
        docs = sorted(ev.docs(expand(parse(text), gloss, lang).node))
        if len(memo) >= REMEMBERED:
            memo.clear()
        got = memo[text, lang] = (len(docs), docs[:SURFACE_FROM])
    return got


def _counterparts(term: str, ctx: Context) -> list[tuple[str, str, str]]:
    """(source, target, target language) of curated or well-supported learned entries: a
    suggestion is offered as a correction, so it never rests on a pair or two."""
    return [
        (src, e["target"], other(lang)) for lang, src, e in ctx.gloss.lookup(term) if supported(e)
    ][:2]


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (characters shared in order)."""
    row = [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if ca == cb else max(row[j], row[j - 1])
    return row[-1]


def _surface(term: str, lang: str, docs: list[int], stored: Stored) -> str:
    """How a (folded) vocabulary term is written in the corpus: its first occurrence."""
    key = fold_key(term)
    for n in docs[:SURFACE_FROM]:
        text = stored(n).get(f"{lang}_text") or ""
        at = fold_key(text).find(key)
        if at >= 0:
            return text[at : at + len(term)]
    return term


_HITS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], tuple[int, list[int]]]] = (
    weakref.WeakKeyDictionary()
)
_VOCAB: weakref.WeakKeyDictionary[Any, list[tuple[str, str]]] = weakref.WeakKeyDictionary()
_KEYS: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def vocabulary(ev: Evaluator, gloss: GlossaryIndex) -> list[tuple[str, str]]:
    """Folded terms of the word fields (length ≥ 2) and the glossary, once per generation.

    Only glossary sources with a supported entry: a learned phrase seen in a pair or two
    (完善知识产权) is no spelling to propose for a typo (知识产全)."""
    got = _VOCAB.get(ev.stats)
    if got is None:
        terms: dict[str, str] = {}
        for lang, src in gloss.sources():
            if any(supported(e) for l2, s2, e in gloss.lookup(src) if (l2, s2) == (lang, src)):
                terms.setdefault(fold(src), lang)
        for lang in ("zh", "ja"):
            for text in ev.index.lexicon(lang):
                if len(text) >= 2 and not text.isascii():
                    terms.setdefault(text, lang)
        got = _VOCAB[ev.stats] = list(terms.items())
        _KEYS[ev.stats] = list(terms)
    return got


__all__ = ["SUGGESTERS", "suggest", "vocabulary"]
