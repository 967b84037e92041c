"""Scoring counterpart marks against hand-checked cases (tests/spotting/cases.jsonl).

A case names a pair, a term of one side and the exact substrings of the other side that
translate it (none when the translator left it out). The term's occurrences are the query
spans; `counterpart_marks` gives the marks. A case is found when a mark overlaps a listed
counterpart occurrence; a mark overlapping none of them is wrong. Used by the spotting
bench and by the test that holds the figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.counterparts import Span, counterpart_marks


@dataclass
class Score:
    """Counts over a set of cases: recall over cases with a counterpart, wrong marks
    over all cases."""

    cases: int = 0
    with_counterpart: int = 0
    found: int = 0
    wrong: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.with_counterpart if self.with_counterpart else 1.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.cases if self.cases else 0.0


def read_cases(path: Path) -> list[dict[str, Any]]:
    """Cases with their 1-based line number (`line`): even lines develop, odd hold out."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            out.append({**json.loads(line), "line": n})
    return out


def occurrences(text: str, sub: str) -> list[Span]:
    """Every (possibly overlapping) occurrence of `sub` in `text`."""
    out, i = [], text.find(sub) if sub else -1
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + 1)
    return out


def score(
    cases: Iterable[dict[str, Any]],
    texts: Callable[[str], tuple[str, str]],
    links: Callable[[str], Sequence],
    kinds: frozenset[str] = frozenset({"counterpart", "probable"}),
) -> Score:
    """Score `cases`; `texts(pair)` → (zh, ja), `links(pair)` → the pair's links; only
    marks of `kinds` count (the "counterpart" ones alone: what a sure-only display shows)."""
    s = Score()
    for case in cases:
        zh, ja = texts(case["pair"])
        src, dst = (zh, ja) if case["dir"] == "zh2ja" else (ja, zh)
        marks = counterpart_marks(
            occurrences(src, case["term"]), links(case["pair"]), case["dir"][:2]
        )
        spans = [(a, b) for a, b, kind in marks if kind in kinds]
        if not _judge(s, case, spans, dst) or len(spans) > _right(case, spans, dst):
            s.misses.append({**case, "marks": [dst[a:b] for a, b in spans]})
    return s


def _right(case: dict[str, Any], spans: list[Span], dst: str) -> int:
    """How many of `spans` overlap an occurrence of one of the case's counterparts."""
    gold = [o for cp in case["counterpart"] for o in occurrences(dst, cp)]
    return sum(1 for m in spans if any(m[0] < b and a < m[1] for a, b in gold))


def _judge(s: Score, case: dict[str, Any], spans: list[Span], dst: str) -> bool:
    """Count one case into `s`: a mark on no counterpart occurrence is wrong; the case is
    found when some mark is right. Returns whether it was found (or had nothing to find)."""
    right = _right(case, spans, dst)
    s.cases += 1
    s.wrong += len(spans) - right
    if case["counterpart"]:
        s.with_counterpart += 1
        s.found += bool(right)
        return bool(right)
    return True


def score_search(
    cases: Iterable[dict[str, Any]],
    search: Callable[[str, str], Any],
    wrap: Callable[[str], str] = lambda term: term,
    kinds: frozenset[str] = frozenset({"counterpart", "probable"}),
) -> Score:
    """Score `cases` end to end: each term (as `wrap` pastes it) searched as a user would,
    through `search(query, lang)` → a `SearchResult` over every hit (`lang`: the side the
    case's term is on, as a user says which language they type; a Han term such as 国家
    is on both sides, and only its language says which side the counterpart is on); the
    case's pair must be among the hits, and the marks of `kinds` on its other side are
    judged as in `score`."""
    s = Score()
    for case in cases:
        src_lang, dst_lang = case["dir"][:2], case["dir"][3:]
        result = search(wrap(case["term"]), src_lang)
        hit = next((h for h in result.hits if h.id == case["pair"]), None)
        side = getattr(hit, dst_lang) if hit else None
        marks = [(m.start, m.end) for m in (side.marks if side else []) if m.kind in kinds]
        dst = side.text if side else ""
        # a mark on another occurrence of the counterpart's own words is not wrong
        if not _judge(s, case, marks, dst):
            s.misses.append({**case, "marked": [dst[a:b] for a, b in marks], "hit": bool(hit)})
    return s
