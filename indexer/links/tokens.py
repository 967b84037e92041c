"""The words of one aligned pair that links are made between, with what each needs.

Links join the words the query analyzers keep (`mode="query"`: particles and punctuation
dropped), so that a query's span always meets the words a link starts from. Each word
carries its folded form (贸易 and 貿易 alike, Latin lowercased) as its vocabulary key, and
a katakana word its English origin from UniDic's lemma (データ-data): the loanword
evidence. Identical pairs (the same clause in several documents) are tokenised once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from analyzers import chinese, japanese
from analyzers.folding import fold
from indexer.records import Clause

Span = tuple[int, int]
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")


@dataclass(frozen=True)
class Side:
    """One language side of a pair: text, word spans, folded word keys."""

    text: str
    spans: tuple[Span, ...]
    keys: tuple[str, ...]
    folded: str  # the text folded and lowercased (same length: offsets hold)


@dataclass(frozen=True)
class PairTokens:
    """A distinct aligned pair and the clause ids that share its text."""

    ids: tuple[str, ...]
    zh: Side
    ja: Side


def side(text: str, lang: str) -> Side:
    """Tokenise one side in query mode; keys are folded and lowercased surfaces."""
    words = (chinese.words if lang == "zh" else japanese.words)(text, mode="query")
    folded = fold(text).lower()
    spans = tuple((s, e) for _, s, e in words)
    return Side(text, spans, tuple(folded[s:e] for s, e in spans), folded)


def distinct_pairs(clauses: Sequence[Clause]) -> list[PairTokens]:
    """Pairs with both sides, each distinct (zh, ja) text once, in first-seen order."""
    ids: dict[tuple[str, str], list[str]] = {}
    for c in clauses:
        if c.zh and c.ja:
            ids.setdefault((c.zh, c.ja), []).append(c.id)
    return [PairTokens(tuple(v), side(z, "zh"), side(j, "ja")) for (z, j), v in ids.items()]


@lru_cache(maxsize=65536)
def loan_origin(word: str) -> str:
    """The English origin UniDic gives a katakana word (データ → "data"), else "".

    The word is parsed alone: context rarely changes a katakana word's entry, and a
    per-surface cache keeps this cheap on a large corpus.
    """
    if not _KATAKANA.fullmatch(word):
        return ""
    nodes = list(japanese.tagger()(word))
    if len(nodes) != 1:
        return ""
    feature = nodes[0].feature
    lemma = feature[7] if len(feature) > 7 else ""
    _, _, origin = lemma.partition("-")
    return origin.lower() if origin.isascii() else ""
