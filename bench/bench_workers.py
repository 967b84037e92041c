"""How throughput grows from one serving worker to two, with a load generator in C.

Issue #25: 2 workers ≥ 1.8× one worker on an idle machine. `bench_load.py` drives the
server from Python (asyncio, about half a millisecond of CPU a request), which on a
2-core machine takes a third of a core from the workers it measures. Here the load comes
from `wrk` (Debian's `wrk` package: C, a few microseconds a request), so the ratio says
what the server does. One-worker and two-worker servers on the same index are run
alternately, `--rounds` pairs; each run keeps `--connections` keep-alive connections
busy for `--duration` seconds over the reference queries (`GET /api/search`, 20 hits with
marks, as `bench_load.py`). Printed per run: requests/s, the server's CPU per request,
wrk's own CPU; then each pair's ratio, their median, and the target.

Run: `.venv/bin/python bench/bench_workers.py --index DIR [--rounds 3] [--duration 15]`
(needs `wrk`: `apt-get install wrk`).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import proctree
from bench_load import HOST, ROOT, TAIYAKU, free_port, queries, search_path, stop, wait_healthy

TARGET = 1.8

LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def run(index: Path, workers: int, args: argparse.Namespace, script: Path) -> dict:
    """One server with `workers` workers under wrk: requests/s and CPU."""
    port = free_port()
    env = dict(os.environ, TAIYAKU_INDEX_DIR=str(index), PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [*TAIYAKU, "serve", "--host", HOST, "--port", str(port),
         "--threads", str(args.threads), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_healthy(port, server, timeout=120)
        url = f"http://{HOST}:{port}"
        wrk = ["wrk", "-t", "1", "-c", str(args.connections), "-s", str(script), url]
        subprocess.run([*wrk, "-d", f"{args.warmup:g}s"], capture_output=True, check=True)
        cpu0, before = proctree.cpu_s(server.pid), resource.getrusage(resource.RUSAGE_CHILDREN)
        each0 = _each(server.pid)
        out = subprocess.run(
            [*wrk, "-d", f"{args.duration:g}s"], capture_output=True, text=True, check=True
        ).stdout
        srv = proctree.cpu_s(server.pid) - cpu0
        each = {p: c - each0.get(p, 0.0) for p, c in _each(server.pid).items()}
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        stop(server)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "workers": workers,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "server_ms": 1e3 * srv / max(requests, 1),
        "wrk_cpu_share": (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        / args.duration,
        "failed": int(errors.group(1)) if errors else 0,
        "busy": sorted((c / args.duration for c in each.values()), reverse=True)[:workers],
    }


def _each(pid: int) -> dict[int, float]:
    """CPU seconds of each process of the server's tree: a worker left without
    connections shows as one that is idle while the other is busy."""
    return {p: proctree.cpu_s_of(p) for p in proctree.tree(pid)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True, help="a built index folder")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=float, default=15.0)
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2, help="taiyaku serve --threads (its default)")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("bench_workers: needs wrk (apt-get install wrk)", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-workers-"))
    script = tmp / "queries.lua"
    script.write_text(LUA % ", ".join(f'"{search_path(q)}"' for q in queries()), "utf-8")
    print(f"{args.index}: {args.rounds} pairs of {args.duration:g} s runs, load {os.getloadavg()}")
    ratios = []
    try:
        for _ in range(args.rounds):
            pair = {}
            for workers in (1, 2):
                r = pair[workers] = run(args.index, workers, args, script)
                print(
                    f"  {workers} worker(s): {r['rps']:7.1f} requests/s, server "
                    f"{r['server_ms']:.2f} ms CPU a request, wrk {100 * r['wrk_cpu_share']:.0f}%"
                    f" of a core, {r['failed']} failed; workers busy "
                    + ", ".join(f"{100 * b:.0f}%" for b in r["busy"])
                )
                time.sleep(1)
            ratios.append(pair[2]["rps"] / pair[1]["rps"])
            print(f"  ratio {ratios[-1]:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = statistics.median(ratios)
    verdict = "met" if med >= TARGET else "NOT met"
    print(f"2 workers / 1 worker: median {med:.2f}x of {len(ratios)} pairs", end="")
    print(f" (target >= {TARGET}x on an idle machine) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
