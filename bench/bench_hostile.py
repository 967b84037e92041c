"""Hostile inputs, round 2 (issue #24): peak memory and time of each bomb, as a user meets it.

Every case runs the real command in a child process (`taiyaku add FILE…`, `taiyaku build`,
`taiyaku unpack ARTIFACT --sha256 …`) on files generated here, at the sizes the issue
reported (a 1.5 GB sparse text, a 1 GiB DOCX/XLSX member, 200,000 XLSX rows, a 200 MiB PDF
stream, a 1 GiB tar member, a 300 MB CHECKSUMS.json, 100,000 extra members), and reports
the exit code, the first line of stderr, wall time and the command's peak resident memory
(`VmHWM` of its own address space, read at exit: rusage's maxrss would also count the
bench process it was forked from). The tests (tests/ingest/test_hostile_files.py, tests/reliability/
test_trusted_generations.py) reproduce the same cases small; this measures them big.
Files go to a temporary folder removed at the end. Asserts nothing.

It also stops a real `taiyaku serve` (two workers) with SIGTERM while eight clients keep
it busy, and counts the requests answered, those refused before they were sent (the server
no longer accepting) and those dropped after they were sent (the issue: 12 dropped).

    .venv/bin/python bench/bench_hostile.py [--only NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest import hostile  # noqa: E402
from tests.ingest.hostile import FIXTURES  # noqa: E402

CLI = [sys.executable, "-c", "from search_app.cli import main; main()"]
MEASURED = """
import atexit, os

def peak():
    with open("/proc/self/status") as fh:
        hwm = next(line.split()[1] for line in fh if line.startswith("VmHWM"))
    with open(os.environ["BENCH_HWM"], "w") as out:
        out.write(hwm)

atexit.register(peak)
from search_app.cli import main
main()
"""


def run(args: list[str], env: dict[str, str]) -> tuple[int, str, float, float]:
    """(exit code, first stderr line, wall seconds, peak RSS in MB) of one command."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as hwm:
        proc = subprocess.run(
            [sys.executable, "-c", MEASURED, *args],
            env={**os.environ, **env, "BENCH_HWM": hwm.name},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        err.seek(0)
        first = (err.read().decode(errors="replace").strip().splitlines() or [""])[0]
        peak_kb = int(Path(hwm.name).read_text() or 0)
    return proc.returncode, first, time.monotonic() - start, peak_kb / 1024


def add_case(folder: Path, make) -> list[str]:
    files = make(folder)
    return ["add", *map(str, files if isinstance(files, list) else [files]), "--id", "x"]


def ingest_cases() -> dict:
    return {
        "sparse 1.5 GB .txt": lambda d: add_case(d, hostile.sparse_txt),
        "17 MB CSV": lambda d: add_case(d, hostile.big_csv),
        "DOCX bomb (1 GiB document.xml)": lambda d: add_case(
            d, lambda f: [hostile.docx_bomb(f, 1024), FIXTURES / "doc.ja.docx"]
        ),
        "DOCX entity amplification": lambda d: add_case(
            d, lambda f: [hostile.docx_entities(f), FIXTURES / "doc.ja.docx"]
        ),
        "XLSX with a 1 GiB cell": lambda d: add_case(d, lambda f: hostile.xlsx_cell(f, 1 << 30)),
        "XLSX of 200,000 rows": lambda d: add_case(d, lambda f: hostile.xlsx_rows(f, 200_000)),
        "XLSX of 200,000 rows, size declared": lambda d: add_case(
            d, lambda f: hostile.xlsx_rows(f, 200_000, dimension=True)
        ),
        "CSV with a 10 MB cell": lambda d: add_case(d, lambda f: hostile.csv_cell(f, 3_400_000)),
        "TMX nested 100,000 deep": lambda d: add_case(d, lambda f: hostile.deep_xml(f, "tmx")),
        "XLIFF nested 100,000 deep": lambda d: add_case(d, lambda f: hostile.deep_xml(f, "xliff")),
        "PDF flate bomb (200 MiB stream)": lambda d: add_case(
            d, lambda f: [hostile.pdf_flate_bomb(f), FIXTURES / "doc.ja.pdf"]
        ),
        "PDF of 30,000 pages": lambda d: add_case(
            d, lambda f: [hostile.pdf_many_pages(f), FIXTURES / "doc.ja.pdf"]
        ),
    }


def long_cell_build(folder: Path, env: dict[str, str]) -> list[str]:
    """The 66,000-character CSV cell added, then a build (it used to run for ever)."""
    code, first, *_ = run(["add", str(hostile.csv_cell(folder, 66_000)), "--id", "x"], env)
    assert code == 0, first
    return ["build"]


def artifact(folder: Path, env: dict[str, str]) -> Path:
    """A packed generation of the seed corpus (built once for the unpack cases)."""
    index = folder / "src-index"
    subprocess.run([*CLI, "build", "--index", str(index)], check=True, capture_output=True)
    out = folder / "gen.tar.gz"
    subprocess.run(
        [*CLI, "pack", "--index", str(index), "-o", str(out)], check=True, capture_output=True
    )
    return out


def rewrite(art: Path, out: Path, change) -> list[str]:
    """`art` with its members passed through `change(info, data) -> [(info, data)…]`."""
    with tarfile.open(art) as src, tarfile.open(out, "w:gz", compresslevel=1) as dst:
        for m in src.getmembers():
            data = src.extractfile(m).read() if m.isfile() else None
            for info, body in change(m, data):
                if body is not None:
                    info.size = len(body) if not isinstance(body, Stream) else body.size
                dst.addfile(
                    info,
                    body
                    if isinstance(body, Stream)
                    else (io.BytesIO(body) if body is not None else None),
                )
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    return ["unpack", str(out), "--sha256", digest]


class Stream(io.RawIOBase):
    """`size` zero bytes without holding them."""

    def __init__(self, size: int):
        self.size, self.left = size, size

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        n = min(len(buf), self.left)
        buf[:n] = bytes(n)
        self.left -= n
        return n


def unpack_cases(art: Path) -> dict:
    def bomb(m, d):
        return [(m, Stream(1 << 30) if m.name.endswith("views.bin") else d)]

    def fat_sums(m, d):
        return [(m, d + b" " * 300_000_000 if m.name.endswith("CHECKSUMS.json") else d)]

    def extra(m, d):
        out = [(m, d)]
        if m.name.endswith("views.bin"):
            out += [(tarfile.TarInfo(f"{m.name.split('/')[0]}/x{i}"), b"x") for i in range(100_000)]
        return out

    def empty_sums(m, d):
        body = json.dumps({"version": 1, "files": {}}).encode()
        return [(m, body if m.name.endswith("CHECKSUMS.json") else d)]

    return {
        "unpack: 1 GiB member (listed smaller)": lambda d: rewrite(art, d / "bomb.tar.gz", bomb),
        "unpack: 300 MB CHECKSUMS.json": lambda d: rewrite(art, d / "sums.tar.gz", fat_sums),
        "unpack: 100,000 unlisted members": lambda d: rewrite(art, d / "extra.tar.gz", extra),
        'unpack: "files": {}': lambda d: rewrite(art, d / "empty.tar.gz", empty_sums),
        "unpack: no digest, no key": lambda d: ["unpack", str(art)],
    }


def sigterm_under_load(work: Path, clients: int = 8) -> str:
    """SIGTERM to `taiyaku serve --workers 2` under load: answered / refused / dropped."""
    import threading
    import urllib.error
    import urllib.request

    from tests.reliability.served import start_server

    index = work / "serve-index"
    subprocess.run([*CLI, "build", "--index", str(index)], check=True, capture_output=True)
    url, proc = start_server(index, workers=2)
    counts = {"answered": 0, "refused": 0, "dropped": 0}
    lock, stop = threading.Lock(), threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(
                    url + "/api/search?q=%E8%B7%A8%E5%A2%83", timeout=30
                ) as r:
                    r.read()
                kind = "answered"
            except urllib.error.URLError as err:
                kind = "refused" if isinstance(err.reason, ConnectionRefusedError) else "dropped"
            except OSError:
                kind = "dropped"
            with lock:
                counts[kind] += 1
            if kind == "refused":
                return

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(3)
    proc.send_signal(15)
    code = proc.wait(60)
    stop.set()
    for t in threads:
        t.join(30)
    answered, refused, dropped = counts["answered"], counts["refused"], counts["dropped"]
    return f"exit {code}: {answered} answered, {refused} refused, {dropped} dropped"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    parser.add_argument("--serve", action="store_true", help="only SIGTERM under load")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    rows = []
    if args.serve:
        try:
            print("SIGTERM under load, 8 clients:", sigterm_under_load(work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        cases = {**ingest_cases(), "66,000-character CSV cell, then build": "build"}
        if "unpack" in args.only or not args.only:
            cases.update(unpack_cases(artifact(work, {})))
        for name, make in cases.items():
            if args.only and args.only not in name:
                continue
            folder = work / f"case{len(rows)}"
            folder.mkdir()
            env = {
                "TAIYAKU_DATA_DIR": str(folder / "data"),
                "TAIYAKU_INDEX_DIR": str(folder / "index"),
            }
            argv = long_cell_build(folder, env) if make == "build" else make(folder)
            code, first, secs, peak = run(argv, env)
            rows.append((name, code, secs, peak, first.removeprefix("taiyaku: error: ")[:110]))
            print(f"{name}: exit {code}, {secs:.1f} s, {peak:.0f} MB: {rows[-1][4]}", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| case | exit | wall s | peak MB | message |\n|---|---|---|---|---|")
    for name, code, secs, peak, first in rows:
        print(f"| {name} | {code} | {secs:.1f} | {peak:.0f} | {first.replace('|', '/')} |")


if __name__ == "__main__":
    main()
