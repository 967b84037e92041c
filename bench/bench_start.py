"""Cold starts: a one-shot `taiyaku search`, and the server from start to ready.

Each figure is a fresh process timed from outside (interpreter start-up counts), median
of `--repeat` runs, beside the same-run baseline of a bare `python -c pass` (what no
Python program can go below). Targets: one-shot search ≤ 1.0 s wall, ≤ 0.35 s CPU. The first query
after `/healthz` says ready is measured by `bench_load.py` (`first query`).

Python's bytecode cache is on, in a temporary folder (`PYTHONPYCACHEPREFIX`), as it is for
an installed package or a checkout Python may write to: with `PYTHONDONTWRITEBYTECODE`
set, every run would compile the project's modules again (~0.1 s) which no user pays.
The first, untimed run fills it (and jieba's lexicon cache).
Run: `.venv/bin/python bench/bench_start.py [--index DIR] [--repeat 5] [--query 跨境]`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
TARGET_CPU_S = 0.35  # issue #25: one-shot `taiyaku search` CPU


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one run of `cmd`; exits when it fails (an error path is not the
    start-up being measured: a stale or missing index answers in a tenth of the time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run = subprocess.run(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - t
    if run.returncode:
        sys.exit(
            f"bench_start: `{' '.join(cmd[2:])}` exited {run.returncode}: "
            f"{run.stderr.decode(errors='replace').strip()}\n"
            "Build the index (`make index`) or pass --index DIR."
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def median_of(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    runs = [timed(cmd, env) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, default=None, help="index folder [TAIYAKU_INDEX_DIR]")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--query", default="跨境")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.index:
        env["TAIYAKU_INDEX_DIR"] = str(args.index)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    search = [py, "-m", "search_app.cli", "search", args.query, "--limit", "20"]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="taiyaku-pyc-") as pyc:
        env["PYTHONPYCACHEPREFIX"] = pyc
        timed(search, env)  # once first: bytecode and the lexicon cache are written
        base_w, base_c = median_of([py, "-c", "pass"], env, args.repeat)
        wall, cpu = median_of(search, env, args.repeat)
    print(f"load average {load:.2f} -> {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"python -c pass           {base_w:.3f} s wall, {base_c:.3f} s CPU (baseline)")
    verdict = "PASS" if wall <= TARGET_S else "MISS"
    cpu_verdict = "PASS" if cpu <= TARGET_CPU_S else "MISS"
    print(
        f"taiyaku search {args.query}   {wall:.3f} s wall, {cpu:.3f} s CPU "
        f"(target <= {TARGET_S:g} s wall: {verdict}; <= {TARGET_CPU_S:g} s CPU: {cpu_verdict})"
    )


if __name__ == "__main__":
    main()
