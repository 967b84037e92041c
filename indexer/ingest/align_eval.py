"""Measure the aligner on known pairs written back as two monolingual texts, perturbed.

Hand-checked fixtures are small; this makes a larger test honest. Aligned pairs (e.g. the
seed document's) are cut into runs, as a heading would cut them, each run written as a
Chinese and a Japanese list of sentences, and then damaged the way real sources are:
one side omits a sentence, merges two neighbours, splits one at a comma, or swaps two
neighbours. Every line remembers which original pairs it holds, so the true links are
known and the aligner's links are scored by precision and recall.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.ingest.sentence_align import align
from indexer.ingest.similarity import DEFAULT_RATIO

PERTURBATIONS = ("omit", "merge", "split", "swap")
_COMMAS = {"zh": "，；、", "ja": "、，；"}


@dataclass(frozen=True)
class Line:
    """One sentence of a generated text and the original pairs it holds."""

    text: str
    ids: frozenset[int]


@dataclass(frozen=True)
class Case:
    """A generated run: both sides' lines and the links that are true."""

    zh: tuple[Line, ...]
    ja: tuple[Line, ...]

    @property
    def gold(self) -> set[tuple[int, int]]:
        return {
            (i, j) for i, z in enumerate(self.zh) for j, x in enumerate(self.ja) if z.ids & x.ids
        }


def perturb(pairs: Sequence[tuple[str, str]], rng: random.Random) -> Case:
    """The pairs as two texts, each perturbation applied once, on a random side."""
    sides = {
        "zh": [Line(z, frozenset([k])) for k, (z, _) in enumerate(pairs)],
        "ja": [Line(j, frozenset([k])) for k, (_, j) in enumerate(pairs)],
    }
    for op in PERTURBATIONS:
        lang = rng.choice(("zh", "ja"))
        _apply(op, sides[lang], lang, rng)
    return Case(tuple(sides["zh"]), tuple(sides["ja"]))


def _apply(op: str, lines: list[Line], lang: str, rng: random.Random) -> None:
    if len(lines) < 3:
        return
    k = rng.randrange(len(lines) - 1)
    if op == "omit":
        del lines[k]
    elif op == "merge":
        a, b = lines[k], lines.pop(k + 1)
        lines[k] = Line(a.text + b.text, a.ids | b.ids)
    elif op == "swap":
        lines[k], lines[k + 1] = lines[k + 1], lines[k]
    else:
        order = list(range(len(lines)))
        rng.shuffle(order)
        for at in order:
            halves = _halves(lines[at].text, lang)
            if halves:
                lines[at : at + 1] = [Line(h, lines[at].ids) for h in halves]
                return


def _halves(text: str, lang: str) -> tuple[str, str] | None:
    """The text cut after the comma nearest its middle, if both halves have some length."""
    cuts = [i + 1 for i, c in enumerate(text) if c in _COMMAS[lang]]
    cuts = [c for c in cuts if 6 <= c <= len(text) - 6]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: abs(c - len(text) / 2))
    return text[:cut], text[cut:]


def cases(
    pairs: Sequence[tuple[str, str]], run: int = 10, seeds: Sequence[int] = (0,)
) -> list[Case]:
    """Runs of `run` consecutive pairs, each perturbed once per seed."""
    out = []
    for seed in seeds:
        rng = random.Random(seed)
        for start in range(0, len(pairs) - run + 1, run):
            out.append(perturb(pairs[start : start + run], rng))
    return out


Aligner = Callable[[list[str], list[str], float], list]


def links(case: Case, aligner: Aligner = align, ratio: float = DEFAULT_RATIO) -> set:
    """The (zh line, ja line) links the aligner makes on a case."""
    beads = aligner([z.text for z in case.zh], [j.text for j in case.ja], ratio)
    return {(i, j) for b in beads for i in b.zh for j in b.ja}


def score(found: set, gold: set) -> tuple[float, float, float]:
    """Link precision, recall and F1."""
    hit = len(found & gold)
    p, r = hit / max(1, len(found)), hit / max(1, len(gold))
    return p, r, 2 * p * r / max(1e-9, p + r)


def evaluate(
    all_cases: Sequence[Case], aligner: Aligner = align, ratio: float = DEFAULT_RATIO
) -> tuple[float, float, float]:
    """Micro-averaged link precision, recall, F1 over the cases."""
    found: set = set()
    gold: set = set()
    for n, case in enumerate(all_cases):
        found |= {(n, *x) for x in links(case, aligner, ratio)}
        gold |= {(n, *x) for x in case.gold}
    return score(found, gold)
