"""Evidence that a Chinese word and a Japanese word of one pair translate each other.

Each source names word pairs (i, k) of one aligned pair with a one-letter code; the
aligner (`model1`) uses them as priors and every link reports the codes it rests on:

- C curated pair (`data/glossary.tsv`), always wins; a `!` entry blocks (code X);
- G the learned glossary (association statistics, gaps, enumerations) of `indexer.glossary`,
  learned on the pair's own document (`documents.own_lexicons`); g an entry of it that
  Dice found in two pairs only (weak: see `_glossary`);
- I the same kanji after folding (贸易 = 貿易); N the same Latin word or number (AI, 2020),
  or a short form the dictionary gives for the other side's term (SaaS: 软件即服务,
  "software as a service (SaaS)"; see `_short_forms`);
- K a shared kanji (知识产权 ↔ 財産: partial, weak);
- D the dictionary pivot (CC-CEDICT, zh → en ← ja kanji read as Chinese);
- J a Chinese and a Japanese word run that share a whole English sense in CC-CEDICT and
  JMdict (海关 ↔ 税関, "customs"; 帮派 ↔ ギャング; `dictionary.ja_pairs`);
- L a katakana loanword whose English origin is a gloss of the Chinese word (数据 ↔ データ),
  or an English word the Japanese keeps alone (性能 ↔ Performance; `_in_phrase`);
- T a katakana word that spells a Chinese or Latin name (イワノフ ↔ 伊万诺夫, `names`);
- P a parenthetical gloss the translator added after a term (ネガティブリスト（负面清单）);
- O a word pair learned offline from open parallel text (`dictionary.parallel_pairs`:
  Model 1 both ways over tens of thousands of outside sentence pairs; a prior only).

- R a Japanese word written in hiragana (だれ, つかわし, はと) and a Chinese word JMdict
  pairs with the kanji spelling UniDic's lemma gives it (誰 for 谁, 遣わす for 差, 鳩 for
  鸽子; `pair_words.kana_lemma`): as J, but no prior of the aligner (see `learn.WEIGHTS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyzers.folding import fold
from indexer.dictionaries.cedict import is_acronym
from indexer.glossary import Glossary, read_curated
from indexer.glossary.gaps import CONFIDENT
from indexer.links.names import name_cells
from indexer.links.pair_words import PairTokens, Side, base_form, kana_lemma, loan_origin

Cell = tuple[int, int]  # (zh word index, ja word index)
MAX_RUN = 5  # longest run of words a glossary surface is looked up as
CHANCE_PAIRS = 2  # a learned entry from this many pairs only is weak evidence (code g)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_LATIN_OR_NUMBER = re.compile(r"[0-9a-z][0-9a-z.+\-%]*")
_PAREN = re.compile(r"[（(]([^（）()]{1,30})[）)]")
_TWO_CAPITALS = re.compile(r"[A-Z].*[A-Z]", re.S)
_ENGLISH_WORD = re.compile(r"[a-z]{3,}")
_LATIN_BESIDE = re.compile(r"(?:.*[A-Za-z] \|)|(?:.*\| [A-Za-z])")


@dataclass
class Knowledge:
    """Corpus-wide evidence tables the per-pair sources look words up in."""

    gloss: Glossary
    curated: dict[tuple[str, str], bool] = field(default_factory=dict)  # (zh, ja) → blocked
    english: dict[str, frozenset[str]] = field(default_factory=dict)  # folded word → glosses
    short: dict[str, frozenset[str]] = field(default_factory=dict)  # folded term → acronyms
    ja_pairs: dict[str, str] = field(default_factory=dict)  # folded zh → JMdict partners
    parallel: dict[str, frozenset[str]] = field(default_factory=dict)  # zh → learned ja
    # Lookups every pair repeats, made once per word or surface (`_glosses`, `_entries`):
    # the per-pair sources ran them per word pair, half the learner's time at 100x.
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    # The same for `gloss` alone (`_entries`): a copy with another glossary gets its own
    # (`documents.own_lexicons`) and shares `memo`, which knows nothing of the glossary.
    gloss_memo: dict = field(default_factory=dict, repr=False, compare=False)


def read_lexicon(
    gloss: Glossary,
    curated: Path | None,
    english: dict,
    short: dict | None = None,
    ja_pairs: dict | None = None,
    parallel: dict | None = None,
) -> Knowledge:
    """The lexicon with curated pairs folded, so that 貿易 in the file matches 贸易."""
    cur: dict[tuple[str, str], bool] = {}
    if curated is not None and curated.is_file():
        for blocked, zh, ja in read_curated(curated):
            cur[fold(zh).lower(), fold(ja).lower()] = blocked
    return Knowledge(gloss, cur, english, short or {}, ja_pairs or {}, parallel or {})


@lru_cache(maxsize=4096)
def runs(s: Side) -> tuple[tuple[int, int, str], ...]:
    """(first word, last word + 1, folded surface) of each run of adjacent words (cached:
    every source looks the same pair's runs up)."""
    out = []
    starts = [a for a, _ in s.spans]
    ends = [b for _, b in s.spans]
    folded, n = s.folded, len(starts)
    for a in range(n):
        first, b, last = starts[a], a + 1, min(a + MAX_RUN, n)
        out.append((a, b, folded[first : ends[a]]))
        while b < last and ends[b - 1] == starts[b]:  # the next word touches the run
            b += 1
            out.append((a, b, folded[first : ends[b - 1]]))
    return tuple(out)


Runs = tuple[tuple[int, int, str], ...]
JaRuns = dict[str, list[tuple[int, int]]]  # folded surface → (first word, last word + 1)
Glossed = list[tuple[int, str, frozenset[str]]]  # (zh word, key, glosses) with glosses


def evidence(p: PairTokens, lex: Knowledge, skip: frozenset[str] = frozenset()) -> dict[Cell, str]:
    """Every cell with evidence, and its codes (sources in `skip` left out: ablation).

    What several sources look up (the runs of both sides, the Chinese words' glosses) is
    made once per pair here, not once per source or per word pair."""
    zr = runs(p.zh)
    jr = runs(p.ja)
    ja_runs: JaRuns = {}
    for c, d, j in jr:
        ja_runs.setdefault(j, []).append((c, d))
    glossed = [
        (i, z, g) for i, z in enumerate(p.zh.keys) if (g := _glosses(lex, z, p.zh.compound[i]))
    ]
    lemmas = {} if "R" in skip else kana_lemmas(p.ja)
    cells: dict[Cell, str] = {}
    for code, found in (
        ("C", _curated(zr, ja_runs, lex, blocked=False)),
        ("X", _curated(zr, ja_runs, lex, blocked=True)),
        ("G", _glossary(p, zr, ja_runs, lex)),
        ("I", _identity(p)),
        ("K", _kanji_overlap(p)),
        ("D", _pivot(p, lex, glossed, loan=False)),
        ("L", _pivot(p, lex, glossed, loan=True)),
        ("J", _jmdict(p, zr, ja_runs, lex, {})),
        ("R", _jmdict(p, zr, ja_runs, lex, lemmas, only_lemmas=True)),
        ("T", name_cells(p, zr, jr, lambda z: lex.english.get(z, frozenset()))),
        ("P", _parenthetical(p)),
        ("N", _short_forms(p, lex)),
        ("O", _parallel(p, lex)),
    ):
        if code in skip:
            continue
        for cell, c in found:
            cells[cell] = cells.get(cell, "") + (c or code)
    return {cell: cs if len(cs) == 1 else "".join(sorted(set(cs))) for cell, cs in cells.items()}


def _block(a: int, b: int, c: int, d: int, code: str = "") -> list[tuple[Cell, str]]:
    """Every cell of Chinese words a..b-1 with Japanese words c..d-1, with `code` (a list:
    a generator a cell cost more than the cells)."""
    return [((i, k), code) for i in range(a, b) for k in range(c, d)]


def _want(table: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    want: dict[str, set[str]] = {}
    for z, j in table:
        want.setdefault(z, set()).add(j)
    return want


def _matching_runs(
    zr: Runs, ja_runs: JaRuns, want: dict[str, set[str]]
) -> Iterator[tuple[int, int, int, int, str, str]]:
    for a, b, z in zr:
        for j in want.get(z, ()):
            for c, d in ja_runs.get(j, ()):
                yield a, b, c, d, z, j


def _curated(
    zr: Runs, ja_runs: JaRuns, lex: Knowledge, blocked: bool
) -> Iterator[tuple[Cell, str]]:
    want = lex.memo.get(("curated", blocked))
    if want is None:
        want = lex.memo["curated", blocked] = _want(
            k for k, v in lex.curated.items() if v == blocked
        )
    if not want:
        return
    for a, b, c, d, _, _ in _matching_runs(zr, ja_runs, want):
        yield from _block(a, b, c, d)


def _glossary(
    p: PairTokens, zr: Runs, ja_runs: JaRuns, lex: Knowledge
) -> Iterator[tuple[Cell, str]]:
    """Cells of the learned glossary's entries (code G; g for an entry Dice found in two
    pairs only: two co-occurrences are often chance, 一批 ↔ 国際協力, 构建 ↔ 育成, so
    such an entry weighs like a dictionary gloss and is no sure link on its own —
    development cases: recall +0.002, wrong marks unchanged. An entry of one pair comes
    from that pair's own anchors, `indexer.glossary.gaps`, and stays G)."""
    tables: dict[str, list[tuple[str, str]]] = {"": [], "g": []}
    table = lex.gloss["zh"]
    text, spans = p.zh.text, p.zh.spans
    for a, b, z in zr:
        surface = text[spans[a][0] : spans[b - 1][1]]
        if surface in table:
            for code, target in _entries(lex, surface):
                tables[code].append((z, target))
    for code, found in tables.items():
        if found:
            for a, b, c, d, _, _ in _matching_runs(zr, ja_runs, _want(found)):
                yield from _block(a, b, c, d, code)


def _entries(lex: Knowledge, surface: str) -> list[tuple[str, str]]:
    """(code, folded target) of the confident entries of a glossary surface, made once
    per surface (memory: the glossary's surfaces at most)."""
    out = lex.gloss_memo.get(surface)
    if out is None:
        out = lex.gloss_memo[surface] = [
            (
                "g" if e["origin"] == "learned" and e["count"] == CHANCE_PAIRS else "",
                _folded(e["target"]),
            )
            for e in lex.gloss["zh"][surface]
            if e["origin"] in ("learned", "folding") and e["score"] >= CONFIDENT
        ]
    return out


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text).lower()


def kana_lemmas(s: Side) -> dict[int, str]:
    """Japanese word index → the folded kanji spelling of a word written in hiragana
    (`kana_lemma`; hiragana words are the side's function words: few to look up)."""
    out = {}
    for k, (a, b) in enumerate(s.spans):
        if s.function[k] and (lemma := kana_lemma(s.text[a:b])):
            out[k] = _folded(lemma)
    return out


def _jmdict(
    p: PairTokens,
    zr: Runs,
    ja_runs: JaRuns,
    lex: Knowledge,
    lemmas: dict[int, str],
    only_lemmas: bool = False,
) -> Iterator[tuple[Cell, str]]:
    """Cells of a Chinese run and a Japanese run the dictionaries pair (`ja_pairs`): a
    Japanese word whose kanji differ (税関 for 海关), or a loanword JMdict glosses
    (ギャング, "gang", for 帮派), that neither the kanji nor UniDic's origin reach. A
    conjugated Japanese word is looked up by its dictionary form too (話せ as 話す);
    `only_lemmas`: the words in hiragana alone, by their kanji spelling (`lemmas`: だれ
    as 誰; code R)."""
    if not lex.ja_pairs or (only_lemmas and not lemmas):
        return
    get = lex.ja_pairs.get
    found = [(a, b, z, partners) for a, b, z in zr if (partners := get(z))]
    if not found:
        return
    bases: JaRuns = {}
    if only_lemmas:
        for k, lemma in lemmas.items():
            bases.setdefault(lemma, []).append((k, k + 1))
        ja_runs = {}
    else:
        text = p.ja.text
        for k, (s, e) in enumerate(p.ja.spans):
            if base := _base_key(text[s:e]):
                bases.setdefault(base, []).append((k, k + 1))
    for a, b, z, partners in found:
        for j in _partners(lex, z, partners):
            here, base = ja_runs.get(j), bases.get(j)
            if here is None and base is None:
                continue  # (most partners: not in this pair)
            for c, d in (*(here or ()), *(base or ())):
                yield from _block(a, b, c, d)


@lru_cache(maxsize=65536)
def _base_key(word: str) -> str:
    """A Japanese word's dictionary form (`base_form`), folded; "" when it has none."""
    base = base_form(word)
    return _folded(base) if base else ""


def _partners(lex: Knowledge, z: str, partners: str) -> list[str]:
    key = ("ja_pairs", z)
    out = lex.memo.get(key)
    if out is None:
        out = lex.memo[key] = [w.partition(":")[0] for w in partners.split(" ")]
    return out


def _parallel(p: PairTokens, lex: Knowledge) -> Iterator[tuple[Cell, str]]:
    """Cells of a Chinese word and a Japanese word that open parallel text was seen to
    translate one by the other (`lex.parallel`, learned offline by the build's own
    analyzers, so its keys are this pair's keys): knowledge a document of a few pairs
    cannot learn from itself, and a prior only: the corpus's own EM still decides."""
    if not lex.parallel:
        return
    where: dict[str, list[int]] = {}
    for k, j in enumerate(p.ja.keys):
        where.setdefault(j, []).append(k)
    for i, z in enumerate(p.zh.keys):
        for j in lex.parallel.get(z, ()):
            yield from [((i, k), "") for k in where.get(j, ())]


def _identity(p: PairTokens) -> Iterator[tuple[Cell, str]]:
    where: dict[str, list[int]] = {}
    for k, j in enumerate(p.ja.keys):
        where.setdefault(j, []).append(k)
    for i, z in enumerate(p.zh.keys):
        for k in where.get(z, ()):
            if HAN.search(z):
                yield (i, k), "I"
            elif _LATIN_OR_NUMBER.fullmatch(z):
                yield (i, k), "N"


def acronym_words(s: Side) -> list[int]:
    """The words of a side written as short forms (`dictionary.is_acronym`: VPN, SaaS);
    a text without two capital letters has none (most: no word to look at)."""
    if not _TWO_CAPITALS.search(s.text):
        return []
    return [k for k, (a, b) in enumerate(s.spans) if is_acronym(s.text[a:b])]


def short_form_terms(p: PairTokens) -> set[str]:
    """The folded word runs of each side facing a short form on the other: the terms
    whose dictionary short forms `_short_forms` needs (few pairs have any)."""
    out: set[str] = set()
    for here, there in ((p.zh, p.ja), (p.ja, p.zh)):
        if acronym_words(here):
            out.update(z for _, _, z in runs(there) if HAN.search(z))
    return out


def _short_forms(p: PairTokens, lex: Knowledge) -> Iterator[tuple[Cell, str]]:
    """A short form on one side and the run of words on the other that the dictionary
    gives it for: 软件|即|服务 ↔ SaaS ("software as a service (SaaS)"). A translation
    that writes the short form alone leaves nothing else to link the two by, and the
    short form names the term as surely as the same word would."""
    if not lex.short:
        return
    for here, there, flip in ((p.ja, p.zh, False), (p.zh, p.ja, True)):
        for k in acronym_words(here):
            for a, b, z in runs(there):
                if here.keys[k] in lex.short.get(z, ()):
                    yield from [(((k, i) if flip else (i, k)), "") for i in range(a, b)]


def _kanji_overlap(p: PairTokens) -> Iterator[tuple[Cell, str]]:
    where: dict[str, list[int]] = {}  # kanji → the Japanese words that have it
    for k, j in enumerate(p.ja.keys):
        for c in _han(j):
            where.setdefault(c, []).append(k)
    for i, z in enumerate(p.zh.keys):
        found = {k for c in _han(z) for k in where.get(c, ())}
        yield from [((i, k), "") for k in sorted(found) if z != p.ja.keys[k]]


@lru_cache(maxsize=262144)
def _han(word: str) -> frozenset[str]:
    """The kanji of a word (made once per word, not per word pair)."""
    return frozenset(c for c in word if HAN.match(c))


def _pivot(
    p: PairTokens, lex: Knowledge, glossed: Glossed, loan: bool
) -> Iterator[tuple[Cell, str]]:
    """Words sharing an English gloss; `glossed`: the Chinese words that have any."""
    by_gloss: dict[str, list[int]] | None = None  # English word → Chinese words it glosses
    for k, j in enumerate(p.ja.keys):
        if loan:
            surface = p.ja.text[p.ja.spans[k][0] : p.ja.spans[k][1]]
            if _katakana_start(surface[:1]):
                en = _origin_words(loan_origin(surface))
            elif _ENGLISH_WORD.fullmatch(j) and not _in_phrase(p.ja.text, *p.ja.spans[k]):
                en = _origin_words(j)  # an English word alone is its own origin
            else:
                continue  # no katakana or English word: no origin (`loan_origin`)
        else:
            en = lex.english.get(j, frozenset()) if HAN.search(j) else frozenset()
        if not en:
            continue
        if by_gloss is None:  # made for the pairs with a word to look up only
            by_gloss = {}
            for i, _, g in glossed:
                for e in g:
                    by_gloss.setdefault(e, []).append(i)
        found = {i for e in en for i in by_gloss.get(e, ())}
        yield from [((i, k), "") for i in sorted(found) if p.zh.keys[i] != j]
    if loan:
        yield from _loan_compounds(p, glossed)


def _in_phrase(text: str, a: int, b: int) -> bool:
    """Whether the word at `text[a:b]` is one of several English words in a row (Internet
    of Vehicles): a name or a term whose words the other side does not translate one by
    one (车联网 is not 车 "vehicle" + …).

    >>> _in_phrase("Intelligent and Connected Vehicle の", 26, 33)
    True
    >>> _in_phrase("と Performance", 2, 13)
    False
    """
    return bool(_LATIN_BESIDE.match(text[max(a - 2, 0) : a] + "|" + text[b : b + 2]))


def _katakana_start(c: str) -> bool:
    return "\u30a1" <= c <= "\u30fa" or c == "\u30fc"


@lru_cache(maxsize=4096)
def _origin_words(origin: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]{3,}", origin))


def _loan_compounds(p: PairTokens, glossed: Glossed) -> Iterator[tuple[Cell, str]]:
    """A katakana compound UniDic cuts into loanwords whose origins, run together, are
    one English gloss of a Chinese word (ベンチ|マーク: bench + mark = "benchmark", 对标):
    English writes as one word what Japanese borrows in two, and no piece alone is it."""
    ja = p.ja
    origins = [loan_origin(ja.text[a:b]) for a, b in ja.spans]
    for k in range(len(ja.spans)):
        joined = origins[k]
        for w in range(k + 1, min(k + 3, len(ja.spans))):
            if not joined.isalpha() or not origins[w] or ja.spans[w - 1][1] != ja.spans[w][0]:
                break
            joined += origins[w]
            for i, _, g in glossed:
                if joined in g:
                    yield from [((i, n), "") for n in range(k, w + 1)]


def _glosses(lex: Knowledge, z: str, compound: str) -> frozenset[str]:
    """A Chinese word's English glosses, and those of the compound it was cut from:
    基础设施 is "infrastructure" (インフラ), its pieces 基础, 设施 are not."""
    out = lex.english.get(z, frozenset())
    return out | lex.english.get(compound, frozenset()) if compound else out


def _parenthetical(p: PairTokens) -> Iterator[tuple[Cell, str]]:
    """A bracketed gloss on one side that repeats a word run of the other side links that
    run to the words just before the bracket (the term the translator glossed)."""
    for here, there, flip in ((p.ja, p.zh, False), (p.zh, p.ja, True)):
        if not _PAREN.search(here.text):
            continue
        for m in _PAREN.finditer(here.text):
            want = fold(m.group(1)).lower()
            hit = next(((a, b) for a, b, s in reversed(runs(there)) if s == want), None)
            before = [k for k, (s, e) in enumerate(here.spans) if e == m.start()]
            if hit is None or not before:
                continue
            k = before[0]
            a, b = hit
            for i in range(a, b):
                yield ((k, i) if flip else (i, k)), ""
