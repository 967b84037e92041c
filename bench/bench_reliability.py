"""`taiyaku serve` under load with and without 300 slow sockets held open (issue #9).

Builds the seed index into a temporary folder, starts `taiyaku serve` on 127.0.0.1 (a free
port) and runs four rounds of `--duration` seconds each, every round after a short
warm-up: 16 and 64 keep-alive connections sending search queries (the reference queries,
`GET /api/search?q=…&limit=20`) back to back, first alone (the baseline) and then while
300 slow sockets are held open (each connects, sends half a request line and headers, and
idles; one the server closes after its idle timeout is reopened, so the 300 stay). Prints
requests/s, p50 and p99 latency and failed requests per round, each beside its target
(every request answered; p99 under 1 s at 16 connections) and beside the baseline of the
same connection count in this run, plus how many slow sockets the server cut (waitress
`channel_timeout`). Loopback only; every loop is bounded by time or count; the server is
stopped and the folder removed at the end. Asserts nothing.

    .venv/bin/python bench/bench_reliability.py [--duration 10] [--slow 300] [--threads 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_load import (
    HOST,
    ROOT,
    TAIYAKU,
    Log,
    free_port,
    pct,
    queries,
    search_path,
    stop,
    wait_healthy,
    worker,
)

TARGET_P99_MS_AT_16 = 1000.0
WARMUP_S = 2.0


async def hold_slow(port: int, n: int, until: float, stats: dict) -> None:
    """Keep `n` half-sent requests open until `until`; reopen any the server closes."""

    async def one(k: int) -> None:
        while time.perf_counter() < until:
            try:
                reader, writer = await asyncio.open_connection(HOST, port)
            except OSError:
                stats["refused"] += 1
                await asyncio.sleep(0.5)
                continue
            writer.write(f"GET /healthz?slow={k} HTTP/1.1\r\nHost: {HOST}\r\n".encode())
            stats["open"] += 1
            try:
                left = max(0.01, until - time.perf_counter())
                if await asyncio.wait_for(reader.read(1), left) == b"":
                    stats["cut"] += 1  # closed by the server's idle timeout
            except (TimeoutError, OSError):
                pass
            finally:
                stats["open"] -= 1
                writer.close()

    await asyncio.gather(*(one(k) for k in range(n)))


async def round_(port: int, conns: int, slow: int, duration: float) -> dict:
    paths = [search_path(q) for q in queries()]
    stats = {"open": 0, "cut": 0, "refused": 0}
    start = time.perf_counter()
    end = start + WARMUP_S + duration + (1.0 if slow else 0.0)
    holder = asyncio.create_task(hold_slow(port, slow, end, stats)) if slow else None
    if slow:
        await asyncio.sleep(1.0)  # all slow sockets connected before the load starts
    held_at_start = stats["open"]
    warm = Log()
    t0 = time.perf_counter()
    await asyncio.gather(
        *(worker(k, port, paths, t0, t0 + WARMUP_S, 10**6, warm) for k in range(conns))
    )
    log = Log()
    t0 = time.perf_counter()
    await asyncio.gather(
        *(worker(k, port, paths, t0, t0 + duration, 10**6, log) for k in range(conns))
    )
    elapsed = time.perf_counter() - t0
    if holder:
        await holder
    ok = [ms for ms, err in zip(log.ms, log.error, strict=True) if err is None]
    return {
        "conns": conns,
        "slow": slow,
        "held": held_at_start,
        "cut": stats["cut"],
        "refused": stats["refused"],
        "requests": len(log.ms),
        "failed": len(log.ms) - len(ok),
        "rps": len(ok) / elapsed,
        "p50": pct(ok, 50) if ok else float("nan"),
        "p99": pct(ok, 99) if ok else float("nan"),
    }


def report(rows: list[dict]) -> str:
    base = {r["conns"]: r for r in rows if not r["slow"]}
    out = [f"{'round':<34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'failed':>7}  verdict"]
    for r in rows:
        name = f"{r['conns']} conns" + (
            f" + {r['slow']} slow ({r['held']} held)" if r["slow"] else ""
        )
        target_ok = r["failed"] == 0 and (r["conns"] != 16 or r["p99"] < TARGET_P99_MS_AT_16)
        verdict = "PASS" if target_ok else "MISS"
        out.append(
            f"{name:<34} {r['rps']:7.1f} {r['p50']:7.1f} {r['p99']:7.1f}"
            f" {r['failed']:7d}  {verdict}"
        )
        if r["slow"]:
            b = base[r["conns"]]
            out.append(
                f"{'':<34} baseline {b['rps']:.1f} req/s, p99 {b['p99']:.1f} ms:"
                f" ratio req/s {r['rps'] / b['rps']:.2f}, p99 {r['p99'] / b['p99']:.2f};"
                f" slow sockets cut by the server {r['cut']}, refused {r['refused']}"
            )
    out.append(
        f"targets: every request answered (failed 0); p99 < {TARGET_P99_MS_AT_16:.0f} ms"
        " at 16 connections, with and without the slow sockets"
    )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=10.0, help="measured seconds per round")
    ap.add_argument("--slow", type=int, default=300, help="slow sockets held open")
    ap.add_argument("--threads", type=int, default=8, help="taiyaku serve --threads")
    args = ap.parse_args()
    if not (0 < args.duration <= 300 and 0 < args.slow <= 900):
        ap.error("need 0 < duration <= 300 and 0 < slow <= 900")
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-rel-"))
    env = dict(os.environ, TAIYAKU_INDEX_DIR=str(tmp / "index"), PYTHONUNBUFFERED="1")
    server = None
    try:
        subprocess.run(
            [*TAIYAKU, "build"], cwd=ROOT, env=env, capture_output=True, timeout=300, check=True
        )
        port = free_port()
        cmd = [
            *TAIYAKU,
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ]
        server = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_healthy(port, server)
        rows = [
            asyncio.run(round_(port, conns, slow, args.duration))
            for slow in (0, args.slow)
            for conns in (16, 64)
        ]
        alive = server.poll() is None
    except (RuntimeError, subprocess.SubprocessError) as e:
        print(f"bench_reliability: {e}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    print(report(rows))
    print(f"server alive at the end: {alive}")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
