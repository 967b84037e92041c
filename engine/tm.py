"""Sentence lookup: a pasted clause, or a new version of one, scored as CAT tools do.

A translator pastes what they see: a whole sentence, perhaps without its punctuation,
perhaps from a newer version with a few characters changed. As a term query that is one
long strict substring, and a two-character edit finds nothing. Translation memories
answer it in two steps, and so does this module:

1. candidates: clauses sharing many of the query's character bigrams, read from the
   n-gram layer (`han`) without positions, rarest bigrams first, so one common bigram
   does not flood the count;
2. score: per distinct text of each side, a Levenshtein similarity over the texts'
   letters, digits, kana and Han (folded; punctuation and spaces left out, so a copy
   without punctuation is still a near-100% match), 0-100. 100 is kept for an exact
   copy; a copy differing only in punctuation shows 99.

The hit carries the percentage, "exact" or "fuzzy", and the character spans of the
matched side that differ from the query (data, not HTML: see `Hit.diff`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from analyzers import legal, ngrams
from analyzers.sentence_key import GRAM_RUN, sentence_key
from engine.api import Hit
from engine.docsets import member
from engine.evaluate import Evaluator
from engine.expand import NGRAM_FIELD
from engine.order import Order, Part
from engine.ranking import Found

TM_MIN_CHARS = 12  # auto mode: a query this long (letters, kana, Han) is a pasted sentence
MIN_SIMILARITY = 50.0  # fuzzy matches below this are noise, not a version of the sentence
# A shorter paste (a short clause, a heading) is looked up too, but only a near copy of a
# whole clause counts: at 6-11 characters a 50% "match" is two words in common.
SHORT_MIN_CHARS = 6
SHORT_MIN_SIMILARITY = 80.0
CANDIDATE_GRAMS = 32  # the rarest query bigrams used to gather candidates
MIN_SHARED = 0.3  # a candidate has at least this share of those bigrams
MAX_CANDIDATES = 400  # clauses scored per request (copies of one text are scored once)
# `ngrams.is_gram_char` is `str.isalnum`; `\w` is exactly isalnum or "_" for str patterns
_SYNTAX = re.compile(r'"|\*|(?:^|\s)(?:-\S|NOT\s|OR\s)|\b(?:zh|ja|doc|item):\S')

Stored = Callable[[int], dict[str, Any]]


@dataclass(frozen=True)
class TmMatch:
    similarity: float
    kind: str  # "exact" | "fuzzy"
    side: str  # "zh" | "ja": the side the query was matched against


def wanted(q: str, mode: str) -> bool:
    """Sentence lookup for `mode="tm"`, or in auto mode for text of SHORT_MIN_CHARS or
    more without syntax (`min_similarity` says how close a short one must be)."""
    if mode != "auto":
        return mode == "tm"
    return len(compact(q)[0]) >= SHORT_MIN_CHARS and not _SYNTAX.search(q)


def is_sentence(q: str, mode: str) -> bool:
    """A pasted sentence rather than a term: `mode="tm"` or TM_MIN_CHARS or more."""
    return mode == "tm" or (mode == "auto" and len(compact(q)[0]) >= TM_MIN_CHARS)


def min_similarity(q: str, mode: str) -> float:
    """The lowest percentage shown: MIN_SIMILARITY for a sentence, SHORT_MIN_SIMILARITY
    for a short paste (only a near copy of a whole clause is a match)."""
    return MIN_SIMILARITY if is_sentence(q, mode) else SHORT_MIN_SIMILARITY


def compact(text: str) -> tuple[str, list[int]]:
    """`sentence_key(text)` and where each of its characters is in `text` (for the spans
    that differ)."""
    start = legal.label_end(text)
    key = ngrams.gram_key(text[start:])
    where = [start + i for m in GRAM_RUN.finditer(key) for i in range(m.start(), m.end())]
    return "".join(GRAM_RUN.findall(key)), where


def lookup(
    ev: Evaluator,
    stored: Stored,
    q: str,
    allowed: set[int] | None = None,
    floor_pct: float = MIN_SIMILARITY,
) -> dict[int, TmMatch]:
    """`{docnum: TmMatch}` of the clauses similar to `q`, at least `floor_pct`."""
    query, _ = compact(q)
    grams = {query[i : i + 2] for i in range(len(query) - 1)}
    dfs = [(ev.index.doc_frequency(NGRAM_FIELD, g), g) for g in grams]
    used = sorted((df, g) for df, g in dfs if df)[:CANDIDATE_GRAMS]
    if not used:
        return {}
    floor = max(1, round(MIN_SHARED * len(used)))
    ranked = _sharing(np.concatenate([ev.postings(NGRAM_FIELD, g).ids for _, g in used]), floor)
    if allowed is not None:
        ranked = [n for n in ranked if n in allowed]
    scored: dict[tuple[str, str], float] = {}
    out: dict[int, TmMatch] = {}
    cands = np.asarray(ranked[:MAX_CANDIDATES], dtype=np.int64)
    lengths = ev.index.sentence_key_lengths(cands)
    ok = reachable(len(query), lengths, floor_pct)
    # a candidate whose lengths alone keep it below the floor is not read at all
    for n, zh, ja in zip(*(a[ok[0] | ok[1]].tolist() for a in (cands, ok[0], ok[1])), strict=True):
        sides = [side for side, reach in (("zh", zh), ("ja", ja)) if reach]
        f = stored(n)
        best = max(
            (_similarity(q, query, f[f"{side}_text"], scored), side)
            for side in sides
            if f[f"{side}_text"]
        )
        if best[0] >= floor_pct:
            out[n] = TmMatch(best[0], "exact" if best[0] == 100 else "fuzzy", best[1])
    return out


def _sharing(ids: np.ndarray, floor: int) -> list[int]:
    """The documents found at least `floor` times in `ids` (the bigrams' posting lists,
    one after another), most often first, ties in order of first appearance: a
    `Counter`'s `most_common` order, counted in numpy rather than one id at a time."""
    docs, first, counts = np.unique(ids, return_index=True, return_counts=True)
    keep = counts >= floor
    order = np.lexsort((first[keep], -counts[keep]))
    return docs[keep][order].tolist()


def reachable(
    query_len: int, key_lens: tuple[np.ndarray, np.ndarray], floor_pct: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per side (zh, ja), which clauses' sentence-key lengths let them reach `floor_pct`.

    A Levenshtein distance is at least the difference of the lengths, so the normalised
    similarity of keys of lengths a and b is at most min(a, b) / max(a, b); the margin
    covers the rounding to one decimal.

    >>> [m.tolist() for m in reachable(8, (np.array([40, 0, 20]), np.array([9, 0, 4])), 80.0)]
    [[False, False, False], [True, False, False]]
    >>> [m.tolist() for m in reachable(10, (np.array([20]), np.array([4])), 50.0)]
    [[True], [False]]
    """
    out = []
    for n in key_lens:
        a = n.astype(np.float64)
        out.append(
            (a > 0)
            & (100 * np.minimum(query_len, a) / np.maximum(query_len, a) + 0.05 >= floor_pct)
        )
    return out[0], out[1]


def _similarity(q: str, query: str, text: str, seen: dict[tuple[str, str], float]) -> float:
    got = seen.get((q, text))
    if got is None:
        from rapidfuzz.distance import Levenshtein  # only sentence lookup needs it

        sim = 100 * Levenshtein.normalized_similarity(query, sentence_key(text))
        if q.strip() != text.strip():
            sim = min(sim, 99.0)  # 100 means the very sentence, punctuation included
        got = seen[q, text] = round(sim, 1)
    return got


def lead(found: Found, matches: dict[int, TmMatch]) -> None:
    """Put the sentence matches first, most similar first; the other hits follow."""
    if not matches:
        return
    first = sorted(matches, key=lambda n: (-matches[n].similarity, n))
    drop = np.sort(np.fromiter(matches, dtype=np.int64, count=len(matches)))
    parts, n_all = [Part(np.asarray(first, dtype=np.int64))], len(first)
    for p, head in zip(found.order.parts, found.tiers_of_parts(), strict=True):
        keep = ~member(p.ids, drop)
        parts.append(p.where(keep))
        n_all += int(keep.sum()) if head else 0
    found.order, found.matched_all = Order(parts), n_all


def annotate(hit: Hit, match: TmMatch, q: str) -> Hit:
    """The hit with its percentage, kind and the spans of its side that differ from `q`."""
    side = getattr(hit, match.side)
    spans = diff_spans(q, side.text) if side else []
    return replace(
        hit, match_kind=match.kind, similarity=match.similarity, diff={match.side: spans}
    )


def diff_spans(q: str, text: str) -> list[list[int]]:
    """[start, end] spans of `text` whose characters are not in the alignment with `q`.

    Alignment is over the gram characters only (folded), so kanji variants and
    punctuation are not marked as differences; spans map back to offsets in `text`.
    """
    from rapidfuzz.distance import Levenshtein

    a, _ = compact(q)
    b, where = compact(text)
    spans: list[list[int]] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag in ("replace", "insert") and op.dest_end > op.dest_start:
            start, end = where[op.dest_start], where[op.dest_end - 1] + 1
            if spans and spans[-1][1] == start:
                spans[-1][1] = end
            else:
                spans.append([start, end])
    return spans
