"""Association: which targets each source n-gram is taken to translate.

The association of a (zh, ja) candidate is scored with the Dice coefficient over the
pairs they occur in. Kanji folding is a strong prior (贸易 ↔ 貿易 is right even when seen
once). Ties in Dice are common at low counts (every word of two clauses co-occurs
perfectly with every other), so they are broken by overreach (北京 in 北京大興国際空港
translates a neighbour of 大兴国际机场), then by the kanji the two surfaces share
(自动驾驶 ↔ 自動運転 rather than ↔ 道路), then by length, so that of nested candidates
with the same evidence (クロス, ボーダー, クロスボーダー) the compound wins.

Two rules keep collocations out (跨境 ↔ 流動 because 跨境流动 is a set phrase):
- residual evidence: once the best target is chosen, another target is accepted only if
  it co-occurs with the source in pairs that the chosen ones do not already explain;
- mutuality: a learned link must be chosen from both sides (ネガティブ → 管理模式 is not,
  because 管理模式 is explained by 管理モデル).
A stricter bar for low counts (count ≥ 3 unless Dice ≥ 0.7) was measured on the seed
corpus and dropped: it removed seven right pairs (互联网 ↔ インターネット, 引进 ↔ 誘致, …)
for one wrong one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from analyzers.langs import other as other_lang
from indexer.glossary.evidence import (
    EXAMPLES,
    HAN,
    MIN_PAIR_COUNT,
    Glossary,
    Stats,
    first_common,
)

MIN_DICE = 0.35
MIN_RESIDUAL_DICE = 0.35  # association a further target needs in the unexplained pairs
MAX_TARGETS = 3


# A candidate's scores, the same record in both directions (Dice and folding are
# symmetric): (rank key (folding match, Dice to two places), or None when it cannot be
# chosen; joint pairs; Dice; folding match).
Score = tuple[tuple[bool, float] | None, int, float, bool]


def candidates(stats: Stats) -> dict[str, dict[str, dict[str, Score]]]:
    """Per language and source, the targets worth scoring with their scores (`Score`).

    Recurring pairs come from the joint counts; folding matches (same kanji) are looked
    up per pair, so that a term seen once (仲裁 ↔ 仲裁) still gets its counterpart.
    """
    cands: dict[str, dict[str, dict[str, Score]]] = {
        lang: {g: {} for g in grams} for lang, grams in stats.joint.first.items()
    }  # sources in the order their first recurring combination was seen
    for z, j, n in stats.joint.entries:
        cands["zh"][z][j] = cands["ja"][j][z] = _score(stats, z, j, n)
    for (z, j), n in _folding_joint(stats).items():
        score = _score(stats, z, j, n)
        cands["zh"].setdefault(z, {})[j] = score
        cands["ja"].setdefault(j, {})[z] = score
    return {lang: {g: ts for g, ts in by.items() if ts} for lang, by in cands.items()}


def _score(stats: Stats, z: str, j: str, n: int) -> Score:
    """The scores of (zh `z`, ja `j`) seen together in `n` pairs: ranked when the two fold
    alike, or when seen in `MIN_PAIR_COUNT` pairs with Dice ≥ `MIN_DICE`."""
    dice, rounded = _dice(n, len(stats.posting["zh"][z]) + len(stats.posting["ja"][j]))
    same = stats.fold(z) == stats.fold(j)
    ranked = same or (n >= MIN_PAIR_COUNT and dice >= MIN_DICE)
    return ((same, rounded) if ranked else None), n, dice, same


def _folding_joint(stats: Stats) -> Counter[tuple[str, str]]:
    """(zh, ja) n-grams with the same folded form, counted over the pairs they share."""
    joint: Counter[tuple[int, int]] = Counter()
    zh_fold, ja_fold = stats.fold_ids["zh"], stats.fold_ids["ja"]
    for p in stats.pairs:
        by_fold = {ja_fold[j]: j for j in p.grams["ja"]}
        for z in p.grams["zh"]:
            j = by_fold.get(zh_fold[z])
            if j is not None:
                joint[z, j] += 1
    zh, ja = stats.vocab["zh"].names, stats.vocab["ja"].names
    return Counter({(zh[z], ja[j]): n for (z, j), n in joint.items()})


def choose_all(
    stats: Stats, lang: str, cands: dict[str, dict[str, Score]]
) -> dict[str, list[dict[str, Any]]]:
    """The chosen entries of every source of `lang` that has any."""
    out: dict[str, list[dict[str, Any]]] = {}
    for src, targets in cands.items():
        entries = _choose(stats, lang, src, targets)
        if entries:
            out[src] = entries
    return out


def choose_both(
    stats: Stats, cands: dict[str, dict[str, dict[str, Score]]]
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """`choose_all` for both languages, as far as `mutual` reads it: a Japanese source
    no Chinese source chose and with no folding candidate would have learned entries
    only, and `mutual` drops them all (no target chose it back), so it is not ranked (a
    third of a small document's Japanese sources)."""
    zh = choose_all(stats, "zh", cands.get("zh", {}))
    chosen = {e["target"] for entries in zh.values() for e in entries}

    def wanted(src: str, targets: dict[str, Score]) -> bool:
        return src in chosen or any(score[3] for score in targets.values())

    ja = {src: targets for src, targets in cands.get("ja", {}).items() if wanted(src, targets)}
    return {"zh": zh, "ja": choose_all(stats, "ja", ja)}


def _choose(stats: Stats, lang: str, src: str, targets: dict[str, Score]) -> list[dict[str, Any]]:
    """Best target first (see `_rank`); then only targets with residual evidence, so
    that a collocate of the source is not taken for a second translation of it."""
    chosen: list[dict[str, Any]] = []
    left: set[int] = set()  # pairs of `src` that no chosen target explains
    total, ranked = _rank(stats, lang, src, targets)
    for at, (tgt, n, dice, same) in enumerate(ranked, 1):
        if chosen and not _residual(stats, lang, left, tgt, [e["target"] for e in chosen]):
            continue
        score = max(dice, 0.9) if same else dice
        origin = "folding" if same else "learned"
        chosen.append({"target": tgt, "count": n, "score": round(score, 3), "origin": origin})
        if len(chosen) == MAX_TARGETS or at == total:
            break  # (no need of `left`)
        # A pair unexplained by the chosen targets is one unexplained by the earlier
        # ones (`left`) where the new one does not occur either.
        ids = left if len(chosen) > 1 else stats.posting[lang][src]
        key, other = stats.fold(tgt), other_lang(lang)
        left = {i for i in ids if key not in stats.pairs[i].folded[other]}
        if len(left) < MIN_PAIR_COUNT:
            break
    return chosen


def _rank(
    stats: Stats, lang: str, src: str, targets: dict[str, Score]
) -> tuple[int, Iterator[tuple[str, int, float, bool]]]:
    """How many candidates, and (target, count, Dice, folding match) best first: folding
    match, then Dice.

    Candidates tied with the best on Dice are told apart by what they carry beyond the
    source (北京 in 北京大興国際空港 is the translation of a neighbour of 大兴国际机场), then
    by the kanji they share with it (自動運転 for 自动驾驶, not 道路), then by length (the
    compound クロスボーダー, not クロス).
    """
    ranked = [(k, tgt, n, dice, same) for tgt, (k, n, dice, same) in targets.items() if k]
    ranked.sort(key=_first, reverse=True)
    return len(ranked), _ordered(stats, lang, src, ranked)


@lru_cache(maxsize=65536)
def _dice(both: int, total: int) -> tuple[float, float]:
    """Dice of `both` joint pairs over `total` pairs of the two sides, and rounded to
    two places (the ranking's; every source ranks many candidates of the same counts)."""
    dice = 2 * both / total
    return dice, round(dice, 2)


def _first(r: tuple) -> Any:
    return r[0]


def _ordered(
    stats: Stats, lang: str, src: str, ranked: list[tuple[Any, str, int, float, bool]]
) -> Iterator[tuple[str, int, float, bool]]:
    """`ranked` with the candidates tied with the best in tie order (least overreach,
    then most shared kanji, then longest; `_Overreach`), the best
    found first: most sources take one target (`_choose` stops there), and the best is
    the first candidate, by shared kanji and length, with no overreach (measuring the
    overreach is the cost: a small document ties many candidates at Dice 1.0). The
    whole order, as sorting by those keys gives it, only when a second one is asked for."""
    tied = [r for r in ranked if r[0] == ranked[0][0]] if ranked else []
    first = None
    if len(tied) > 1:
        kanji = {c for c in stats.fold(src) if HAN.match(c)}
        measure, memo = _Overreach(stats, lang, src), {}
        over = lambda t: memo[t] if t in memo else memo.setdefault(t, measure(t))  # noqa: E731
        if kanji:  # (shared kanji, length): by the folded forms `_rank` made
            fold = stats.fold
            cheap = {r[1]: (len(kanji.intersection(fold(r[1]))), len(r[1])) for r in tied}
        else:
            cheap = {r[1]: (0, len(r[1])) for r in tied}
        first = next(
            (r for r in sorted(tied, key=lambda r: cheap[r[1]], reverse=True) if not over(r[1])),
            None,
        )
        if first is not None:
            yield first[1:]
        tied.sort(key=lambda r: (-over(r[1]), *cheap[r[1]]), reverse=True)
        ranked[: len(tied)] = tied
    for r in ranked[1:] if first is not None else ranked:
        yield r[1:]


class _Overreach:
    """How often a word of a target is written, in the source language, next to the
    source rather than in it: then the target also translates a neighbour (北京 of
    北京大興国際空港). For one source against its tied candidates, which share the pairs
    looked at and their words: each (pair, word) is looked at once."""

    def __init__(self, stats: Stats, lang: str, src: str) -> None:
        self.stats, self.lang, self.other = stats, lang, other_lang(lang)
        self.key = stats.fold(src)
        self.posting = stats.posting[lang][src]
        self.src_id = stats.vocab[lang].index[src]
        self.seen: dict[tuple[int, str], bool] = {}  # (pair, word) -> outside the source?

    def __call__(self, tgt: str) -> int:
        stats = self.stats
        if not HAN.search(stats.fold(tgt)):
            return 0  # no word of it can be a kanji word (and analysing it is the cost)
        words = [w for w in stats.han_words_in(tgt, self.other) if w not in self.key]
        if not words:
            return 0
        n = 0
        for i in first_common(self.posting, stats.posting[self.other][tgt], EXAMPLES):
            for w in words:
                got = self.seen.get((i, w))
                if got is None:
                    got = self.seen[i, w] = self._outside(i, w)
                n += got
        return n

    def _outside(self, i: int, w: str) -> bool:
        p = self.stats.pairs[i]
        text = p.folded[self.lang]
        if w not in text:
            return False  # nowhere, inside the source or not
        spans = p.spans_at(self.lang, p.grams[self.lang].index(self.src_id))
        return _outside(text, w, spans)


def _outside(text: str, w: str, spans: list[tuple[int, int]]) -> bool:
    """Does `w` occur in `text` somewhere that overlaps none of `spans`?"""
    i = text.find(w)
    while i >= 0:
        if not any(a < i + len(w) and i < b for a, b in spans):
            return True
        i = text.find(w, i + 1)
    return False


def _residual(stats: Stats, lang: str, left: set[int], tgt: str, chosen: list[str]) -> bool:
    """Does `tgt` explain enough of the source's `left` pairs (those that no chosen target
    explains) and associate with it there? Dice over the unexplained pairs only.

    The target's unexplained pairs are counted only until Dice falls below the bar: a
    common target (a particle-like word) has thousands, and Dice only falls as they add up.
    """
    other = other_lang(lang)
    tgt_ids = stats.posting[other][tgt]
    both = len(left.intersection(tgt_ids))
    if both < MIN_PAIR_COUNT:
        return False
    keys = [stats.fold(c) for c in chosen]
    pairs, n_left, tgt_left = stats.pairs, len(left), 0
    for i in tgt_ids:
        text = pairs[i].folded[other]
        if not any(k in text for k in keys):
            tgt_left += 1
            if 2 * both / (n_left + tgt_left) < MIN_RESIDUAL_DICE:
                return False
    return 2 * both / (n_left + tgt_left) >= MIN_RESIDUAL_DICE


def mutual(chosen: dict[str, dict[str, list[dict[str, Any]]]]) -> Glossary:
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
