"""Draw the random positions for the unseen spotting set (`_cases_unseen.py`).

Usage: python3 tests/spotting/draw_unseen.py [N_PER_DIR]  (default 100)
Python `random.Random(20261127)`; for each direction (zh2ja first, then ja2zh), N times: a pair
index uniformly among the seed pairs except the number-only ones (国函〔2020〕123号, the date),
then a character position uniformly in the pair's source side. Prints each draw with the
source text around the position (the drawn character in 【】) and the terms cases.jsonl
already has for that (dir, pair), so that the content word covering or nearest to the position
can be picked by hand (a neighbouring one when it is already taken).
"""

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261127
SKIP = {"gh2020-123.l.2", "gh2020-123.l.8"}  # 国函〔2020〕123号, 2020年8月28日

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
pairs = [json.loads(line) for line in (HERE / "clauses_seed.jsonl").open(encoding="utf-8")]
taken = {}
for line in (HERE / "cases.jsonl").open(encoding="utf-8"):
    c = json.loads(line)
    taken.setdefault((c["dir"], c["pair"]), []).append(c["term"])
eligible = [i for i, p in enumerate(pairs) if p["id"] not in SKIP]
rng = random.Random(SEED)
for d, side in (("zh2ja", "zh"), ("ja2zh", "ja")):
    for k in range(n):
        idx = rng.choice(eligible)
        text = pairs[idx][side]
        pos = rng.randrange(len(text))
        shown = text[max(0, pos - 15) : pos] + "【" + text[pos] + "】" + text[pos + 1 : pos + 16]
        old = taken.get((d, pairs[idx]["id"]), [])
        print(f"{d} {k:3d} idx={idx:3d} pos={pos:3d} {shown}  taken={old}")
