"""Calibrate the mark tiers: how often links of each signature mark the right words.

For every case of the given corpora (the DEVELOPMENT sources of the spotting evaluation
only: a held-out source must never reach this script), the links the case's term touches
are judged one by one: right when the other-side span overlaps a counterpart the case
lists, wrong otherwise (a case with no counterpart makes every such link wrong). Counts go
by signature (`indexer.links.confidence.signature`); `--write` stores them with the tier
each earns in `indexer/links/calibration.json`, which the build reads.

Run: `.venv/bin/python bench/calibrate_marks.py --corpus NAME DATA CASES [...] [--write]`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eval.spotting import occurrences, read_cases
from indexer import glossary
from indexer.ingest.corpus import build_corpus
from indexer.links import learn_links
from indexer.links.confidence import (
    MIN_SEEN,
    PROBABLE_PRECISION,
    SURE_PRECISION,
    TABLE,
    decide,
    signature,
)


def judge(corpora: list[tuple[str, Path, Path]]) -> tuple[Counter, Counter]:
    """(seen, right) per signature over the corpora's cases."""
    seen: Counter = Counter()
    right: Counter = Counter()
    for _, data, cases_file in corpora:
        corpus = build_corpus(data)
        curated = data / "glossary.tsv"
        by_id = {c.id: c for c in corpus.clauses}
        links = learn_links(
            corpus.clauses,
            glossary.learn(corpus.clauses, curated),
            curated,
            skip=frozenset({"calibration"}),
        )
        for case in read_cases(cases_file):
            c = by_id[case["pair"]]
            src, dst = (c.zh, c.ja) if case["dir"] == "zh2ja" else (c.ja, c.zh)
            s, d = (0, 2) if case["dir"] == "zh2ja" else (2, 0)
            terms = occurrences(src, case["term"])
            gold = [o for cp in case["counterpart"] for o in occurrences(dst, cp)]
            for link in links.get(c.id, []):
                if not any(link[s] < b and a < link[s + 1] for a, b in terms):
                    continue
                key = signature(link[4], link[5])
                seen[key] += 1
                right[key] += any(link[d] < b and a < link[d + 1] for a, b in gold)
    return seen, right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs=3, action="append", required=True)
    ap.add_argument("--write", action="store_true", help=f"write {TABLE.name}")
    args = ap.parse_args()
    corpora = [(n, Path(d), Path(c)) for n, d, c in args.corpus]
    seen, right = judge(corpora)
    out = {}
    print(f"{'signature':<16} {'seen':>5} {'right':>6} {'share':>6}  tier")
    for key, n in seen.most_common():
        got = decide(right[key], n)
        print(f"{key:<16} {n:5d} {right[key]:6d} {right[key] / n:6.1%}  {got or '(rule)'}")
        if got:
            out[key] = {"seen": n, "right": right[key], "tier": got}
    if args.write:
        doc = {
            "about": (
                f"Mark tier per link signature, from the development sources "
                f"{', '.join(n for n, _, _ in corpora)} (bench/calibrate_marks.py): sure when "
                f"right >= {SURE_PRECISION:.0%}, probable when >= {PROBABLE_PRECISION:.0%}, "
                f"else none; signatures seen fewer than {MIN_SEEN} times keep the rule."
            ),
            "signatures": out,
        }
        TABLE.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
