"""Validate tests/spotting/cases.jsonl against the aligned clause pairs.

Usage: python3 tests/spotting/check_cases.py [cases.jsonl] [clauses.jsonl]
    [--min-per-dir N] [--min-none N] [--exclude OTHER.jsonl]
(default clauses file: tests/spotting/clauses_seed.jsonl)
Checks: JSON shape, dir/kind values, pair ids exist, term is a substring of the source
side, every counterpart is a substring of the target side, no duplicate (dir, pair, term),
no particle/punctuation-only terms, minimum counts; with --exclude, no (dir, pair, term)
of the other file. cases_unseen.jsonl has its own defaults (at least 100 cases and 2 `none`
cases per direction, none of cases.jsonl's (dir, pair, term)). Prints counts per direction
and kind. Exit status 1 on any error.
"""

import argparse
import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("cases", nargs="?", type=Path, default=HERE / "cases.jsonl")
ap.add_argument("seed", nargs="?", type=Path, default=HERE / "clauses_seed.jsonl")
ap.add_argument("--min-per-dir", type=int)
ap.add_argument("--min-none", type=int)
ap.add_argument("--exclude", type=Path)
args = ap.parse_args()
cases_path, seed_path = args.cases, args.seed
UNSEEN = cases_path.name == "cases_unseen.jsonl"

KINDS = {
    "random",
    "frequent_verb",
    "katakana",
    "latin",
    "kanji_shared",
    "kanji_different",
    "paraphrase",
    "once",
    "multiword",
    "none",
}
BAD_TERMS = set("のをにはがでとへもや的和与及在了、。，・：；（）「」《》“”") | {"および", "かつ"}
MIN_PER_DIR = args.min_per_dir if args.min_per_dir is not None else (100 if UNSEEN else 200)
MIN_NONE_PER_DIR = args.min_none if args.min_none is not None else (2 if UNSEEN else 15)
exclude_path = args.exclude or (HERE / "cases.jsonl" if UNSEEN else None)
excluded = set()
if exclude_path:
    for line in exclude_path.open(encoding="utf-8"):
        if line.strip():
            o = json.loads(line)
            excluded.add((o["dir"], o["pair"], o["term"]))

pairs = {}
for line in seed_path.open(encoding="utf-8"):
    if line.strip():
        p = json.loads(line)
        pairs[p["id"]] = p

errors = []
seen = set()
by_dir = collections.Counter()
by_kind = collections.Counter()
empty_by_dir = collections.Counter()
none_kind_by_dir = collections.Counter()
pair_ids = set()
cases = []
for n, line in enumerate(cases_path.open(encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        c = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: bad JSON ({e})")
        continue
    cases.append(c)
    where = f"line {n} {c.get('dir')} {c.get('pair')} {c.get('term')!r}"
    if c.get("dir") not in ("zh2ja", "ja2zh"):
        errors.append(f"{where}: bad dir")
        continue
    if c.get("kind") not in KINDS:
        errors.append(f"{where}: bad kind {c.get('kind')!r}")
    p = pairs.get(c.get("pair"))
    if p is None:
        errors.append(f"{where}: unknown pair id")
        continue
    src, tgt = (p["zh"], p["ja"]) if c["dir"] == "zh2ja" else (p["ja"], p["zh"])
    term = c.get("term")
    if not isinstance(term, str) or not term.strip():
        errors.append(f"{where}: empty term")
        continue
    if term in BAD_TERMS or all(ch in BAD_TERMS or ch.isspace() for ch in term):
        errors.append(f"{where}: particle/punctuation term")
    if term.isdigit():
        errors.append(f"{where}: number-only term")
    if term not in src:
        errors.append(f"{where}: term not in source side")
    cps = c.get("counterpart")
    if not isinstance(cps, list):
        errors.append(f"{where}: counterpart must be a list")
        continue
    for cp in cps:
        if not isinstance(cp, str) or not cp:
            errors.append(f"{where}: empty counterpart string")
        elif cp not in tgt:
            errors.append(f"{where}: counterpart {cp!r} not in target side")
    if len(set(cps)) != len(cps):
        errors.append(f"{where}: repeated counterpart strings")
    if c["kind"] == "none" and cps:
        errors.append(f"{where}: kind 'none' but counterpart list is non-empty")
    key = (c["dir"], c["pair"], term)
    if key in seen:
        errors.append(f"{where}: duplicate (dir, pair, term)")
    if key in excluded:
        errors.append(f"{where}: (dir, pair, term) already in {exclude_path.name}")
    seen.add(key)
    by_dir[c["dir"]] += 1
    by_kind[(c["dir"], c["kind"])] += 1
    pair_ids.add(c["pair"])
    if not cps:
        empty_by_dir[c["dir"]] += 1
    if c["kind"] == "none":
        none_kind_by_dir[c["dir"]] += 1

# "once" terms should occur in exactly one pair of the corpus (source language)
for c in cases:
    if c.get("kind") == "once" and c.get("pair") in pairs:
        side = "zh" if c["dir"] == "zh2ja" else "ja"
        hits = [pid for pid, p in pairs.items() if c["term"] in p[side]]
        if len(hits) != 1:
            errors.append(
                f"{c['dir']} {c['pair']} {c['term']!r}: kind 'once' but occurs in {len(hits)} pairs"
            )

for d in ("zh2ja", "ja2zh"):
    if by_dir[d] < MIN_PER_DIR:
        errors.append(f"{d}: only {by_dir[d]} cases (< {MIN_PER_DIR})")
    if none_kind_by_dir[d] < MIN_NONE_PER_DIR:
        errors.append(f"{d}: only {none_kind_by_dir[d]} 'none' cases (< {MIN_NONE_PER_DIR})")

print(f"cases: {sum(by_dir.values())}  distinct pairs: {len(pair_ids)} / {len(pairs)}")
for d in ("zh2ja", "ja2zh"):
    print(f"{d}: {by_dir[d]} cases, {empty_by_dir[d]} with empty counterpart list")
    for k in sorted(KINDS):
        if by_kind[(d, k)]:
            print(f"   {k:16s} {by_kind[(d, k)]}")
if errors:
    print(f"\n{len(errors)} ERROR(S):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK")
