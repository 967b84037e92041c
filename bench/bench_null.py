"""Whether a NULL (omission) posterior of the aligner tells the words a translation leaves
out: a sweep over the prior, on the development sources. Kept as a negative result.

IBM Model 1 as fast_align runs it explains each target word of a pair by NULL (no
counterpart) with a fixed prior probability p0, or by one of the pair's m source words,
each with (1 − p0)/m, times the translation table t. The aligner of `indexer.links.model1`
trains with a flat NULL weight instead (`NULL_BOOST`), so this bench reads, from each
pair's posteriors, each word's posterior of NULL under a fixed p0, and drops — as an extra
last pass — the links resting on the aligner alone (codes `a`/`A`) whose Chinese or
Japanese word is more likely than `THRESHOLD` to be unaligned. Two NULL emissions:

- `learned`: t(word | NULL) as EM learned it (fast_align). NULL co-occurs with every word,
  so for a word seen once t(word | NULL) is about 1 / (the tokens NULL explains), while
  a source word seen once gives it t ≈ 1 / (its pair's unexplained words): its NULL
  posterior stays near 0 for any p0 short of 1, and nothing moves.
- `fixed u`: every word has the same emission u under NULL, so the NULL posterior falls
  as the mean t(word | source) × evidence over the pair's source words rises. It drops
  right guesses first: words with several renderings (说 ↔ 言わ, 言う, 言っ), names, the
  words of long pairs; a word seen once next to one free word of the other side is as
  well explained whether that word is its rendering or not.

The figures are links alone (no search), as `bench_passes.py` prints them: differences
from the links without the extra pass, in points. Held-out sources are refused. Run:
`.venv/bin/python bench/bench_null.py [--source NAME]...`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator

import numpy as np
from bench_passes import DEV, figures, prepared
from eval_corpora import corpora

from indexer.links import learn, learn_links, model1
from indexer.links.passes import Cells, Pair, Pass

THRESHOLD = 0.5  # a link is dropped when a word's NULL posterior is above this
GUESS = frozenset("aA")  # the aligner's codes: no evidence of what the words mean
# (name, emission, p0, u, rule): rule "either" drops when either word is likely
# unaligned, "both" when both are.
VARIANTS = [
    ("learned, p0 0.08", "learned", 0.08, 0.0, "either"),
    ("learned, p0 0.3", "learned", 0.3, 0.0, "either"),
    ("learned, p0 0.9", "learned", 0.9, 0.0, "either"),
    ("learned, p0 0.97", "learned", 0.97, 0.0, "either"),
    ("fixed u 0.1", "fixed", 0.08, 0.1, "either"),
    ("fixed u 0.17", "fixed", 0.08, 0.17, "either"),
    ("fixed u 0.35", "fixed", 0.08, 0.35, "either"),
    ("fixed u 0.23, both", "fixed", 0.08, 0.23, "both"),
]
MASS: dict[int, np.ndarray] = {}  # id(posterior matrix) -> mean t × boost per row


def recording(posteriors: Callable) -> Callable:
    """`model1.posteriors` that also keeps, per pair, each target word's mean
    t(word | source) × boost over its source words: the matrix is normalised, but its NULL
    column's unnormalised value is `NULL_BOOST` × t(word | NULL), read from the table."""

    def wrapped(c: model1.Corpus, table: model1.Table) -> Iterator[np.ndarray]:
        for p, post in enumerate(posteriors(c, table)):
            tgt = c.tgt[c.tgt_first[p] : c.tgt_first[p + 1]]
            t0 = table.t[np.searchsorted(table.keys, tgt)] if table.size else np.zeros(len(tgt))
            null = post[:, 0]
            with np.errstate(divide="ignore", invalid="ignore"):
                total = np.where(null > 0, model1.NULL_BOOST * t0 / null, np.inf)
            MASS[id(post)] = total * (1 - null) / max(post.shape[1] - 1, 1)
            yield post

    return wrapped


def null_posterior(post: np.ndarray, mass: np.ndarray, emission: str, p0: float, u: float):
    """Each target word's posterior of NULL under the fixed prior p0."""
    m = max(post.shape[1] - 1, 1)
    if emission == "learned":  # odds of NULL rescaled from the flat weight to p0
        rest = np.maximum(post[:, 1:].sum(1), 1e-300)
        odds = (p0 / (1 - p0)) * m * (post[:, 0] / model1.NULL_BOOST) / rest
        return odds / (1 + odds)
    return p0 * u / (p0 * u + (1 - p0) * mass)


def dropping(emission: str, p0: float, u: float, rule: str, dropped: list[int]) -> Pass:
    """The extra last pass: drop guesses on words likely unaligned."""

    def drop(cells: Cells, x: Pair) -> Cells:
        zh = null_posterior(x.backward, MASS[id(x.backward)], emission, p0, u)
        ja = null_posterior(x.forward, MASS[id(x.forward)], emission, p0, u)
        both = rule == "both"
        for (i, k), (_, codes) in list(cells.items()):
            pz, pj = zh.item(i), ja.item(k)
            if set(codes) <= GUESS and (min(pz, pj) if both else max(pz, pj)) > THRESHOLD:
                del cells[i, k]
                dropped[0] += 1
        return cells

    return Pass("null", drop, drop, aligner=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", action="append", choices=DEV)
    args = ap.parse_args()
    print(f"machine load: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    model1.posteriors = recording(model1.posteriors)
    passes = learn.PASSES
    with corpora(args.source or DEV) as (data, case_sets):
        clauses, curated, texts, gloss = prepared(data)
        learned = {"without": learn_links(clauses, gloss, curated)}
        counts = {}
        for name, *variant in VARIANTS:
            dropped = [0]
            learn.PASSES = (*passes, dropping(*variant, dropped))
            learned[name] = learn_links(clauses, gloss, curated)
            counts[name] = dropped[0]
            MASS.clear()
        learn.PASSES = passes
        head = f"{'recall':>7} {'wrong':>7} {'sure rec':>8} {'sure prec':>9}"
        print("rows: links without the NULL pass, then with it (points vs without; cells dropped)")
        for label, cases in case_sets.items():
            base = figures(cases, texts, learned["without"])
            print(f"\n{label}: {len(cases)} cases\n  {'':<22} {head}")
            print(f"  {'without':<22}" + "".join(f" {v:7.1f}" for v in base))
            for name, *_ in VARIANTS:
                got = figures(cases, texts, learned[name])
                diffs = "".join(f" {g - b:+7.1f}" for g, b in zip(got, base, strict=True))
                print(f"  {name:<22}{diffs}   ({counts[name]} cells)")


if __name__ == "__main__":
    main()
