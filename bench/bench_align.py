"""Alignment accuracy: the hand-checked fixture pair, and the seed pairs perturbed.

Two measurements of link precision / recall / F1:
- the fixture `tests/ingest/fixtures/align.{zh,ja}.txt` against `align_gold.tsv`
  (reordered, merged, split and omitted sentences, checked by hand);
- generated runs (`indexer.ingest.align_eval`): the seed document's aligned pairs, in
  runs of `--run` pairs, written as two monolingual texts with one omission, one merge,
  one split and one swap of neighbours per run, for each of `--seeds` seeds.
Each configuration is the same aligner with one piece of evidence or one mechanism
taken out, all in the same run, beside the target.
Run: `.venv/bin/python bench/bench_align.py [--run 10] [--seeds 5]`.
"""

from __future__ import annotations

import argparse
import time
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

from indexer.ingest import align as align_module
from indexer.ingest import align_eval, lexicon
from indexer.ingest import similarity as sim
from indexer.ingest.corpus import build_corpus

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "ingest" / "fixtures"
TARGET_F1 = 0.9

# name -> patches (module, attribute, value) that take one thing out
CONFIGS: dict[str, list[tuple[object, str, object]]] = {
    "full": [],
    "no swap bead": [(align_module, "SHAPES", align_module.SHAPES[:-1])],
    "no merge guard": [(align_module, "UNSUPPORTED_PART", 0.0)],
    "no reorder pass": [(align_module, "REORDER_MIN", 9.0)],
    "no word evidence": [(sim, "WORD_WEIGHT", 0.0)],
    "no dictionary": [(lexicon, "USE_DICTIONARY", False)],
    "no anchors": [(sim, "ANCHOR_WEIGHT", 0.0)],
    "length only": [(sim, "_content", lambda fz, fj, zh, ja: 0.0)],
}


def fixture_case() -> align_eval.Case:
    """The hand-checked pair as a Case: line ids from the gold file's rows."""
    zh = (FIX / "align.zh.txt").read_text(encoding="utf-8").splitlines()
    ja = (FIX / "align.ja.txt").read_text(encoding="utf-8").splitlines()
    zid: dict[int, set[int]] = {i: set() for i in range(len(zh))}
    jid: dict[int, set[int]] = {j: set() for j in range(len(ja))}
    rows = [r for r in (FIX / "align_gold.tsv").read_text("utf-8").splitlines() if r[:1] != "#"]
    for k, row in enumerate(rows):
        z, _, j = row.partition("\t")
        for i in filter(None, z.split(",")):
            zid[int(i)].add(k)
        for i in filter(None, j.split(",")):
            jid[int(i)].add(k)
    return align_eval.Case(
        tuple(align_eval.Line(t, frozenset(zid[i])) for i, t in enumerate(zh)),
        tuple(align_eval.Line(t, frozenset(jid[i])) for i, t in enumerate(ja)),
    )


def seed_pairs() -> list[tuple[str, str]]:
    """The seed document's aligned text pairs, through the ingestion API."""
    corpus = build_corpus(ROOT / "data")
    return [(c.zh, c.ja) for c in corpus.clauses if c.kind == "text" and c.zh and c.ja]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--run", type=int, default=10, help="pairs per generated run")
    parser.add_argument("--seeds", type=int, default=5, help="perturbations per run")
    args = parser.parse_args()
    pairs = seed_pairs()
    ratio = sim.estimate_ratio(pairs)
    generated = align_eval.cases(pairs, args.run, range(args.seeds))
    fixture = [fixture_case()]
    links = sum(len(c.gold) for c in generated)
    print(f"generated: {len(generated)} runs, {links} true links from {len(pairs)} seed pairs")
    print(f"{'configuration':<18} {'fixture P/R/F1':>20} {'generated P/R/F1':>20}  seconds")
    for name, patches in CONFIGS.items():
        with ExitStack() as stack:
            for module, attr, value in patches:
                stack.enter_context(mock.patch.object(module, attr, value))
            sim.features.cache_clear()
            lexicon._piece_words.cache_clear()
            sim.similarity.cache_clear()
            start = time.perf_counter()
            fx = align_eval.evaluate(fixture, ratio=sim.DEFAULT_RATIO)
            gen = align_eval.evaluate(generated, ratio=ratio)
            took = time.perf_counter() - start
        cells = ["/".join(f"{x:.2f}" for x in v) for v in (fx, gen)]
        print(f"{name:<18} {cells[0]:>20} {cells[1]:>20}  {took:7.1f}")
    print(f"target: F1 ≥ {TARGET_F1} on both")


if __name__ == "__main__":
    main()
