"""Load on `taiyaku serve` over loopback, with an index swap (`taiyaku build`) mid-run.

Builds an index into a temporary folder, starts `taiyaku serve` on 127.0.0.1 (a free
port, `TAIYAKU_INDEX_DIR` pointing at that folder), waits for /healthz, warms up, then
keeps `--concurrency` keep-alive HTTP/1.1 connections busy for `--duration` seconds,
cycling through the reference queries (`GET /api/search?q=...&limit=20`). At 40% of the
run a `taiyaku build` (always a full rebuild without `--if-stale`) publishes a new
generation into the same folder; the time CURRENT changed and the time the server first
reported the new generation (`/api/stats`) are recorded.

A request fails when the status is not 200, the body is not a JSON object with a `hits`
list, or the connection errs or times out. Prints requests/s, latency percentiles,
failures (in all and within ±5 s of the swap), CPU seconds of the server, of the load
generator itself (one asyncio thread in this process) and of the build, and the targets
(≥ 300 requests/s, p99 ≤ 150 ms, no failed request across the swap) with PASS/MISS,
and the server's CPU per request beside the budget 300 requests/s leaves on this
machine's cores (the figure to compare when other processes share the machine).
Asserts nothing; the exit status is 0 unless the run itself could not be made.

    .venv/bin/python bench/bench_load.py [--duration 30] [--concurrency 16] [--threads 2]
                                         [--no-swap] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import proctree

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "reference" / "public.json"
HOST = "127.0.0.1"  # loopback only, by construction: there is no flag to change it
TAIYAKU = [sys.executable, "-m", "search_app.cli"]

TARGET_RPS = 300.0  # issue #14 at the seed corpus, 16 connections, machine otherwise idle
TARGET_P99_MS = 150.0
SWAP_WINDOW_S = 5.0
REQUEST_TIMEOUT_S = 10.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- queries ---------------------------------------------------------------------------
def queries() -> list[str]:
    """Every reference query: terms (zh and ja), topics, variants, alignment phrases (zh)."""
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    qs = [t[k] for t in ref["terms"] for k in ("zh", "ja")]
    qs += [t["q"] for t in ref["topics"]] + [v["q"] for v in ref["variants"]]
    qs += [a["zh"] for a in ref["align"]]
    return qs


def search_path(q: str, limit: int = 20) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": q, "limit": limit})


# -- raw HTTP/1.1 keep-alive client -------------------------------------------------------
class Conn:
    """One keep-alive connection; cheap enough that the generator stays a small CPU user."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
            "Accept: application/json\r\nConnection: keep-alive\r\n\r\n".encode("ascii")
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip().lower()
        close = headers.get("connection") == "close" or version == "HTTP/1.0"
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            parts = []
            for _ in range(100_000):  # bounded: a response has far fewer chunks
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body, close = await self.reader.read(), True
        if close:
            self.close()
        return int(status), body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def get_json(port: int, path: str) -> dict | None:
    conn = Conn(port)
    try:
        status, body = await asyncio.wait_for(conn.get(path), REQUEST_TIMEOUT_S)
        return json.loads(body) if status == 200 else None
    except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
        return None
    finally:
        conn.close()


def check(status: int, body: bytes) -> str | None:
    """None when the response is a good search result, else the reason it failed."""
    if status != 200:
        return f"status {status}"
    try:
        doc = json.loads(body)
    except ValueError:
        return "body not JSON"
    if not isinstance(doc, dict) or not isinstance(doc.get("hits"), list):
        return "no hits list"
    return None


# -- load ----------------------------------------------------------------------------------
class Log:
    def __init__(self) -> None:
        self.start: list[float] = []  # seconds since the load began
        self.ms: list[float] = []
        self.error: list[str | None] = []


async def worker(k: int, port: int, paths: list[str], t0: float, until: float, cap: int, log: Log):
    conn, i = Conn(port), k  # each connection starts at a different query
    try:
        while time.perf_counter() < until and len(log.ms) < cap:
            path = paths[i % len(paths)]
            i += 1
            s = time.perf_counter()
            try:
                status, body = await asyncio.wait_for(conn.get(path), REQUEST_TIMEOUT_S)
                err = check(status, body)
            except TimeoutError:
                err = "timeout"
            except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                err = f"connection: {type(e).__name__}"
            e = time.perf_counter()
            log.start.append(s - t0)
            log.ms.append((e - s) * 1000)
            log.error.append(err)
            if err is not None:
                conn.close()  # a fresh connection next time, after a breath (no busy loop)
                if err.startswith("connection") or err == "timeout":
                    await asyncio.sleep(0.05)
    finally:
        conn.close()


async def swap(port: int, index: Path, t0: float, out: dict) -> None:
    """Rebuild into the live index folder; note when CURRENT and the server changed."""
    current = index / "CURRENT"
    before = (await get_json(port, "/api/stats") or {}).get("index", {}).get("generation")
    old_current = current.read_text().strip()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    out.update(old_generation=before, build_start_s=time.perf_counter() - t0)
    proc = await asyncio.create_subprocess_exec(
        *TAIYAKU, "build", "--index", str(index),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        done = asyncio.ensure_future(proc.communicate())
        poll_until = time.perf_counter() + 120
        while time.perf_counter() < poll_until and "published_s" not in out:  # every 10 ms
            if current.read_text().strip() != old_current:
                out["published_s"] = time.perf_counter() - t0
                out["new_generation"] = current.read_text().strip()
            elif done.done():
                break
            await asyncio.sleep(0.01)
        output, _ = await asyncio.wait_for(done, 300)
    finally:
        if proc.returncode is None:  # interrupted or hung: leave no build behind
            proc.kill()
            await proc.wait()
    out["build_end_s"] = time.perf_counter() - t0
    out["build_rc"] = proc.returncode
    ru2 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["build_cpu_s"] = round(ru2.ru_utime + ru2.ru_stime - ru.ru_utime - ru.ru_stime, 2)
    if proc.returncode != 0:
        out["build_output"] = output.decode(errors="replace")[-2000:]
        return
    poll_until = time.perf_counter() + 15
    while time.perf_counter() < poll_until:  # the server, every 50 ms, for at most 15 s
        gen = (await get_json(port, "/api/stats") or {}).get("index", {}).get("generation")
        if gen and gen != before:
            out["server_switched_s"] = time.perf_counter() - t0
            out["server_generation"] = gen
            break
        await asyncio.sleep(0.05)


def machine_busy_s() -> float:
    """CPU seconds all cores spent busy since boot (/proc/stat), to see other users' load."""
    try:
        v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(v) - v[3] - v[4]) / CLK_TCK  # all but idle and iowait


def proc_cpu_s(pid: int) -> float:
    """utime + stime of the server and its worker processes (Linux /proc), in seconds."""
    return proctree.cpu_s(pid)


async def run_load(args, port: int, server_pid: int, index: Path) -> dict:
    paths = [search_path(q) for q in queries()]
    t = time.perf_counter()
    first = await get_json(port, paths[len(paths) // 2])
    first_ms = (time.perf_counter() - t) * 1000 if first else float("nan")
    # Warm-up, discarded: each query once in turn (the first search loads the analyzers),
    # then the same load as measured, so that every server thread has opened its searcher.
    warm = Log()
    now = time.perf_counter()
    await worker(0, port, paths, now, now + 60, len(paths), warm)
    now = time.perf_counter()
    await asyncio.gather(
        *(worker(k, port, paths, now, now + args.warmup, args.max_requests + len(paths), warm)
          for k in range(args.concurrency))
    )  # fmt: skip

    log, swap_info = Log(), {}
    cpu0, srv0, box0 = time.process_time(), proc_cpu_s(server_pid), machine_busy_s()
    t0 = time.perf_counter()
    until = t0 + args.duration
    tasks = [
        asyncio.ensure_future(worker(k, port, paths, t0, until, args.max_requests, log))
        for k in range(args.concurrency)
    ]
    swap_task = None
    if not args.no_swap:
        await asyncio.sleep(args.duration * args.swap_at)
        swap_task = asyncio.ensure_future(swap(port, index, t0, swap_info))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    gen_cpu, srv_cpu = time.process_time() - cpu0, proc_cpu_s(server_pid) - srv0
    box_cpu = machine_busy_s() - box0
    if swap_task is not None:
        await asyncio.wait_for(swap_task, 180)  # bounded by the polls inside
    r = summarize(args, log, elapsed, gen_cpu, srv_cpu, swap_info, len(paths), warm)
    build_cpu = swap_info.get("build_cpu_s", 0.0)  # the build may outlast the load: an upper bound
    r["cpu_s"]["machine"] = round(box_cpu, 2)
    r["cpu_s"]["others"] = round(max(0.0, box_cpu - srv_cpu - gen_cpu - build_cpu), 2)
    r["cores"] = os.cpu_count()
    r["first_query_ms"] = round(first_ms, 1)
    r["memory"] = proctree.memory_mb(server_pid) | {"after_requests": len(warm.ms) + len(log.ms)}
    r["loadavg_after"] = round(os.getloadavg()[0], 2)
    return r


# -- figures ---------------------------------------------------------------------------
def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs), max(1, math.ceil(p / 100 * len(xs)))) - 1]  # nearest rank


def _reasons(errors: list[str | None]) -> dict[str, int]:
    """How many requests failed for each reason."""
    out: dict[str, int] = {}
    for e in errors:
        if e is not None:
            out[e] = out.get(e, 0) + 1
    return out


def summarize(args, log: Log, elapsed, gen_cpu, srv_cpu, swap_info, n_queries, warm: Log) -> dict:
    n_warm, n_warm_failed = len(warm.ms), sum(e is not None for e in warm.error)
    n = len(log.ms)
    errors = _reasons(log.error)
    failures = sum(errors.values())
    r = {
        "server_threads": args.threads,
        "workers": args.workers,
        "concurrency": args.concurrency,
        "queries": n_queries,
        "warmup_requests": n_warm,
        "warmup_failures": n_warm_failed,
        "warmup_errors": _reasons(warm.error),
        "requests": n,
        "duration_s": round(elapsed, 2),
        "rps": round(n / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            k: round(pct(log.ms, p), 1) for k, p in (("p50", 50), ("p90", 90), ("p99", 99))
        }
        | {"max": round(max(log.ms, default=float("nan")), 1)},
        "failures": failures,
        "errors": errors,
        "cpu_s": {
            "server": round(srv_cpu, 2),
            "server_ms_per_request": round(srv_cpu * 1000 / n, 2) if n else None,
            "generator": round(gen_cpu, 2),
            "generator_ms_per_request": round(gen_cpu * 1000 / n, 3) if n else None,
        },
        "swap": None,
    }
    swapped_at = swap_info.get("published_s")
    if swap_info:
        sw = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in swap_info.items()}
        if swapped_at is not None:
            near = [
                i for i, s in enumerate(log.start)
                if swapped_at - SWAP_WINDOW_S <= s + log.ms[i] / 1000
                and s <= swapped_at + SWAP_WINDOW_S
            ]  # fmt: skip
            near_ms = [log.ms[i] for i in near]
            sw["window_s"] = SWAP_WINDOW_S
            sw["window_requests"] = len(near)
            sw["window_failures"] = sum(1 for i in near if log.error[i] is not None)
            sw["window_p99_ms"] = round(pct(near_ms, 99), 1)
            away = [log.ms[i] for i in set(range(n)) - set(near)]
            sw["outside_p99_ms"] = round(pct(away, 99), 1)
        r["swap"] = sw
    swap_ok = None
    if not args.no_swap:
        swap_ok = (
            swapped_at is not None
            and swap_info.get("server_switched_s", float("inf")) < elapsed  # under load
            and r["swap"]["window_failures"] == 0
            and failures == 0
        )
    r["targets"] = {
        f"rps >= {TARGET_RPS:g}": r["rps"] >= TARGET_RPS,
        f"p99 <= {TARGET_P99_MS:g} ms": r["latency_ms"]["p99"] <= TARGET_P99_MS,
        "no failed request" + ("" if args.no_swap else " across the swap"): (
            failures == 0 if swap_ok is None else swap_ok
        ),
    }
    return r


def budget_ms(r: dict) -> float:
    """Server CPU per request that `TARGET_RPS` leaves when every core serves or generates."""
    return r["cores"] * 1000 / TARGET_RPS - (r["cpu_s"]["generator_ms_per_request"] or 0.0)


def report(r: dict) -> str:
    lat, cpu, t, m = r["latency_ms"], r["cpu_s"], r["targets"], r["memory"]
    d = r["duration_s"] or 1.0

    def share(s: float) -> str:
        return f"{s:.1f} s ({100 * s / d:.0f}% of a core)"

    out = [
        f"taiyaku serve --workers {r['workers']} --threads {r['server_threads']} on {HOST}; "
        f"{r['concurrency']} keep-alive "
        f"connections; {r['queries']} reference queries, limit=20 "
        f"(after {r['warmup_requests']} warm-up requests, {r['warmup_failures']} failed"
        + "".join(f"; {why} ×{n}" for why, n in r["warmup_errors"].items())
        + ")",
        f"requests      {r['requests']} in {r['duration_s']} s = {r['rps']} requests/s",
        f"latency ms    p50 {lat['p50']}  p90 {lat['p90']}  p99 {lat['p99']}  max {lat['max']}",
        f"failures      {r['failures']}"
        + (f"  {json.dumps(r['errors'], ensure_ascii=False)}" if r["errors"] else ""),
        f"cpu           server {share(cpu['server'])}; load generator {share(cpu['generator'])}, "
        f"{cpu['generator_ms_per_request']} ms/request",
        f"server cpu    {cpu['server_ms_per_request']} ms per request (budget for "
        f"{TARGET_RPS:g}/s on {r['cores']} cores: {budget_ms(r):.2f} ms, the load "
        "generator's share taken out)",
        f"first query   {r['first_query_ms']} ms, the first request after /healthz said ready",
        f"memory        {m['pss_mb']} MB PSS ({m['rss_mb']} MB summed RSS) over {m['processes']} "
        f"processes, after {m['after_requests']} requests",
        f"machine       {r['cores']} cores busy {share(cpu['machine'])}; other processes "
        f"{share(cpu['others'])}; load average {r['loadavg_after']} (noise: compare runs "
        "only when 'other processes' is near 0)",
    ]
    sw = r["swap"]
    if sw is None:
        out.append("swap          none (--no-swap)")
    elif "published_s" not in sw:
        out.append(f"swap          FAILED: build rc {sw.get('build_rc')}")
        out.append(sw.get("build_output", ""))
    else:
        out.append(
            f"swap          build started {sw['build_start_s']} s, CURRENT replaced "
            f"{sw['published_s']} s, build ended {sw['build_end_s']} s "
            f"(build {sw['build_cpu_s']} s CPU); server on the new generation at "
            f"{sw.get('server_switched_s', 'never')} s"
        )
        out.append(f"              {sw['old_generation']} -> {sw.get('server_generation')}")
        if sw.get("server_switched_s", float("inf")) >= r["duration_s"]:
            out.append("              the swap came after the load ended: use a longer --duration")
        out.append(
            f"around swap   ±{sw['window_s']:g} s: {sw['window_requests']} requests, "
            f"{sw['window_failures']} failed, p99 {sw['window_p99_ms']} ms "
            f"(p99 outside the window {sw['outside_p99_ms']} ms)"
        )
    rps_miss = r["rps"] - TARGET_RPS
    p99_miss = lat["p99"] - TARGET_P99_MS
    marks = []
    for name, ok in t.items():
        extra = ""
        if name.startswith("rps") and not ok:
            extra = f" (short by {-rps_miss:.1f}, {-100 * rps_miss / TARGET_RPS:.0f}%)"
        if name.startswith("p99") and not ok:
            extra = f" (over by {p99_miss:.1f} ms, {100 * p99_miss / TARGET_P99_MS:.0f}%)"
        marks.append(f"{name}: {'PASS' if ok else 'MISS'}{extra}")
    out.append("targets       " + "\n              ".join(marks))
    return "\n".join(out)


# -- server --------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"taiyaku serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"taiyaku serve not healthy after {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of measured load")
    ap.add_argument("--concurrency", type=int, default=16, help="keep-alive connections")
    ap.add_argument("--threads", type=int, default=2, help="taiyaku serve --threads")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of discarded load")
    ap.add_argument("--swap-at", type=float, default=0.4, help="rebuild at this share of the run")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many")
    ap.add_argument("--no-swap", action="store_true", help="no `taiyaku build` during the run")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument(
        "--workers", type=int, default=0, help="taiyaku serve --workers (0: a core each)"
    )
    ap.add_argument("--index", type=Path, help="serve this built index (implies --no-swap)")
    args = ap.parse_args()
    args.no_swap = args.no_swap or args.index is not None
    if not (0 < args.duration <= 3600 and 1 <= args.concurrency <= 1024 and args.threads >= 1):
        ap.error("need 0 < duration <= 3600, 1 <= concurrency <= 1024, threads >= 1")

    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-load-"))
    index = args.index or tmp / "index"
    env = dict(os.environ, TAIYAKU_INDEX_DIR=str(index), PYTHONUNBUFFERED="1")
    server = None
    try:
        built = args.index or subprocess.run(
            [*TAIYAKU, "build", "--index", str(index)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if not isinstance(built, Path) and built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            print(f"bench_load: taiyaku build failed ({built.returncode})", file=sys.stderr)
            return 1
        port = free_port()
        with (tmp / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [*TAIYAKU, "serve", "--host", HOST, "--port", str(port),
                 "--threads", str(args.threads), "--workers", str(args.workers)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_healthy(port, server, timeout=120)
        result = asyncio.run(run_load(args, port, server.pid, index))
        result["server_alive"] = server.poll() is None
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        print(f"bench_load: {e}", file=sys.stderr)
        if (tmp / "server.log").exists():
            print((tmp / "server.log").read_text(errors="replace")[-3000:], file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
