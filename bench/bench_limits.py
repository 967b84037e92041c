"""The inputs issue #9 listed as dangerous, measured: memory, time, CPU (no verdicts).

Each build runs `taiyaku build` as its own process over a copy of data/, and its peak
memory (max RSS) and CPU time come from `os.wait4`, so nothing of this process counts:

- baseline: the seed data as it is;
- a 100,000-character repeated paragraph appended to the Chinese source (once the
  quadratic `anchor_links` case: about 5 GB); ingestion now cuts it at sentence ends;
- a 50 MB and a 72 MB source file in place of the two sources: refused by the size
  limit (exit 3) before they are read, so in about the time of starting the CLI.

Then, in this process over the built seed index, the CPU time of a 100,000-character query
through the Flask app (a WSGI call) until its 400 `query_too_long`, beside an ordinary
query (the baseline) and the longest query a URL through waitress can carry. Through
`taiyaku serve` a 100,000-character URL (900 KB percent-encoded) never reaches the app:
waitress answers 431 (tests/reliability/test_served.py).

    .venv/bin/python bench/bench_limits.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TAIYAKU = [sys.executable, "-m", "search_app.cli"]
ZH_SOURCE, PAGES_SOURCE = "001_744f217aed3c4039.txt", "000_27f565d3809ec41b.txt"
TIMEOUT_S = 900


def run_build(data: Path, index: Path) -> dict:
    """`taiyaku build` in a child; its exit code, wall time, CPU time and max RSS."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [*TAIYAKU, "build", "--data", str(data), "--index", str(index)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + TIMEOUT_S
    while True:  # bounded: killed at the deadline
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace").strip().splitlines() if proc.stderr else []
    return {
        "exit": proc.returncode,
        "wall_s": time.perf_counter() - t,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "said": err[0][:150] if err else "",
    }


def long_paragraph(data: Path, n: int = 100_000) -> None:
    src = data / ZH_SOURCE
    lines = src.read_text(encoding="utf-8").splitlines()
    sentence = re.sub(r"^[\d一二三四五六七八九十（）()、.．\s]+", "", max(lines, key=len))
    src.write_text("\n".join([*lines, (sentence * (n // len(sentence) + 1))[:n]]) + "\n", "utf-8")


def huge_pair(data: Path) -> None:
    for name, mb in ((ZH_SOURCE, 50), (PAGES_SOURCE, 72)):
        line = (data / name).read_text(encoding="utf-8").splitlines()[3].encode() + b"\n"
        with (data / name).open("wb") as fh:
            for _ in range(mb * 2**20 // len(line) + 1):
                fh.write(line)


def query_cpu(index: Path) -> dict:
    """CPU time of the app answering a query, from a WSGI environ built beforehand (the
    test client's own URL handling would cost more than the app)."""
    from werkzeug.test import EnvironBuilder

    from search_app import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    app.test_client().get("/api/search?q=跨境")  # open the index, load the analyzers
    cases = (
        ("ordinary query 跨境 (baseline)", "跨境"),
        ("6,500-char query (~60 KB URL)", "跨" * 6_500),  # about the most waitress passes
        ("100,000-character query", "跨" * 100_000),
    )
    out = {}
    for name, q in cases:
        builder = EnvironBuilder(path="/api/search", query_string={"q": q})
        times, status = [], []
        for _ in range(5):
            environ = builder.get_environ()
            t = time.process_time()
            body = app(environ, lambda s, h, e=None, seen=status: seen.append(s))
            b"".join(body)
            times.append(time.process_time() - t)
        out[name] = (status[-1].split()[0], sorted(times)[2] * 1000)
    return out


def main() -> int:
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-limits-"))
    rows = {}
    try:
        for name, change in (
            ("seed data (baseline)", None),
            ("+ 100,000-char repeated paragraph", long_paragraph),
            ("50 MB + 72 MB sources", huge_pair),
        ):
            data = tmp / f"data-{len(rows)}"
            shutil.copytree(ROOT / "data", data)
            if change:
                change(data)
            rows[name] = run_build(data, tmp / f"index-{len(rows)}")
        queries = query_cpu(tmp / "index-0")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'build':<36} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'max RSS MB':>10}")
    for name, r in rows.items():
        print(f"{name:<36} {r['exit']:>4} {r['wall_s']:7.1f} {r['cpu_s']:6.1f} {r['rss_mb']:10.0f}")
        if r["exit"]:
            print(f"{'':<36} said: {r['said']}")
    print("targets: the long paragraph builds (exit 0) in memory near the baseline;")
    print("         the 50 + 72 MB pair is refused (exit 3) in about the time of starting the CLI")
    for name, (status, ms) in queries.items():
        print(f"{name:<36} HTTP {status}, CPU {ms:.2f} ms (median of 5)")
    print("target: the 100,000-character query refused (400) at about the cost of an ordinary one")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
