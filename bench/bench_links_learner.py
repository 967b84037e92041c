"""The links learner alone (`indexer.links.learn_links`): CPU and peak RSS, beside a baseline.

Issue #14: the build's two learners are its critical path and its peak memory. This
times `learn_links` on a scaled corpus (`corpus_gen.py`'s `clauses.jsonl`) with its
glossary loaded from a file (learned once with the code given, so both runs get the same
input), in a fresh process per run, alternating the code under test and a baseline tree
(e.g. `git archive 06760ed | tar -x -C /tmp/base`), and checks the two links files are
byte for byte the same. Prints medians, the CPU ratio against the target (at least 2x),
and the machine load.

    .venv/bin/python bench/bench_links_learner.py /tmp/scale_data/100 --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TARGET = 2.0  # CPU of the baseline over CPU of this code
CURATED = "glossary.tsv"


def child(data: Path, gloss: Path, out: Path, curated: Path) -> None:
    """One run, in this process: the learner's CPU seconds and the process's peak RSS."""
    from indexer import glossary, links
    from indexer.records import read_clauses

    clauses = list(read_clauses(data / "clauses.jsonl"))
    if not gloss.exists():  # learned once, by the first code run, for every later run
        glossary.save(glossary.learn(clauses, curated), gloss)
    learned = glossary.load(gloss)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = time.process_time()
    result = links.learn_links(clauses, learned, curated)
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    links.save(result, out)
    print(json.dumps({"cpu": cpu, "peak_mb": peak / 1024, "before_mb": before / 1024}))


def run(tree: Path, data: Path, gloss: Path, out: Path, curated: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(data)]
    cmd += ["--glossary", str(gloss), "--out", str(out), "--curated", str(curated)]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="folder with clauses.jsonl")
    ap.add_argument("--baseline", type=Path, help="source tree of the code to compare with")
    ap.add_argument("--glossary", type=Path, help="default: DATA/glossary_main.json")
    ap.add_argument("--curated", type=Path, default=HERE / "data" / CURATED)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("/tmp"))
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    gloss = a.glossary or a.data / "glossary_main.json"
    if a.child:
        return child(a.data, gloss, a.out, a.curated)
    trees = {"this": HERE} | ({"baseline": a.baseline} if a.baseline else {})
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    print(f"load before: {os.getloadavg()[0]:.2f}")
    for _ in range(a.rounds):
        for name, tree in trees.items():
            out = a.out / f"links_{a.data.name}_{name}.jsonl"
            runs[name].append(run(tree, a.data, gloss, out, a.curated))
            print(name, runs[name][-1], flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in runs.items()}
    for name, m in med.items():
        print(f"{name}: CPU {m['cpu']:.1f} s, peak RSS {m['peak_mb']:.0f} MB "
              f"({m['before_mb']:.0f} MB before the learner)")  # fmt: skip
    if a.baseline:
        ratio = med["baseline"]["cpu"] / med["this"]["cpu"]
        same = all(
            (a.out / f"links_{a.data.name}_{n}.jsonl").read_bytes()
            == (a.out / f"links_{a.data.name}_this.jsonl").read_bytes()
            for n in trees
        )
        print(f"CPU baseline/this: {ratio:.2f}x (target >= {TARGET}x); identical links: {same}")


if __name__ == "__main__":
    main()
