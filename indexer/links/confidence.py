"""Calibrated confidence: whether a link is marked sure (`counterpart`), `probable`, or not
at all.

A link's *signature* is what kinds of evidence it rests on (`CLASSES`: S a strong source,
M a source of meaning, K a kanji in common, g a glossary entry of two pairs), whether both
alignment directions agreed (A), and its confidence in three bins (a guess by place alone,
below `HIGH`, from `HIGH` on): few enough keys that each is seen often. How often links
of a signature mark the right words is measured on the development sources of the
spotting evaluation (`bench/calibrate_marks.py`, never on held-out text) and written to
`storage/link_calibration.json` (read by `storage.links_file.tier`, so readers of a
links file decode a link's kind without the learner): a signature right at least `SURE_PRECISION` of
the time is sure, one right at least `PROBABLE_PRECISION` of the time is probable, one
right less often is no mark (`decide`: beyond chance only) — a word the translation
leaves out is where such guesses land. A signature the table does not name keeps the
rule of `storage.links_file.is_probable` (a strong source, or both directions sure, is sure).
"""

from __future__ import annotations

import math

from storage.links_file import TABLE, Link, signature, table, tier  # noqa: F401 (re-exported)

SURE_PRECISION = 0.97
PROBABLE_PRECISION = 0.5
MIN_SEEN = 10  # a signature seen fewer times on the development sources keeps the rule


def marked(links: list[Link], calibrated: dict[str, str] | None = None) -> list[Link]:
    """The links that make a mark (tier not "none")."""
    return [lk for lk in links if tier(lk[4], lk[5], calibrated) != "none"]


def decide(right: int, seen: int, rule: str) -> str | None:
    """The tier a signature earns from its record on the development sources, or None
    (the rule stands). The record moves a signature only when it says so beyond chance
    (Wilson 95% interval): a sure one is demoted when even the interval's top is below
    `SURE_PRECISION`, promoted when its bottom reaches it; a signature whose top is below
    `PROBABLE_PRECISION` makes no mark.

    >>> decide(33, 38, "counterpart"), decide(29, 30, "counterpart"), decide(3, 20, "probable")
    ('probable', None, 'none')
    """
    if seen < MIN_SEEN:
        return None
    low, high = wilson(right, seen)
    if high < PROBABLE_PRECISION:
        out = "none"
    elif high < SURE_PRECISION:
        out = "probable"
    elif low >= SURE_PRECISION:
        out = "counterpart"
    else:
        return None
    return out if out != rule else None


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half
