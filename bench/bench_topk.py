"""What a frequent term costs: its whole order sorted, or only the top k a page reads.

Issue #25 item 3: a frequent term should cost what its top 20 cost, with exact totals.
The result order is kept in parts and sorted only as far as it is read
(`engine.order`); the baseline, in the same process on the same index and queries,
alternated query by query, sorts every match first (`Order.head` reads `Order.all`), as
the order did before. Both give the same hits, counts and facets (checked here on every
query). Printed per query: matches, CPU median of each, their ratio; then the medians of
a rare term beside them, for scale.

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
from engine.order import Order

QUERIES = ["服务", "サービス", "服务业 开放", "建设", "金融", "仲裁"]


def full_sort_head(self: Order, k: int):  # the baseline: every match sorted first
    return self.all()[:k]


def run(eng, q: str, full: bool) -> tuple[float, tuple]:
    head = Order.head
    if full:
        Order.head = full_sort_head  # type: ignore[method-assign]
    try:
        t = time.thread_time()
        r = eng.search(SearchRequest(q))
        cpu = time.thread_time() - t
    finally:
        Order.head = head  # type: ignore[method-assign]
    shown = (r.total, [h.id for h in r.hits], r.facets.doc, r.facets.item)
    return cpu, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("queries", nargs="*", default=QUERIES)
    args = ap.parse_args()
    eng = open_engine(args.index)
    print(f"{args.index}: load {os.getloadavg()[0]:.2f}; CPU ms, median of {args.rounds}")
    print(f"  {'query':14s} {'matches':>8s} {'top k':>8s} {'full sort':>10s} {'ratio':>6s}")
    for q in args.queries:
        for full in (False, True):  # warm both (kept panels and marks: served path)
            run(eng, q, full)
        topk, whole = [], []
        for _ in range(args.rounds):
            a, got_a = run(eng, q, False)
            b, got_b = run(eng, q, True)
            if got_a != got_b:
                sys.exit(f"bench_topk: {q!r}: top k and full sort disagree")
            topk.append(a)
            whole.append(b)
        m_a, m_b = statistics.median(topk) * 1e3, statistics.median(whole) * 1e3
        print(f"  {q:14s} {got_a[0]:8d} {m_a:8.2f} {m_b:10.2f} {m_a / m_b:6.2f}")


if __name__ == "__main__":
    main()
