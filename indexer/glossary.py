"""A bilingual glossary learned from the aligned pairs, with curated entries that win.

Terms with no shared kanji (跨境 ↔ クロスボーダー, 数据 ↔ データ) can only be bridged by
evidence: the aligned clauses. For every Chinese word n-gram and Japanese word n-gram
that recur, we count in how many aligned pairs they occur together and score the
association with the Dice coefficient. Kanji folding is a strong prior (贸易 ↔ 貿易 is
right even when seen once). Ties in Dice are common at low counts (every word of two
clauses co-occurs perfectly with every other), so they are broken by overreach (北京 in
北京大興国際空港 translates a neighbour of 大兴国际机场), then by the kanji the two surfaces
share (自动驾驶 ↔ 自動運転 rather than ↔ 道路), then by length, so that of nested candidates
with the same evidence (クロス, ボーダー, クロスボーダー) the compound wins.

Two rules keep collocations out (跨境 ↔ 流動 because 跨境流动 is a set phrase):
- residual evidence: once the best target is chosen, another target is accepted only if
  it co-occurs with the source in pairs that the chosen ones do not already explain;
- mutuality: a learned link must be chosen from both sides (ネガティブ → 管理模式 is not,
  because 管理模式 is explained by 管理モデル).
A stricter bar for low counts (count ≥ 3 unless Dice ≥ 0.7) was measured on the seed
corpus and dropped: it removed seven right pairs (互联网 ↔ インターネット, 引进 ↔ 誘致, …)
for one wrong one.

Terms seen in a single pair (负面清单 ↔ ネガティブリスト) give Dice nothing to go on. The
gap learner reads them off the pair itself: once the confident links of a pair are
marked, an unexplained Chinese term that sits between two anchors whose Japanese
counterparts enclose one unexplained compound is taken to be that compound's translation.

Identical pairs (the same clause repeated in several documents) are counted once:
repetition is not independent evidence, and it keeps learning linear in distinct text.

Curated entries live in `data/glossary.tsv` (`zh<TAB>ja` per line, `#` comments, a line
starting with `!` blocks a learned pair) and always win.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

from analyzers import chinese, japanese
from analyzers.folding import fold
from indexer.records import Clause

MAX_N = {"zh": 3, "ja": 5}  # longest word n-gram considered per language
MIN_PAIR_COUNT = 2  # co-occurrences needed before a learned pair is believed
MIN_DICE = 0.35
MIN_RESIDUAL_DICE = 0.35  # association a further target needs in the unexplained pairs
CONFIDENT = 0.45  # a learned entry this good anchors the gap learner (the engine's bar too)
GAP_SCORE = 0.5  # single-evidence entries: usable, but below anything Dice is sure of
GAP_ZH_CHARS = (2, 8)
MAX_TARGETS = 3
EXAMPLES = 3

Glossary = dict[str, dict[str, list[dict[str, Any]]]]  # lang -> source -> entries
Spans = dict[str, list[tuple[int, int]]]  # n-gram surface -> its spans in one clause
Link = tuple[int, int, int, int]  # zh start, zh end, ja start, ja end

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_ALL_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]+")
_COMPOUND = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々\u30a1-\u30fa\u30fc]+")  # kanji/katakana


@dataclass
class _Pair:
    """One distinct aligned pair: texts, folded texts and n-gram spans of both sides."""

    id: str
    text: dict[str, str]
    folded: dict[str, str]
    grams: dict[str, Spans]
    words: dict[str, list[tuple[int, int]]]  # lang -> spans of the kept words


@dataclass
class _Stats:
    """Corpus-wide counts: in which pairs each n-gram occurs, and joint pair counts."""

    pairs: list[_Pair]
    posting: dict[str, dict[str, list[int]]]  # lang -> n-gram -> pair indexes
    joint: Counter[tuple[str, str]]  # (zh, ja) -> pairs where both occur
    folds: dict[str, str] = field(default_factory=dict)  # n-gram -> folded, computed once
    words: dict[str, list[str]] = field(default_factory=dict)  # n-gram -> its folded words

    def fold(self, s: str) -> str:
        if s not in self.folds:
            self.folds[s] = fold(s)
        return self.folds[s]


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


def learn(clauses: Sequence[Clause], curated: Path | None = None) -> Glossary:
    """Learn zh→ja and ja→zh equivalents from the aligned pairs (both sides non-empty)."""
    stats = _statistics(_distinct_pairs(clauses))
    chosen = {lang: _choose_all(stats, lang, cands) for lang, cands in _candidates(stats).items()}
    gloss = _mutual(chosen)
    learn_gaps(stats, gloss)
    _add_examples(stats, gloss)
    apply_curated(gloss, curated)
    return gloss


def _distinct_pairs(clauses: Sequence[Clause]) -> list[_Pair]:
    """Aligned pairs with both sides, each distinct (zh, ja) text once."""
    seen: set[tuple[str, str]] = set()
    pairs: list[_Pair] = []
    for c in clauses:
        if c.zh and c.ja and (c.zh, c.ja) not in seen:
            seen.add((c.zh, c.ja))
            text = {"zh": c.zh, "ja": c.ja}
            folded = {lang: fold(t) for lang, t in text.items()}
            words = {lang: word_spans(t, lang) for lang, t in text.items()}
            grams = {lang: gram_spans(t, lang, words[lang]) for lang, t in text.items()}
            pairs.append(_Pair(c.id, text, folded, grams, words))
    return pairs


def _statistics(pairs: list[_Pair]) -> _Stats:
    """Postings of every n-gram and joint counts of the recurring ones (C-speed update)."""
    posting: dict[str, dict[str, list[int]]] = {"zh": {}, "ja": {}}
    for i, p in enumerate(pairs):
        for lang in ("zh", "ja"):
            for g in p.grams[lang]:
                posting[lang].setdefault(g, []).append(i)
    joint: Counter[tuple[str, str]] = Counter()
    for p in pairs:
        zs = [z for z in p.grams["zh"] if len(posting["zh"][z]) >= MIN_PAIR_COUNT]
        js = [j for j in p.grams["ja"] if len(posting["ja"][j]) >= MIN_PAIR_COUNT]
        joint.update(product(zs, js))
    return _Stats(pairs, posting, joint)


def _candidates(stats: _Stats) -> dict[str, dict[str, dict[str, int]]]:
    """Per language and source, the targets worth scoring with their joint counts.

    Recurring pairs come from the joint counts; folding matches (same kanji) are looked
    up per pair, so that a term seen once (仲裁 ↔ 仲裁) still gets its counterpart.
    """
    cands: dict[str, dict[str, dict[str, int]]] = {"zh": {}, "ja": {}}
    for (z, j), n in stats.joint.items():
        if n >= MIN_PAIR_COUNT:
            cands["zh"].setdefault(z, {})[j] = n
            cands["ja"].setdefault(j, {})[z] = n
    for (z, j), n in _folding_joint(stats).items():
        cands["zh"].setdefault(z, {})[j] = n
        cands["ja"].setdefault(j, {})[z] = n
    return cands


def _folding_joint(stats: _Stats) -> Counter[tuple[str, str]]:
    """(zh, ja) n-grams with the same folded form, counted over the pairs they share."""
    joint: Counter[tuple[str, str]] = Counter()
    for p in stats.pairs:
        by_fold = {stats.fold(j): j for j in p.grams["ja"]}
        for z in p.grams["zh"]:
            j = by_fold.get(stats.fold(z))
            if j is not None:
                joint[z, j] += 1
    return joint


def _choose_all(
    stats: _Stats, lang: str, cands: dict[str, dict[str, int]]
) -> dict[str, list[dict[str, Any]]]:
    """The chosen entries of every source of `lang` that has any."""
    out: dict[str, list[dict[str, Any]]] = {}
    for src, targets in cands.items():
        entries = _choose(stats, lang, src, targets)
        if entries:
            out[src] = entries
    return out


def _choose(stats: _Stats, lang: str, src: str, targets: dict[str, int]) -> list[dict[str, Any]]:
    """Best target first (see `_rank`); then only targets with residual evidence, so
    that a collocate of the source is not taken for a second translation of it."""
    chosen: list[dict[str, Any]] = []
    left: set[int] = set()  # pairs of `src` that no chosen target explains
    for tgt, n, dice, same in _rank(stats, lang, src, targets):
        if chosen and not _residual(stats, lang, left, tgt, [e["target"] for e in chosen]):
            continue
        score = max(dice, 0.9) if same else dice
        origin = "folding" if same else "learned"
        chosen.append({"target": tgt, "count": n, "score": round(score, 3), "origin": origin})
        keys = [e["target"] for e in chosen]
        left = _unexplained(stats, lang, stats.posting[lang][src], keys)
        if len(chosen) == MAX_TARGETS or len(left) < MIN_PAIR_COUNT:
            break
    return chosen


def _rank(
    stats: _Stats, lang: str, src: str, targets: dict[str, int]
) -> list[tuple[str, int, float, bool]]:
    """(target, count, Dice, folding match) best first: folding match, then Dice.

    Candidates tied with the best on Dice are told apart by what they carry beyond the
    source (北京 in 北京大興国際空港 is the translation of a neighbour of 大兴国际机场), then
    by the kanji they share with it (自動運転 for 自动驾驶, not 道路), then by length (the
    compound クロスボーダー, not クロス).
    """
    other = "ja" if lang == "zh" else "zh"
    n_src = len(stats.posting[lang][src])
    ranked = []
    key = stats.fold(src)
    for tgt, n in targets.items():
        dice = 2 * n / (n_src + len(stats.posting[other][tgt]))
        same = key == stats.fold(tgt)
        if same or (n >= MIN_PAIR_COUNT and dice >= MIN_DICE):
            ranked.append(((same, round(dice, 2)), tgt, n, dice, same))
    ranked.sort(key=lambda r: r[0], reverse=True)
    tied = [r for r in ranked if r[0] == ranked[0][0]] if ranked else []
    if len(tied) > 1:
        tied.sort(key=lambda r: _tie_key(stats, lang, src, r[1]), reverse=True)
        ranked[: len(tied)] = tied
    return [(tgt, n, dice, same) for _, tgt, n, dice, same in ranked]


def _tie_key(stats: _Stats, lang: str, src: str, tgt: str) -> tuple[int, int, int]:
    """(−overreach, shared kanji, length) of a candidate among equals."""
    shared = {c for c in stats.fold(src) if _HAN.match(c)} & set(stats.fold(tgt))
    return (-_overreach(stats, lang, src, tgt), len(shared), len(tgt))


def _overreach(stats: _Stats, lang: str, src: str, tgt: str) -> int:
    """How often a word of `tgt` is written, in the source language, next to the source
    rather than in it: then `tgt` also translates a neighbour (北京 of 北京大興国際空港)."""
    other = "ja" if lang == "zh" else "zh"
    both = sorted(set(stats.posting[lang][src]) & set(stats.posting[other][tgt]))
    key, n = stats.fold(src), 0
    for i in both[:EXAMPLES]:
        p = stats.pairs[i]
        for w in _words_in(stats, tgt, other):
            if len(w) >= 2 and w not in key and _HAN.search(w):
                n += _outside(p.folded[lang], w, p.grams[lang][src])
    return n


def _words_in(stats: _Stats, gram: str, lang: str) -> list[str]:
    """The folded words of an n-gram (cached: the same n-gram is a candidate of many)."""
    if gram not in stats.words:
        folded = stats.fold(gram)
        stats.words[gram] = [folded[a:b] for a, b in word_spans(gram, lang)]
    return stats.words[gram]


def _outside(text: str, w: str, spans: list[tuple[int, int]]) -> bool:
    """Does `w` occur in `text` somewhere that overlaps none of `spans`?"""
    i = text.find(w)
    while i >= 0:
        if not any(a < i + len(w) and i < b for a, b in spans):
            return True
        i = text.find(w, i + 1)
    return False


def _residual(stats: _Stats, lang: str, left: set[int], tgt: str, chosen: list[str]) -> bool:
    """Does `tgt` explain enough of the source's `left` pairs (those that no chosen target
    explains) and associate with it there? Dice over the unexplained pairs only."""
    other = "ja" if lang == "zh" else "zh"
    tgt_ids = stats.posting[other][tgt]
    both = len(left.intersection(tgt_ids))
    if both < MIN_PAIR_COUNT:
        return False
    tgt_left = _unexplained(stats, lang, tgt_ids, chosen)
    return 2 * both / (len(left) + len(tgt_left)) >= MIN_RESIDUAL_DICE


def _unexplained(stats: _Stats, lang: str, ids: list[int], chosen: list[str]) -> set[int]:
    """Pairs among `ids` whose side opposite `lang` contains none of `chosen` (folded):
    a chosen target explains a pair even inside a longer word (外商投资企业)."""
    other = "ja" if lang == "zh" else "zh"
    keys = [stats.fold(c) for c in chosen]
    return {i for i in ids if not any(k in stats.pairs[i].folded[other] for k in keys)}


def _mutual(chosen: dict[str, dict[str, list[dict[str, Any]]]]) -> Glossary:
    """Keep a learned entry only if the target chose the source too; folding stays."""
    gloss: Glossary = {"zh": {}, "ja": {}}
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        for src, entries in chosen[lang].items():
            kept = [
                e
                for e in entries
                if e["origin"] == "folding"
                or any(b["target"] == src for b in chosen[other].get(e["target"], []))
            ]
            if kept:
                gloss[lang][src] = kept
    return gloss


def learn_gaps(stats: _Stats, gloss: Glossary) -> list[tuple[str, str, int]]:
    """Add single-evidence entries read off the gaps between anchors; return them.

    Returns (zh run, ja compound, pairs proposing it). A proposal is dropped when either
    side already has entries (the statistics know that word; one pair is weaker evidence)
    or when proposals disagree (the same run read as two different terms): ambiguity is
    exactly where a guess from one pair goes wrong.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for p in stats.pairs:
        proposals = set(_gaps_in_pair(p, _links(p, gloss)))
        for z, j in _unambiguous(proposals):
            seen.setdefault((z, j), set()).add(p.id)
    added = []
    for (z, j), ids in _unambiguous(seen).items():
        if z in gloss["zh"] or j in gloss["ja"]:
            continue
        for lang, src, tgt in (("zh", z, j), ("ja", j, z)):
            entry = {"target": tgt, "count": len(ids), "score": GAP_SCORE, "origin": "learned"}
            gloss[lang][src] = [entry]
        added.append((z, j, len(ids)))
    return added


def _unambiguous(proposals: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The proposals whose zh side and ja side each occur in no other proposal."""
    props = proposals if isinstance(proposals, dict) else dict.fromkeys(proposals)
    zs = Counter(z for z, _ in props)
    js = Counter(j for _, j in props)
    return {(z, j): v for (z, j), v in props.items() if zs[z] == 1 and js[j] == 1}


def _links(p: _Pair, gloss: Glossary) -> list[Link]:
    """Spans of the pair explained by confident entries, or by kanji written on both sides."""
    links: list[Link] = []
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        for g, spans in p.grams[lang].items():
            for e in gloss[lang].get(g, []):
                if e["origin"] != "folding" and e["score"] < CONFIDENT:
                    continue
                for s, t in product(spans, p.grams[other].get(e["target"], [])):
                    links.append((*s, *t) if lang == "zh" else (*t, *s))
    for j, spans in p.grams["ja"].items():
        if len(j) >= 2 and _ALL_HAN.fullmatch(j):
            for m in re.finditer(re.escape(fold(j)), p.folded["zh"]):
                links.extend((m.start(), m.end(), a, b) for a, b in spans)
    return links


def _gaps_in_pair(p: _Pair, links: list[Link]) -> list[tuple[str, str]]:
    """(zh run, ja compound) for each unexplained zh run with one consistent ja gap."""
    zh, ja = p.text["zh"], p.text["ja"]
    zh_marked = _marks(len(zh), [(a, b) for a, b, _, _ in links])
    ja_marked = _marks(len(ja), [(a, b) for _, _, a, b in links])
    out = []
    for zs, ze in _unexplained_runs(p, zh_marked):
        left = {je for _, e, _, je in links if e == zs} if _han_at(zh, zs - 1) else None
        right = {js for s, _, js, _ in links if s == ze} if _han_at(zh, ze) else None
        gaps = _ja_gaps(ja, ja_marked, left, right)
        if len(gaps) == 1:
            a, b = gaps.pop()
            if fold(zh[zs:ze]) != fold(ja[a:b]) and _is_term(p, (zs, ze), (a, b)):
                out.append((zh[zs:ze], ja[a:b]))
    return out


def _han_at(text: str, i: int) -> bool:
    """Is there a Han character at `i` (False off either end: the clause edge)?"""
    return 0 <= i < len(text) and _HAN.match(text[i]) is not None


def _marks(n: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    marked = [False] * n
    for a, b in spans:
        marked[a:b] = [True] * (b - a)
    return marked


def _unexplained_runs(p: _Pair, marked: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of adjacent zh words with no explained character, of term length."""
    runs: list[tuple[int, int]] = []
    for s, e in p.words["zh"]:
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


def _is_term(p: _Pair, zh: tuple[int, int], ja: tuple[int, int]) -> bool:
    """The ja stretch is one n-gram (word boundaries at both ends), not a kanji fragment
    of the Chinese run, and both sides start with a word of two or more characters (a
    single character there is a preposition like 为 or a suffix like 的 of a neighbour)."""
    a, b = ja
    text = p.text["ja"][a:b]
    if (a, b) not in p.grams["ja"].get(text, []):
        return False
    if _ALL_HAN.fullmatch(text) and 2 * len(text) < zh[1] - zh[0]:
        return False  # a kanji rendering is about as long as the Chinese, not a fragment
    first = {"zh": _word_at(p.words["zh"], zh[0]), "ja": _word_at(p.words["ja"], a)}
    return all(w is not None and w[1] - w[0] >= 2 for w in first.values())


def _word_at(words: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    return next((w for w in words if w[0] == start), None)


def _add_examples(stats: _Stats, gloss: Glossary) -> None:
    """Up to EXAMPLES ids of pairs where source and target occur together."""
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        for src, entries in gloss[lang].items():
            ids = stats.posting[lang].get(src, [])
            for e in entries:
                tgt = set(stats.posting[other].get(e["target"], []))
                e["examples"] = [stats.pairs[i].id for i in ids if i in tgt][:EXAMPLES]


def read_curated(path: Path) -> Iterable[tuple[bool, str, str]]:
    """(blocked, zh, ja) for each non-comment line of a curated glossary file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        blocked = line.startswith("!")
        parts = line.lstrip("!").split("\t")
        if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
            yield blocked, parts[0].strip(), parts[1].strip()


def apply_curated(gloss: Glossary, path: Path | None) -> None:
    """Curated pairs go first in both directions; blocked pairs are removed."""
    if path is None or not path.is_file():
        return
    for blocked, zh, ja in read_curated(path):
        for lang, src, tgt in (("zh", zh, ja), ("ja", ja, zh)):
            entries = [e for e in gloss[lang].get(src, []) if e["target"] != tgt]
            if not blocked:
                entry = {"target": tgt, "count": 0, "score": 1.0, "origin": "curated"}
                entries.insert(0, {**entry, "examples": []})
            if entries:
                gloss[lang][src] = entries
            else:
                gloss[lang].pop(src, None)


def save(gloss: Glossary, path: Path) -> None:
    path.write_text(json.dumps(gloss, ensure_ascii=False), encoding="utf-8")


def load(path: Path) -> Glossary:
    return json.loads(path.read_text(encoding="utf-8"))
