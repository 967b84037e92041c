"""Incremental build: adding one small document to a 100× corpus, against a full build.

The 100× corpus is the seed document listed 100 times in a manifest under new ids (as
`bench_search.py` scales it). Timed in one run: (1) a full build with an empty ingestion
cache (the baseline); (2) `taiyaku add` of a small TMX and a build that takes the 100
unchanged documents from the ingestion cache and their index segments from the previous
generation, analysing only the new document (the glossary and the word links are still
learned corpus-wide). Prints both, their stages and the machine load; asserts nothing.
Run: `.venv/bin/python bench/bench_incremental.py [--scale 100]`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from indexer.ingest.adding import add_document
from indexer.pipeline import build
from settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "data"
TMX = PROJECT_ROOT / "tests" / "ingest" / "fixtures" / "memory.tmx"
TARGET = 0.25  # incremental at most a quarter of the full build


def scaled_data(target: Path, n: int) -> None:
    """A data folder whose manifest lists the seed document `n` times."""
    target.mkdir()
    for p in SEED.iterdir():
        if p.is_file():
            shutil.copy(p, target / p.name)
    text = (SEED / "documents.toml").read_text(encoding="utf-8")
    entry = text[text.index("[[document]]") :]
    copies = [re.sub(r'(?m)^id = "([^"]+)"', rf'id = "\1-r{k}"', entry) for k in range(n)]
    (target / "documents.toml").write_text("\n".join(copies), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=100)
    args = ap.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        data, root = Path(tmp) / "data", Path(tmp) / "index"
        scaled_data(data, args.scale)
        t = time.perf_counter()
        full = build(data, root, procs=2)
        full_s = time.perf_counter() - t
        add_document(data, [TMX], "added", {})
        t = time.perf_counter()
        inc = build(data, root, procs=2)
        inc_s = time.perf_counter() - t
    print(f"{args.scale}x corpus, {len(full.corpus.clauses)} clauses")
    print(f"full build (baseline): {full_s:.1f} s  ({_stages(full.seconds)})")
    print(f"add one document + build: {inc_s:.1f} s  ({_stages(inc.seconds)})")
    print(f"  {'; '.join(inc.notes)}")
    print(f"ratio {inc_s / full_s:.2f} (target ≤ {TARGET})")
    peak = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(f"peak RSS of one process {peak / 1024:.0f} MB")
    print(f"load average at start {load}, at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _stages(seconds: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items())


if __name__ == "__main__":
    main()
