"""Calibrate the mark tiers: how often links of each signature mark the right words.

For every case of the given corpora (the DEVELOPMENT sources of the spotting evaluation
only: a held-out source must never reach this script), the links the case's term touches
are judged one by one: right when the other-side span overlaps a counterpart the case
lists, wrong otherwise (a case with no counterpart makes every such link wrong). Counts go
by signature (`indexer.links.confidence.signature`); `--write` stores them with the tier
each earns in `storage/link_calibration.json`, which the build reads.

The corpus is the seed plus the development sources (`--source`, default all of them),
as `python -m eval` builds it; the seed's own cases are not counted (in-sample).
Run: `.venv/bin/python bench/calibrate_marks.py [--source NAME]... [--write]`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # eval/ is not installed

from eval_corpora import corpora

from eval.sources import SOURCES
from eval.spotting import occurrences
from indexer import glossary
from indexer.ingest.corpus import build_corpus
from indexer.links import is_probable, learn_links
from indexer.links.confidence import (
    MIN_SEEN,
    PROBABLE_PRECISION,
    SURE_PRECISION,
    TABLE,
    decide,
    signature,
)

DEV = sorted(n for n, s in SOURCES.items() if s.split == "dev")
RULE: dict[str, str] = {}  # signature → the tier `is_probable` gives its links


def judge(clauses, case_sets: dict[str, list[dict]], curated: Path) -> tuple[Counter, Counter]:
    """(seen, right) per signature over the cases of `case_sets`."""
    seen: Counter = Counter()
    right: Counter = Counter()
    by_id = {c.id: c for c in clauses}
    links = learn_links(
        clauses, glossary.learn(clauses, curated), curated, skip=frozenset({"calibration"})
    )
    for cases in case_sets.values():
        for case in cases:
            c = by_id[case["pair"]]
            src, dst = (c.zh, c.ja) if case["dir"] == "zh2ja" else (c.ja, c.zh)
            s, d = (0, 2) if case["dir"] == "zh2ja" else (2, 0)
            terms = occurrences(src, case["term"])
            gold = [o for cp in case["counterpart"] for o in occurrences(dst, cp)]
            for link in links.get(c.id, []):
                if not any(link[s] < b and a < link[s + 1] for a, b in terms):
                    continue
                key = signature(link[4], link[5])
                RULE[key] = "probable" if is_probable(link[4], link[5]) else "counterpart"
                seen[key] += 1
                right[key] += any(link[d] < b and a < link[d + 1] for a, b in gold)
    return seen, right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", action="append", choices=DEV)
    ap.add_argument("--write", action="store_true", help=f"write {TABLE.name}")
    args = ap.parse_args()
    names = args.source or DEV
    with corpora(names) as (data, case_sets):
        case_sets.pop("seed (in-sample)")  # the seed's cases are not a calibration source
        seen, right = judge(build_corpus(data).clauses, case_sets, data / "glossary.tsv")
    out = {}
    print(f"{'signature':<16} {'seen':>5} {'right':>6} {'share':>6}  {'rule':<12} calibrated")
    for key, n in seen.most_common():
        rule = RULE[key]
        got = decide(right[key], n, rule)
        print(f"{key:<16} {n:5d} {right[key]:6d} {right[key] / n:6.1%}  {rule:<12} {got or '='}")
        if got:
            out[key] = {"seen": n, "right": right[key], "tier": got}
    if args.write:
        doc = {
            "about": (
                f"Mark tier per link signature, from the development sources "
                f"{', '.join(names)} (bench/calibrate_marks.py): sure when "
                f"right >= {SURE_PRECISION:.0%}, probable when >= {PROBABLE_PRECISION:.0%}, "
                f"else none, beyond chance (Wilson 95%); signatures seen fewer than "
                f"{MIN_SEEN} times, or within chance of their rule, keep the rule."
            ),
            "signatures": out,
        }
        TABLE.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
