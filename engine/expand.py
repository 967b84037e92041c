"""Turn a parsed plan into a query tree over both languages, and the needles to mark.

Each term is analysed in its language(s) (kana ⇒ Japanese; Han or Latin ⇒ both, unless
the character forms say which), folded so simplified, traditional and Japanese kanji meet,
and expanded through the learned glossary to the other language. Alternatives are OR-ed
with boosts that encode the ranking policy: the exact word or phrase first, glossary
counterparts next, folded character n-grams (any substring) last. The words of a
multi-word Chinese term taken apart (a loose AND), or some of them (a loose OR), are an
alternative only on request (`loose`).

The tree (`engine.tree` nodes) is what the engine evaluates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from analyzers import chinese, japanese, ngrams
from analyzers.detect import guess_language, query_languages
from analyzers.folding import chinese_spelling, fold
from analyzers.function_words import is_function
from analyzers.langs import other
from engine import tree as E
from engine.glossary_index import GlossaryIndex, supported
from engine.highlight import Needles, fold_key
from engine.marking import TermNeedles
from engine.query import Plan, Term, joined

BOOST_EXACT = 3.0
BOOST_GLOSSARY = 2.0
BOOST_LOOSE = 0.6
# How far a term's words may stray when nothing matches as written (`expand(loose=…)`),
# in the order the engine tries them; also the match status the result reports.
LOOSE_APART, LOOSE_WORDS = "apart", "words"
BOOST_BIGRAM = 0.3
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
NGRAM_FIELD = "han"  # all-script n-grams of both texts (storage.schema)
MIN_EXPANSION_SCORE = 0.45
MAX_EXPANSIONS = 2

WordsFn = Callable[..., list[tuple[str, int, int]]]
ANALYSE: dict[str, WordsFn] = {"zh": chinese.query_words, "ja": japanese.words}


@dataclass
class Expansion:
    """The query tree and everything the result reports about how it was built.

    `groups` (OR inside each) and `excluded` are kept so that the strict tier (AND of
    groups) and the relaxed one (OR of groups) come from one analysis: see `node_for`.
    """

    node: E.Node
    needles: list[TermNeedles]
    terms: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "ja": []})
    expansions: list[dict[str, Any]] = field(default_factory=list)
    groups: list[E.Node] = field(default_factory=list)
    excluded: E.Node | None = None
    loosenable: bool = False  # some term is several Chinese words: `loose` may find more

    def node_for(self, any_group: bool) -> E.Node:
        """AND of the groups (OR when `any_group`), minus the exclusions."""
        if not self.groups:
            q: E.Node = E.Every()
        elif len(self.groups) == 1:
            q = self.groups[0]
        else:
            q = E.Or(tuple(self.groups)) if any_group else E.And(tuple(self.groups))
        return q if self.excluded is None else E.AndNot(q, self.excluded)


def expand(
    plan: Plan,
    gloss: GlossaryIndex,
    lang: str = "auto",
    any_group: bool = False,
    loose: str = "",
) -> Expansion:
    """Build the query for `plan`: AND of groups (OR when `any_group`), minus exclusions.

    What is typed without a space is one term and must match as written (a phrase of its
    words). `loose="apart"` also accepts a Chinese term's words apart, anywhere in the
    clause: the engine asks for that only when nothing matches as written, so a term lookup
    (跨境电商) never mixes in clauses that merely mention 跨境 … 电商. `loose="words"`
    accepts any of its words (a pasted run whose words never meet, 资金跨境流通): asked
    only when even that finds nothing.
    """
    out = Expansion(E.NOTHING, [])
    out.groups = [E.Or(tuple(_term(t, lang, gloss, out, loose) for t in g)) for g in plan.groups]
    if plan.excluded:
        scratch = Expansion(E.NOTHING, [])
        out.excluded = E.Or(tuple(_term(t, lang, gloss, scratch, loose) for t in plan.excluded))
    out.node = out.node_for(any_group)
    return out


def _term(t: Term, lang: str, gloss: GlossaryIndex, out: Expansion, loose: str) -> E.Node:
    sides = [t.field] if t.field else _langs(t.text, lang)
    primary = sides[0] if len(sides) == 1 else _written_in(t.text, gloss)
    tn = TermNeedles(t.text, primary)
    out.needles.append(tn)
    alts: list[E.Node] = []
    for side in sides:
        text = chinese_spelling(t.text) if side == "zh" else t.text
        analysed = ANALYSE[side](text, mode="query")
        words = [fold(w) for w, _, _ in analysed]
        if not words:
            continue
        out.terms[side].extend(w for w in words if w not in out.terms[side])
        needles = tn.variant[side]
        needles.add_surface(t.text)
        needles.add_surface(text)
        if side == "ja":
            needles.sequences.add(tuple(fold_key(w) for w in words))
        if t.prefix:
            alts.append(_prefix(side, words))
            continue
        alts.append(_phrase(side, words, BOOST_EXACT))
        if len(words) > 1 and not t.phrase and side == primary:
            out.loosenable = True
            if loose == LOOSE_WORDS or (loose and side == "zh"):
                some = loose == LOOSE_WORDS
                alts.append(_loose(side, text, analysed, tn.variant[side], some))
    if not t.field:
        alts.extend(_glossary(t.text, sides, gloss, out, tn))
    else:
        # `zh:跨境` searches one side, but its translation is marked as for `跨境`: the
        # glossary's counterparts become needles without widening the query.
        _glossary(t.text, sides, gloss, Expansion(E.NOTHING, []), tn)
    if not t.prefix:
        # Every term is also looked up as a substring over all scripts (ウェア in
        # ソフトウェア); `engine.recall` ranks and flags clauses found only this way.
        # A term for one side (ja:ウェア) is checked on that side's text.
        alts.extend(_ngrams(t.text, tn, t.field))
    return E.Or(tuple(alts))


def _langs(text: str, lang: str) -> tuple[str, ...]:
    """The analyzers a term goes through.

    Kana means Japanese. Han-only text goes through both, unless its character forms
    give it away (务 exists only in simplified Chinese, 単 only in Japanese): then the
    other segmenter would only cut characters it does not know into noise (服务业 →
    服|務業), and the other side is reached by folded bigrams and the glossary instead.
    Japanese or traditional forms with a Chinese spelling folding accepts (知識産権 →
    知识产权, `chinese_spelling`) are also that Chinese term: the Chinese side analyses
    the spelling, so a spelling variant finds, marks and expands as the term does.
    """
    found = query_languages(text)
    if lang in ("zh", "ja") and lang in found:
        return (lang,)
    if len(found) > 1 and (guessed := guess_language(text)) in found:
        if guessed == "ja" and chinese_spelling(text) != text:
            return found
        return (guessed,)
    return found


def _written_in(text: str, gloss: GlossaryIndex) -> str:
    """The language a term searched on both sides is taken to be written in: the one
    the glossary knows it in (服務業 is the Chinese 服务业), else its character forms."""
    known = {lang for lang, _, e in gloss.lookup(text) if e["origin"] != "folding"}
    if len(known) == 1:
        return known.pop()
    return guess_language(text) or "zh"


def _phrase(side: str, words: list[str], boost: float) -> E.Node:
    return E.term(side, words, boost)


def _prefix(side: str, words: list[str]) -> E.Node:
    """The last word as a prefix (see `tree.MAX_PREFIX_TERMS` for the cap)."""
    last = E.Prefix(side, words[-1], boost=BOOST_EXACT)
    return last if len(words) == 1 else E.And((_phrase(side, words[:-1], 1.0), last))


def _loose(
    side: str, text: str, analysed: list[tuple[str, int, int]], needles: Needles, some: bool
) -> E.Node:
    """Every word of a multi-word Chinese term, anywhere in the clause (`some`: any of its
    content words, those of two or more characters that are no function word, else any:
    a lone character such as 产 of 知识产全 matches thousands of clauses that share
    nothing else with the term).

    Every word apart is for Chinese only: jieba's words are the units a reader means,
    while UniDic's short units cut one Japanese compound (ネガティブ|リスト, 外商|投資) into
    pieces that mean little alone. Some of the words (the last resort, when not even all
    of them occur) serves a Japanese run too (越境データ流通規制: 越境, データ, 流通,
    規制), a katakana word UniDic cut (クロス|ボーダー) kept whole as a phrase. Only the
    language the term is written in: a Chinese string cut by the Japanese analyzer gives
    meaningless pieces. No glossary here either: a word taken out of its compound
    (ネガティブ of ネガティブリスト) has no reliable counterpart of its own, and the aligned
    pair already carries the other language.
    """
    units = _units(analysed, katakana=some and side == "ja")
    if some:
        wanted = [u for u in units if len(text[u[0][1] : u[-1][2]]) >= 2 and not _grammar(u, side)]
        units = wanted or units
    parts = []
    for unit in units:
        parts.append(E.term(side, [fold(w) for w, _, _ in unit]))
        for w, a, b in unit:
            needles.add_surface(text[a:b])
            if side == "ja":
                needles.sequences.add((fold_key(w),))
    return (E.Or if some else E.And)(tuple(parts), boost=BOOST_LOOSE)


def _units(
    analysed: list[tuple[str, int, int]], katakana: bool
) -> list[list[tuple[str, int, int]]]:
    """The term's words, each alone, or (`katakana`) adjacent katakana words together."""
    out: list[list[tuple[str, int, int]]] = []
    for w in analysed:
        prev = out[-1][-1] if out else None
        if katakana and prev and prev[2] == w[1] and _KATAKANA.fullmatch(prev[0] + w[0]):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _grammar(unit: list[tuple[str, int, int]], side: str) -> bool:
    """A unit of one function word (的, する): no term to look for on its own."""
    return len(unit) == 1 and is_function(unit[0][0], side)


def _glossary(
    text: str,
    sides: tuple[str, ...] | list[str],
    gloss: GlossaryIndex,
    out: Expansion,
    tn: TermNeedles,
    boost: float = BOOST_GLOSSARY,
) -> list[E.Node]:
    """Counterparts of `text` in the other language, from the glossary: curated entries and
    learned ones with enough evidence (`glossary_index.supported`)."""
    alts: list[E.Node] = []
    taken = 0
    for src_lang, src, e in gloss.lookup(text):
        if src_lang not in sides or not supported(e) or e["score"] < MIN_EXPANSION_SCORE:
            continue
        target_lang = other(src_lang)
        words = list(_folded_words(target_lang, e["target"]))
        if not words:
            continue
        alts.append(_phrase(target_lang, words, boost))
        needles = tn.equivalent[target_lang]
        needles.add_surface(e["target"])
        if target_lang == "ja":
            needles.sequences.add(tuple(fold_key(w) for w in words))
        if not any(x["source"] == src and x["target"] == e["target"] for x in out.expansions):
            out.expansions.append(
                {"source": src, "source_lang": src_lang, "target_lang": target_lang, **e}
            )
        taken += 1
        if taken == MAX_EXPANSIONS:
            break
    return alts


@lru_cache(maxsize=8192)
def _folded_words(lang: str, text: str) -> tuple[str, ...]:
    """A glossary target's words as a query reads them, analysed once per process: the
    same few hundred entries expand query after query."""
    return tuple(fold(w) for w, _, _ in ANALYSE[lang](text, mode="query"))


def _tokens(text: str, runs: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """The spans of `text` to mark for its runs: runs joined inside a Latin token (`3.5`,
    `str.format`: `engine.query.JOINERS`) as one span, so that `str` alone, or the `3` of
    第3批, is not marked for it; other runs (2020 and 2025 of 2020-2025) one by one."""
    spans: list[tuple[int, int]] = []
    for run, start in runs:
        end = start + len(run)
        if spans and start == spans[-1][1] + 1 and joined(text, spans[-1][1]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _ngrams(text: str, tn: TermNeedles, side: str | None = None) -> list[E.Node]:
    """The recall layer: every run of the term as a verified substring (n-gram phrase).

    A term cut by punctuation or spaces inside it (2020-2025) needs each run somewhere in
    the clause; a one-character run is every n-gram starting with it (exact, uncapped).
    Both sides are marked: the n-gram field holds both texts.
    """
    parts: list[E.Node] = []
    found = list(ngrams.runs(text))
    for run, _ in found:
        if len(run) == 1:
            parts.append(E.Prefix(NGRAM_FIELD, run, BOOST_BIGRAM, limit=None))
        else:
            grams = ngrams.run_grams(run)
            parts.append(
                E.Phrase(NGRAM_FIELD, tuple(grams), BOOST_BIGRAM, ngrams.checked_grams(len(grams)))
                if len(grams) > 1
                else E.Term(NGRAM_FIELD, grams[0], BOOST_BIGRAM)
            )
    for a, b in _tokens(text, found):
        for lang in (side,) if side else ("zh", "ja"):
            tn.variant[lang].add_surface(text[a:b])
    if not parts:
        return []
    node = parts[0] if len(parts) == 1 else E.And(tuple(parts))
    if side:
        node = E.OnSide(node, side, tuple(run for run, _ in ngrams.runs(text)))
    return [node]
