"""A realistic scaled corpus for the benches: a growing vocabulary, not copies of the seed.

Copying the seed n times keeps the vocabulary fixed, so term dictionaries, phrase and
highlight caches and posting compression all look better than on real data. Here each
generated document is the seed's document rewritten:

- **new terms**: a Han word shared by both sides of a pair (the same characters in the
  Chinese and the Japanese, as place and organisation names are) is replaced on both sides
  by a coined word; coined words are reused with a Zipf-like skew and new ones keep being
  coined, so the vocabulary grows with the corpus as Heaps' law has it;
- **recombined clauses**: some clauses take the head of one clause and the tail of another
  (cut at the first comma of each side, so both sides stay translations of each other);
- **new numbers**: every digit run gets a new number, the same on both sides.

`stats()` measures type/token growth over character bigrams of letter runs (the unit the
n-gram layer indexes; words would need the analyzers, too slow for 188,000 pairs).
Run it alone to print the statistics: `python bench/corpus_gen.py --scale 1 10 100`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import threading
import time
from dataclasses import replace
from pathlib import Path

from proctree import memory_mb

from indexer.records import Clause, Document

HAN = re.compile(r"[\u3400-\u9fff]{2,4}")
DIGITS = re.compile(r"\d+")
LETTERS = re.compile(r"[\w]+")
CUT = {"zh": "，", "ja": "、"}
NEW_WORD_RATE = 0.35  # chance that a replaced term is a newly coined word
RECOMBINE_RATE = 0.3


class Coiner:
    """Coins two- and three-character Han words from the corpus's shared characters."""

    def __init__(self, chars: list[str], rng: random.Random):
        self.chars, self.rng, self.words = chars, rng, []

    def word(self) -> str:
        if not self.words or self.rng.random() < NEW_WORD_RATE:
            w = "".join(self.rng.choices(self.chars, k=self.rng.choice((2, 2, 3))))
            self.words.append(w)
            return w
        return self.words[int(len(self.words) * self.rng.random() ** 3)]  # skewed reuse


def shared_chars(clauses: list[Clause]) -> list[str]:
    zh = {ch for c in clauses for ch in c.zh}
    ja = {ch for c in clauses for ch in c.ja}
    return sorted(ch for ch in zh & ja if "\u4e00" <= ch <= "\u9fff")


def shared_term(c: Clause, rng: random.Random) -> str | None:
    """A Han run written identically on both sides of the pair, if any."""
    found = [m.group() for m in HAN.finditer(c.zh) if m.group() in c.ja]
    return rng.choice(found) if found else None


def renumber(zh: str, ja: str, rng: random.Random) -> tuple[str, str]:
    numbers = {n: str(rng.randint(1, 2 * int(n) + 30)) for n in DIGITS.findall(zh + ja)}
    sub = lambda s: DIGITS.sub(lambda m: numbers[m.group()], s)  # noqa: E731
    return sub(zh), sub(ja)


def recombine(c: Clause, d: Clause) -> tuple[str, str] | None:
    """The head of `c` joined to the tail of `d`, on both sides, when both can be cut."""
    parts = []
    for lang in ("zh", "ja"):
        a, b = getattr(c, lang), getattr(d, lang)
        if CUT[lang] not in a or CUT[lang] not in b:
            return None
        parts.append(a.split(CUT[lang], 1)[0] + CUT[lang] + b.split(CUT[lang], 1)[1])
    return parts[0], parts[1]


def rewrite(c: Clause, pool: list[Clause], coin: Coiner, rng: random.Random) -> tuple[str, str]:
    zh, ja = c.zh, c.ja
    if c.kind == "text" and rng.random() < RECOMBINE_RATE:
        zh, ja = recombine(c, rng.choice(pool)) or (zh, ja)
    term = shared_term(replace(c, zh=zh, ja=ja), rng)
    if term:
        new = coin.word()
        zh, ja = zh.replace(term, new), ja.replace(term, new)
    return renumber(zh, ja, rng)


def grow(
    docs: list[Document], clauses: list[Clause], n: int, seed: int = 0
) -> tuple[list[Document], list[Clause]]:
    """The seed corpus (copy 0, unchanged) and n - 1 rewritten copies of it."""
    rng = random.Random(seed)
    coin = Coiner(shared_chars(clauses), rng)
    texts = [c for c in clauses if c.kind == "text"] or clauses
    out_docs, out_clauses = list(docs), list(clauses)
    for k in range(1, n):
        out_docs += [replace(d, id=f"{d.id}-g{k}") for d in docs]
        for c in clauses:
            zh, ja = rewrite(c, texts, coin, rng)
            out_clauses.append(
                replace(c, id=f"{c.id}-g{k}", doc_id=f"{c.doc_id}-g{k}", zh=zh, ja=ja)
            )
    return out_docs, out_clauses


def stats(clauses: list[Clause]) -> dict[str, int]:
    """Types and tokens of letter-run character bigrams, both languages."""
    types: set[str] = set()
    tokens = 0
    for c in clauses:
        for text in (c.zh, c.ja):
            for run in LETTERS.findall(text):
                grams = [run[i : i + 2] for i in range(max(1, len(run) - 1))]
                tokens += len(grams)
                types.update(grams)
    return {"pairs": len(clauses), "tokens": tokens, "types": len(types)}


def main() -> None:
    from indexer.ingest.corpus import build_corpus
    from settings import PROJECT_ROOT

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, nargs="*", default=[1, 10, 100])
    ap.add_argument("--build", metavar="DIR", help="also index the last scale into DIR")
    ap.add_argument("--procs", type=int, default=2)
    args = ap.parse_args()
    corpus = build_corpus(PROJECT_ROOT / "data")
    print(f"copies of the seed would keep {stats(corpus.clauses)['types']} types at any scale")
    for n in args.scale:
        docs, clauses = grow(corpus.documents, corpus.clauses, n)
        s = stats(clauses)
        print(f"{n:>5}x  {s['pairs']:>7} pairs  {s['tokens']:>9} bigram tokens", end="")
        print(f"  {s['types']:>7} types")
    if args.build:
        build_into(Path(args.build), docs, clauses, args.procs)


def build_into(root: Path, docs: list[Document], clauses: list[Clause], procs: int) -> Path:
    """Write and publish a generation of `clauses` under `root`; prints build time and RSS."""
    from indexer.pipeline import write_generation
    from storage.generations import new_build_dir, publish

    t, cpu = time.perf_counter(), time.process_time()
    times: dict[str, float] = {}
    work = new_build_dir(root)
    with _TreeMemory() as memory:
        write_generation(work, docs, clauses, procs=procs, times=times)
    gen = publish(root, work)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"built {gen} in {time.perf_counter() - t:.1f} s wall, "
        f"{time.process_time() - cpu + kids.ru_utime + kids.ru_stime:.1f} s CPU "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in times.items())}); peak RSS "
        f"{max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, kids.ru_maxrss) / 1024:.0f} MB"
        f" (the largest process); the process tree at its peak: {memory.pss:.0f} MB PSS, "
        f"{memory.rss:.0f} MB summed RSS"
    )
    return gen


class _TreeMemory:
    """Samples the build's process tree every 3 s (reading a big process's page map costs
    tens of ms of CPU: twice a second was 15% of the parent's): its peak summed PSS (what the
    tree costs: a page shared by forked processes counted once) and summed RSS (a shared
    page counted in every process holding it; the largest process's peak RSS, which the
    kernel records, counts the pages it shares with its parent too)."""

    def __init__(self) -> None:
        self.pss = self.rss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(3.0):
            m = memory_mb(os.getpid())
            self.pss, self.rss = max(self.pss, m["pss_mb"]), max(self.rss, m["rss_mb"])

    def __enter__(self) -> _TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


if __name__ == "__main__":
    main()
