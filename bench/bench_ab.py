"""Two versions of the search core on the same index, alternated query by query.

On a shared machine whose speed drifts from minute to minute, two runs taken one after
the other compare the minutes as much as the code. Here two worker processes — one per
source tree (`git worktree add` or `git archive` of a commit; the compiled phrase module
copied in) — each open the index once, and the driver asks them the bench queries in
turn, alternating which goes first each round, so both see the same moments. Printed:
each tree's CPU p50 / p95 / p99 / mean per query and the ratios B / A.

Run: `.venv/bin/python bench/bench_ab.py OLD_TREE NEW_TREE --index DIR [--rounds 10]
[--cold]` (`--cold`: nothing kept between requests, as `open_engine(..., panels_kept=0,
marks_kept=0, queries_kept=False)` where the tree has it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def worker(index: str, kept: dict) -> None:
    """Answer each query line on stdin with the CPU nanoseconds of one search."""
    import inspect

    from engine import SearchRequest, open_engine

    if kept and "queries_kept" in inspect.signature(open_engine).parameters:
        kept = {**kept, "queries_kept": False}  # a tree that keeps queries' range bounds
    eng = open_engine(index, **kept)
    for line in sys.stdin:
        t = time.thread_time_ns()
        eng.search(SearchRequest(json.loads(line)))
        sys.stdout.write(f"{time.thread_time_ns() - t}\n")
        sys.stdout.flush()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs=2, type=Path, help="tree A (before), tree B (after)")
    ap.add_argument("--index", required=True)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    kept = {"panels_kept": 0, "marks_kept": 0} if args.cold else {}
    if args.worker:
        worker(args.index, kept)
        return
    sys.path.insert(0, str(BENCH))
    from bench_search import queries

    procs = []
    for tree in args.trees:
        env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
        cmd = [sys.executable, __file__, *map(str, args.trees), "--index", args.index, "--worker"]
        cmd += ["--cold"] if args.cold else []
        procs.append(
            subprocess.Popen(
                cmd, cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        )

    def ask(p: subprocess.Popen, q: str) -> float:
        p.stdin.write(json.dumps(q, ensure_ascii=False) + "\n")
        p.stdin.flush()
        return int(p.stdout.readline()) / 1e6

    qs = queries()
    for q in qs:  # warm both
        for p in procs:
            ask(p, q)
    times: list[list[float]] = [[], []]
    for r in range(args.rounds):
        for q in qs:
            for i in (0, 1) if r % 2 == 0 else (1, 0):
                times[i].append(ask(procs[i], q))
    for p in procs:
        p.stdin.close()
        p.wait()
    print(f"{args.index}: {args.rounds} rounds x {len(qs)} queries, load {os.getloadavg()[0]:.2f}")
    for tree, t in zip(args.trees, times, strict=True):
        print(
            f"  {tree}: CPU p50 {pct(t, 0.5):.3f}, p95 {pct(t, 0.95):.3f}, "
            f"p99 {pct(t, 0.99):.3f}, mean {statistics.mean(t):.3f} ms"
        )
    a, b = times
    print(
        f"  B / A: p50 {pct(b, 0.5) / pct(a, 0.5):.2f}, p95 {pct(b, 0.95) / pct(a, 0.95):.2f}, "
        f"mean {statistics.mean(b) / statistics.mean(a):.2f}"
    )


if __name__ == "__main__":
    main()
