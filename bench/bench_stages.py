"""Where query CPU goes, stage by stage, over the bench_search queries on a prebuilt index.

`bench_search.py` says how fast a query is; this says what to work on next. Each query is
run `--rounds` times through `SearchService.search` under cProfile, and the cumulative
time of each pipeline stage (the functions `engine.service` calls) is reported per
request and as a share of the whole. cProfile slows Python-heavy stages more than C-heavy
ones (unpickling, zlib), so read the shares as a ranking, not as exact figures; the
plain CPU per request is printed first, measured without the profiler in the same run.
Prints figures; asserts nothing.
Run: `.venv/bin/python bench/bench_stages.py DIR [--rounds 3]` (DIR: an index root
`corpus_gen.py --build` wrote).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from pathlib import Path

from bench_search import pct, queries

from engine import SearchRequest, open_engine

# (label, module file suffix, function): the stages of `SearchService._search`.
STAGES = [
    ("evaluate tiers", "engine/ranking.py", "tiers"),
    ("word matches first", "engine/recall.py", "words_first"),
    ("sentence lookup", "engine/tm.py", "lookup"),
    ("term panel (marks of up to 100 clauses)", "engine/renderings.py", "renderings"),
    ("  of which clause views", "engine/backends/whoosh/index.py", "view"),
    ("  of which marking", "engine/results.py", "spans"),
    ("hits of the page", "engine/results.py", "build"),
    ("suggestions", "engine/suggest.py", "suggest"),
    ("facets", "engine/ranking.py", "facets"),
    ("expand", "engine/expand.py", "expand"),
    ("posting lists read", "engine/backends/whoosh/index.py", "postings"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    engine = open_engine(args.index)
    qs = queries()
    for q in qs:  # warm-up: analyzers, the index, per-generation statistics
        engine.search(SearchRequest(q, limit=20))
    cpu = []
    for _ in range(args.rounds):
        for q in qs:
            c = time.process_time()
            engine.search(SearchRequest(q, limit=20))
            cpu.append((time.process_time() - c) * 1000)
    n = len(cpu)
    print(
        f"{len(qs)} queries x {args.rounds} rounds on {args.index}; load average "
        f"{os.getloadavg()[0]:.2f}\nCPU per request, no profiler: p50 "
        f"{statistics.median(cpu):.1f} ms, p95 {pct(cpu, 95):.1f} ms, mean {sum(cpu) / n:.1f} ms"
    )
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(args.rounds):
        for q in qs:
            engine.search(SearchRequest(q, limit=20))
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[3] for k, v in stats.items() if k[2] == "search" and "service" in k[0])
    print(f"under cProfile: {total / n * 1000:.1f} ms per request\n")
    for label, path, name in STAGES:
        cum = sum(v[3] for k, v in stats.items() if k[0].endswith(path) and k[2] == name)
        print(f"  {label:36s} {cum / n * 1000:6.1f} ms  {100 * cum / total:5.1f}%")


if __name__ == "__main__":
    main()
