"""`python -m eval` (`make eval`): translation spotting on outside text, per source and kind.

Builds a temporary index of the seed documents plus the outside sources of
`eval/corpora/` (added as `taiyaku add` adds them), searches every hand-checked case
through `GET /api/search` and prints, per source, per kind and per direction: recall,
the share of cases carrying a wrong mark, sure (`counterpart`) recall and precision, and
the precision of probable marks, each with its Wilson 95% interval. The seed document's
cases are printed as in-sample: the spotting rules were grown on them.

The held-out test source (`eval.sources`, split "test") is indexed like any other
document, but its figures are printed only with `--test`: read them for a final report,
never while changing the code. A sealed source (split "sealed", kept for the next
round's final figure) is neither indexed nor printed unless `--sealed` is given: until
then its text cannot move any figure. `--stability` rebuilds with and without each other
source and prints how far each source's figures move (target: at most 1 point).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _args(argv: list[str] | None) -> argparse.Namespace:
    from eval.sources import SOURCES

    ap = argparse.ArgumentParser(prog="python -m eval", description=__doc__.splitlines()[0])
    ap.add_argument(
        "--only",
        action="append",
        choices=sorted(SOURCES),
        metavar="SOURCE",
        help="index and report only this outside source (repeatable)",
    )
    ap.add_argument(
        "--test",
        action="store_true",
        help="also print the held-out test source's figures (final report only)",
    )
    ap.add_argument(
        "--sealed",
        action="store_true",
        help="also index and print the sealed source(s) (the next round's final figure only)",
    )
    ap.add_argument(
        "--without-userdict",
        action="store_true",
        help="build with an empty Chinese user dictionary (data/userdict_zh.txt unused)",
    )
    ap.add_argument(
        "--userdict-by-rule",
        action="store_true",
        help="build with the user dictionary the rule writes for this corpus (seed + sources)",
    )
    ap.add_argument(
        "--without-parallel-priors",
        action="store_true",
        help="build without the word pairs learned from open parallel text (evidence O)",
    )
    ap.add_argument("--no-seed-cases", action="store_true", help="skip the seed's in-sample cases")
    ap.add_argument(
        "--stability",
        action="store_true",
        help="rebuild with and without each other source; print how far figures move",
    )
    ap.add_argument("--misses", action="store_true", help="list the missed and wrong cases")
    ap.add_argument(
        "--limit", type=int, default=0, help="first N cases of each source (a smoke run)"
    )
    args = ap.parse_args(argv)
    sealed = [s for s in args.only or () if SOURCES[s].split == "sealed"]
    if sealed and not args.sealed:
        ap.error(f"{', '.join(sealed)} is sealed: give --sealed to open it (next round only)")
    return args


def pick_sources(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The outside sources to index and those to print. A sealed source is left out of
    both unless `--sealed` is given (its text must not influence the other figures before
    it is opened); a held-out test source is indexed but printed only with `--test`."""
    from eval.sources import SOURCES

    indexed = [
        s for s in args.only or sorted(SOURCES) if args.sealed or SOURCES[s].split != "sealed"
    ]
    printed = {"dev", *(["test"] if args.test else []), *(["sealed"] if args.sealed else [])}
    return indexed, [s for s in indexed if SOURCES[s].split in printed]


def _userdict(args: argparse.Namespace) -> str:
    if args.without_userdict:
        return "off"
    return "by rule for this corpus" if args.userdict_by_rule else "data/userdict_zh.txt"


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    if args.without_userdict:  # before any analyzer is loaded: jieba reads it once
        empty = Path(tempfile.mkdtemp(prefix="taiyaku-eval-")) / "userdict_zh.txt"
        empty.write_text("", encoding="utf-8")
        os.environ["TAIYAKU_USERDICT_ZH"] = str(empty)
    if args.without_parallel_priors:
        os.environ["TAIYAKU_PARALLEL_PRIORS"] = "0"
    from eval import report
    from eval.sources import SOURCES

    indexed, shown = pick_sources(args)
    if args.userdict_by_rule and not args.without_userdict:  # before jieba loads, too
        ruled = Path(tempfile.mkdtemp(prefix="taiyaku-eval-")) / "userdict_zh.txt"
        cmd = [sys.executable, "-m", "eval.rule_userdict", str(ruled), *indexed]
        subprocess.run(cmd, check=True)
        os.environ["TAIYAKU_USERDICT_ZH"] = str(ruled)
    load = os.getloadavg()[0]
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}; load {load:.2f} (1 min) on {os.cpu_count()} cores;"
        f" user dictionary {_userdict(args)};"
        f" parallel priors {'off' if args.without_parallel_priors else 'on'};"
        " indexed: seed + " + ", ".join(indexed)
    )
    hidden = [s for s in indexed if s not in shown]
    if hidden:
        print(f"held-out test source(s) indexed but not reported: {', '.join(hidden)} (--test)")
    sealed = [s for s, src in SOURCES.items() if src.split == "sealed" and s not in indexed]
    if sealed:
        print(f"sealed source(s) neither indexed nor reported: {', '.join(sealed)} (--sealed)")
    cases = report.load_cases(shown, seed=not args.no_seed_cases, limit=args.limit)
    if args.stability:
        report.stability(indexed, shown, cases)
    else:
        report.full(indexed, cases, misses=args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
