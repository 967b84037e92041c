"""Build cases.jsonl from the hand-written case lists in _cases_zh2ja.py / _cases_ja2zh.py,
or cases_unseen.jsonl from _cases_unseen.py (`--set unseen`).

Usage: python3 tests/spotting/build_cases.py [--set main|unseen] [clauses.jsonl]
(default clauses file: clauses_seed.jsonl here)
The lists refer to pairs by their line index in the seed file; the output uses pair ids.
"""

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--set", choices=("main", "unseen"), default="main")
ap.add_argument("seed", nargs="?", type=Path, default=HERE / "clauses_seed.jsonl")
args = ap.parse_args()

if args.set == "main":
    import _cases_ja2zh as J
    import _cases_zh2ja as Z

    lists = (("zh2ja", Z.RANDOM + Z.HARD), ("ja2zh", J.RANDOM + J.HARD))
    out_path = HERE / "cases.jsonl"
else:
    import _cases_unseen as U

    lists = (
        ("zh2ja", U.RANDOM_ZH2JA + U.HARD_ZH2JA),
        ("ja2zh", U.RANDOM_JA2ZH + U.HARD_JA2ZH),
    )
    out_path = HERE / "cases_unseen.jsonl"

pairs = [json.loads(line) for line in args.seed.open(encoding="utf-8") if line.strip()]

out = []
for d, cases in lists:
    for idx, term, cps, kind, note in cases:
        rec = {
            "dir": d,
            "pair": pairs[idx]["id"],
            "term": term,
            "counterpart": list(cps),
            "kind": kind,
        }
        if note:
            rec["note"] = note
        out.append(rec)

with out_path.open("w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"wrote {len(out)} cases to {out_path}")
