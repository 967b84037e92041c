"""Counting a search's marks against a case, and the figures with their intervals.

A mark counts when it overlaps an occurrence of one of the case's counterparts in the
other side's text (the same rule as the seed's cases: any occurrence of the rendering
counts). A case is *found* when some mark (sure or probable) is right, *found sure* when
a sure (`counterpart`) mark is; it *carries a wrong mark* when any mark overlaps no
occurrence (for an omitted word, any mark at all). Precision is counted over marks.
Intervals are Wilson score intervals at 95%, which stay inside [0, 1] and behave on small
counts and on proportions near 0 or 1, where the normal approximation does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

from eval.cases import Case

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials (0, 1 when n is 0)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def occurrences(text: str, sub: str) -> list[tuple[int, int]]:
    """Every (possibly overlapping) occurrence of `sub` in `text`."""
    out, i = [], text.find(sub) if sub else -1
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + 1)
    return out


@dataclass
class Tally:
    """Counts over a set of cases; the figures are properties."""

    cases: int = 0
    with_counterpart: int = 0
    found: int = 0
    found_sure: int = 0
    wrong_cases: int = 0
    sure_marks: int = 0
    sure_right: int = 0
    probable_marks: int = 0
    probable_right: int = 0
    pair_missing: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def figures(self) -> dict[str, tuple[int, int]]:
        """Each figure as (successes, trials)."""
        return {
            "recall": (self.found, self.with_counterpart),
            "wrong": (self.wrong_cases, self.cases),
            "sure recall": (self.found_sure, self.with_counterpart),
            "sure precision": (self.sure_right, self.sure_marks),
            "probable precision": (self.probable_right, self.probable_marks),
        }


def judge(case: Case, text: str | None, marks: list[tuple[int, int, str]]) -> Tally:
    """Count one case: `text` is the other side of the case's pair as returned (None when
    the pair was not among the hits), `marks` its (start, end, kind) marks."""
    t = Tally(cases=1, with_counterpart=int(bool(case.counterpart)))
    if text is None:
        t.pair_missing = 1
        t.misses.append({"case": case, "marked": [], "why": "pair not found"})
        return t
    gold = [o for cp in case.counterpart for o in occurrences(text, cp)]
    right = {
        (a, b, k): any(a < e and s < b for s, e in gold)
        for a, b, k in marks
        if k in ("counterpart", "probable")
    }
    for (_, _, kind), ok in right.items():
        if kind == "counterpart":
            t.sure_marks += 1
            t.sure_right += ok
        else:
            t.probable_marks += 1
            t.probable_right += ok
    t.found = int(any(right.values()))
    t.found_sure = int(any(ok for (_, _, k), ok in right.items() if k == "counterpart"))
    t.wrong_cases = int(not all(right.values()))
    if (case.counterpart and not t.found) or t.wrong_cases:
        marked = [f"{text[a:b]}({k[0]})" for (a, b, k) in right]
        t.misses.append(
            {"case": case, "marked": marked, "why": "wrong" if t.wrong_cases else "miss"}
        )
    return t
