"""Draw the random spotting cases of an outside source, to be read and written by hand.

Why a script: the "random" kind must be random words, not words a reader found
interesting. With `random.Random(seed)` the draws are reproducible: draw k alternates
direction (even k: zh2ja, odd k: ja2zh), takes a pair uniformly among the source's pairs,
then a character position uniformly in the pair's source side. The reader takes the
content word (noun, verb, adjective, compound, katakana word, name, Latin token) covering
or nearest to that position, never particles, punctuation or bare numbers, and writes
the span(s) of the other side that translate it, or "-" when the translation leaves it
out. A draw that repeats a (direction, pair, word) takes a neighbouring word.

Run: `python -m eval.draw SOURCE [--n 110] [--seed S]`; it prints each draw with the
drawn character bracketed, and the other side, for the reader.
"""

from __future__ import annotations

import argparse
import random

from eval.sources import SOURCES, read_pairs


def draws(source: str, n: int, seed: int) -> list[tuple[int, str, str, int]]:
    """(draw number, direction, pair id, character position) for `n` draws."""
    pairs = read_pairs(source)
    rng = random.Random(seed)
    out = []
    for k in range(n):
        direction = "zh2ja" if k % 2 == 0 else "ja2zh"
        pid = rng.choice(sorted(pairs))
        text = pairs[pid][0 if direction == "zh2ja" else 1]
        out.append((k, direction, pid, rng.randrange(len(text))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", choices=sorted(SOURCES))
    ap.add_argument("--n", type=int, default=110)
    ap.add_argument("--seed", type=int)
    args = ap.parse_args()
    seed = SOURCES[args.source].seed if args.seed is None else args.seed
    pairs = read_pairs(args.source)
    for k, direction, pid, at in draws(args.source, args.n, seed):
        src, dst = pairs[pid] if direction == "zh2ja" else pairs[pid][::-1]
        print(f"#{k} {direction} {pid}\n  {src[:at]}【{src[at]}】{src[at + 1 :]}\n  {dst}")


if __name__ == "__main__":
    main()
