"""What a frequent term costs: every match scored, or only the ranges its top k can be in.

Issue #25 item 3: a frequent term should cost what its top 20 cost, with exact totals.
A tier's clauses are found without scores and ranked by `engine.topk` (block-max over
ranges of document numbers, once the generation has met the query); the baseline, in
the same process on the same index and queries, alternated query by query, scores every
match of every tier each time (`queries_kept=False`), as the engine did before. Both
give the same hits, scores, counts and facets (checked here on every query). Printed
per query: matches, CPU median of each, their ratio; the rare terms at the end are the
scale a frequent term's cost is compared with.

Run: `.venv/bin/python bench/bench_topk.py --index DIR [--rounds 9] [QUERY ...]`
(DIR: a scaled index from `corpus_gen.py --build`, e.g. 1,000x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import SearchRequest, open_engine

QUERIES = ["服务", "サービス", "服务业 开放", "建设", "金融", "企业", "仲裁", "海关"]


def run(eng, q: str, full: bool) -> tuple[float, tuple]:
    eng.queries_kept = not full  # the baseline: every match scored
    t = time.thread_time()
    r = eng.search(SearchRequest(q))
    cpu = time.thread_time() - t
    shown = (r.total, [(h.id, h.score) for h in r.hits], r.facets.doc, r.facets.item)
    return cpu, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("queries", nargs="*", default=QUERIES)
    args = ap.parse_args()
    eng = open_engine(args.index)
    print(f"{args.index}: load {os.getloadavg()[0]:.2f}; CPU ms, median of {args.rounds}")
    print(f"  {'query':14s} {'matches':>8s} {'top k':>8s} {'all scored':>10s} {'ratio':>6s}")
    for q in args.queries:
        for full in (False, True):  # warm both (kept panels and marks: served path)
            run(eng, q, full)
        topk, whole = [], []
        for _ in range(args.rounds):
            a, got_a = run(eng, q, False)
            b, got_b = run(eng, q, True)
            if got_a != got_b:
                sys.exit(f"bench_topk: {q!r}: top k and every match scored disagree")
            topk.append(a)
            whole.append(b)
        m_a, m_b = statistics.median(topk) * 1e3, statistics.median(whole) * 1e3
        print(f"  {q:14s} {got_a[0]:8d} {m_a:8.2f} {m_b:10.2f} {m_a / m_b:6.2f}")


if __name__ == "__main__":
    main()
