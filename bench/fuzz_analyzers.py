"""One-off large fuzz of the analyzers: many examples, and texts of a megabyte.

The CI fuzz (`tests/analyzers/test_analyzer_fuzz.py`) draws texts up to 12,000 characters,
40 per analyzer. This script runs the same recipes and invariants (`adversarial_text`)
at scale, in two phases, each example through the Chinese, Japanese and n-gram analyzers
in index and query mode:

1. `--examples` (10,000) recipes of texts up to `--max-small` (4,096) characters;
2. `--large` (10) recipes of texts of up to `--max-chars` (1,000,000) characters, every
   piece at least a tenth of that, so these are really megabyte texts.

A failure is counted and the first few are printed (recipe, error) rather than stopping
the run: the point is the count. Prints examples run, characters analysed, wall and CPU
time, max RSS and failures per phase, beside the target (0 failures, RSS bounded, i.e.
not growing with the text: chunking keeps MeCab and jieba calls at 4,096 characters).
`--seconds` bounds each phase; examples past it are not run (and not counted).

    .venv/bin/python bench/fuzz_analyzers.py [--examples 10000] [--large 10] [--seconds 900]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "analyzers")]

from adversarial_text import ANALYZERS, check, expand, recipes  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MODES = ("index", "query")


class Phase:
    """Counters for one phase; `run` is the body Hypothesis calls per example."""

    def __init__(self, name: str, max_len: int, seconds: float) -> None:
        self.name, self.max_len, self.seconds = name, max_len, seconds
        self.deadline = float("inf")  # set when the phase starts
        self.examples = self.chars = self.tokens = 0
        self.failures: list[str] = []
        self.longest = 0

    def run(self, recipe: list[tuple]) -> None:
        if time.monotonic() > self.deadline:
            return
        text = expand(recipe, self.max_len)
        for name in ANALYZERS:
            for mode in MODES:
                try:
                    self.tokens += check(name, text, mode)
                except Exception as err:  # every failure is counted, the run goes on
                    if len(self.failures) < 5:
                        print(f"  FAIL {name}/{mode}: {err!r:.300} recipe {recipe!r:.300}")
                    self.failures.append(name)
        self.examples += 1
        self.chars += len(text)
        self.longest = max(self.longest, len(text))
        if self.examples % 500 == 0:
            print(f"  {self.name}: {self.examples} examples, {self.chars:,} chars", flush=True)


def run_phase(phase: Phase, strategy: st.SearchStrategy, examples: int) -> dict:
    cpu, wall = time.process_time(), time.perf_counter()
    phase.deadline = time.monotonic() + phase.seconds
    test = settings(
        max_examples=max(1, examples),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )(given(recipe=strategy)(phase.run))
    if examples > 0:
        test()
    return {
        "examples": phase.examples,
        "chars": phase.chars,
        "longest": phase.longest,
        "tokens": phase.tokens,
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "failures": len(phase.failures),
    }


def large_recipes(max_len: int) -> st.SearchStrategy[list[tuple]]:
    """Recipes whose pieces are all runs or blocks of at least a tenth of `max_len`."""
    big = st.integers(max_len // 10, max_len)
    piece = st.one_of(
        st.tuples(st.just("run"), st.characters(blacklist_categories=("Cs",)), big),
        st.tuples(
            st.just("block"),
            st.sampled_from(["han", "kana", "astral", "combining", "mixed", "all"]),
            st.integers(0, 2**16),
            big,
        ),
    )
    return st.lists(piece, min_size=1, max_size=4)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--max-small", type=int, default=4_096)
    ap.add_argument("--large", type=int, default=10)
    ap.add_argument("--max-chars", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=900, help="per phase")
    args = ap.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    t = time.perf_counter()
    for name in ANALYZERS:  # load jieba and MeCab outside the timings
        check(name, "数据データ", "index")
    print(f"analyzers loaded in {time.perf_counter() - t:.1f} s")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    small = Phase("small", args.max_small, args.seconds)
    big = Phase("large", args.max_chars, args.seconds)
    rows = [
        run_phase(small, recipes(args.max_small), args.examples),
        run_phase(big, large_recipes(args.max_chars), args.large),
    ]
    print(f"\nmax RSS after loading the analyzers: {rss0:.0f} MB (baseline)")
    asked = {"small": args.examples, "large": args.large}
    for phase, row in zip((small, big), rows, strict=True):
        rate = row["chars"] / row["cpu_s"] / 1000 if row["cpu_s"] else 0
        print(
            f"{phase.name}: {row['examples']} examples (asked {asked[phase.name]}),"
            f" {row['chars']:,} chars (longest {row['longest']:,}), {row['tokens']:,} tokens,"
            f" {row['wall_s']:.0f} s wall, {row['cpu_s']:.0f} s CPU"
            f" ({rate:.0f}k chars/s through 6 passes), max RSS {row['max_rss_mb']:.0f} MB,"
            f" failures {row['failures']} (target 0)"
        )
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
