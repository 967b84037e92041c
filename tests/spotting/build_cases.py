"""Build cases.jsonl from the hand-written case lists in _cases_zh2ja.py / _cases_ja2zh.py.

Usage: python3 tests/spotting/build_cases.py [clauses.jsonl]  (default: clauses_seed.jsonl here)
The lists refer to pairs by their line index in the seed file; the output uses pair ids.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _cases_ja2zh as J  # noqa: E402
import _cases_zh2ja as Z  # noqa: E402

seed = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "clauses_seed.jsonl"
pairs = [json.loads(line) for line in seed.open(encoding="utf-8") if line.strip()]

out = []
for d, mod in (("zh2ja", Z), ("ja2zh", J)):
    for idx, term, cps, kind, note in mod.RANDOM + mod.HARD:
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

with (HERE / "cases.jsonl").open("w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"wrote {len(out)} cases to {HERE / 'cases.jsonl'}")
