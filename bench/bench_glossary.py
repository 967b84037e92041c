"""The glossary learner alone: CPU, peak RSS and output against a baseline commit, same run.

Runs `indexer.glossary.learn` on a clause file (`curated`: the project's
`data/glossary.tsv`, as `taiyaku build` passes it) in a fresh process per run, alternating
the working tree's code with a baseline commit's (extracted with `git archive`), so that
machine noise hits both alike; each run reports the CPU seconds of `learn` itself and the
process's peak RSS (the clauses read before are counted in it, as in a build). The two
glossaries must be byte-identical (`indexer.glossary.save`, PYTHONHASHSEED=0): the task
of issue #14 was to make learning cheaper without changing what it learns.

    .venv/bin/python bench/bench_glossary.py /tmp/scale_data/100/clauses.jsonl \\
        [--baseline 06760ed] [--rounds 2]

Prints each run, then medians, the CPU ratio (target: ≥ 2×) and whether outputs match.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0
RUNNER = """
import json, resource, sys
from pathlib import Path
import indexer.glossary as g
from indexer.records import read_clauses
clauses = list(read_clauses(Path(sys.argv[1])))
before = resource.getrusage(resource.RUSAGE_SELF)
gloss = g.learn(clauses, Path(sys.argv[3]))
after = resource.getrusage(resource.RUSAGE_SELF)
g.save(gloss, Path(sys.argv[2]))
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"cpu": cpu, "peak_mb": after.ru_maxrss / 1024}))
"""


def extract(commit: str, into: Path) -> Path:
    """The baseline commit's tree, unpacked under `into`."""
    archive = into / "baseline.tar"
    with archive.open("wb") as f:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit], stdout=f, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def run(code: Path, clauses: Path, out: Path, cache: Path) -> dict[str, float]:
    # One jieba model cache for both sides, built before the timed runs (`warm`).
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    env["TAIYAKU_CACHE_DIR"] = str(cache)
    curated = str(ROOT / "data" / "glossary.tsv")
    args = [sys.executable, "-c", RUNNER, str(clauses), str(out), curated]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=code)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clauses", type=Path, help="a clauses.jsonl (indexer.records)")
    ap.add_argument("--baseline", default="06760ed", help="commit to compare with")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        sides = {"baseline": extract(a.baseline, tmp_dir), "current": ROOT}
        cache = tmp_dir / "cache"
        warm = "from analyzers.chinese import segmenter; segmenter()"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TAIYAKU_CACHE_DIR": str(cache)}
        subprocess.run([sys.executable, "-c", warm], env=env, check=True, cwd=ROOT)
        got: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for r in range(a.rounds):
            for side, code in sides.items():
                load = os.getloadavg()[0]
                res = run(code, a.clauses, tmp_dir / f"{side}.json", cache)
                got[side].append(res)
                print(
                    f"round {r + 1} {side:8s} cpu {res['cpu']:7.1f} s  peak RSS "
                    f"{res['peak_mb']:6.0f} MB  (load {load:.1f})",
                    flush=True,
                )
        same = (tmp_dir / "baseline.json").read_bytes() == (tmp_dir / "current.json").read_bytes()
    med = {
        s: {k: statistics.median(r[k] for r in rs) for k in ("cpu", "peak_mb")}
        for s, rs in got.items()
    }
    ratio = med["baseline"]["cpu"] / med["current"]["cpu"]
    print(
        f"median cpu: baseline {med['baseline']['cpu']:.1f} s, current "
        f"{med['current']['cpu']:.1f} s: {ratio:.2f}x cheaper (target {TARGET_RATIO:.0f}x)"
    )
    print(
        f"median peak RSS: baseline {med['baseline']['peak_mb']:.0f} MB, current "
        f"{med['current']['peak_mb']:.0f} MB"
    )
    print(f"glossary.json identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
