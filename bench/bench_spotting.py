"""Translation spotting: counterpart recall and wrong marks on the hand-checked cases, by
evidence source, and the build time of the links step at 1× and 100× the seed corpus.

Each case of `tests/spotting/cases.jsonl` names a pair, a term and the other side's exact
renderings; the term's occurrences go to `engine.counterparts.counterpart_marks` with the
pair's links. Recall counts cases with a rendering where a mark overlaps it; the
wrong-mark rate counts marks overlapping no rendering, over all cases. Even line numbers
are the development half, odd ones held out. The ablation relearns the links without one
source, and with one source alone (plus the aligner, code A, unless that is the one).
Build times: the links step beside the rest of the build (glossary + index); at 100× the
pairs repeat, which the links step learns once, so a second 100× run makes every copy a
distinct pair (a number appended to both sides) to show the aligner's cost itself.
Targets: recall ≥ 95%, wrong marks ≤ 3% of cases, links ≤ 30% of the rest of the build.

End to end (first section): the seed corpus is built into a temporary index and every
case's term is searched through the search service as a user would (`lang` = the side the
term is on, every hit), the marks of the pair's other side judged; with "probable" marks
counted and with "counterpart" marks alone (what a sure-only display shows). The later
sections score the links alone (no search): the ablation relearns them per source.
Run: `.venv/bin/python bench/bench_spotting.py [--cases FILE] [--scale 1 100]`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from engine import open_engine
from engine.api import SearchRequest
from eval.spotting import read_cases, score, score_search
from indexer import glossary
from indexer.build import build
from indexer.index.writer import write_generation
from indexer.ingest.corpus import build_corpus
from indexer.links import learn_links
from settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
CURATED = DATA / "glossary.tsv"
CASES = PROJECT_ROOT / "tests" / "spotting" / "cases.jsonl"
SOURCES = "CGIKDLPNBA"


def report(
    name: str, cases: list[dict], texts, links, kinds=frozenset({"counterpart", "probable"})
) -> None:
    halves = {
        "dev": [c for c in cases if c["line"] % 2 == 0],
        "held": [c for c in cases if c["line"] % 2],
    }
    cells = []
    for half in ("dev", "held"):
        s = score(halves[half], texts, links, kinds)
        cells.append(f"{half} recall {s.recall:6.1%} wrong {s.wrong_rate:6.1%} (n={s.cases})")
    print(f"  {name:<14}", " | ".join(cells))


def end_to_end(cases: list[dict]) -> None:
    """Figures through `SearchService.search`, per half, per kind, sure-only or not."""
    with tempfile.TemporaryDirectory() as tmp:
        build(DATA, Path(tmp))
        engine = open_engine(Path(tmp))
        seen: dict[tuple[str, str], object] = {}

        def search(q: str, lang: str):
            if (q, lang) not in seen:
                seen[q, lang] = engine.search(SearchRequest(q=q, lang=lang, limit=None))
            return seen[q, lang]

        both, sure = frozenset({"counterpart", "probable"}), frozenset({"counterpart"})
        halves = {
            "whole file": cases,
            "dev (even)": [c for c in cases if c["line"] % 2 == 0],
            "held (odd)": [c for c in cases if c["line"] % 2],
        }
        print("END TO END through the search service (targets: recall ≥ 95%, wrong ≤ 3%)")
        for name, cs in halves.items():
            a, b = score_search(cs, search, kinds=both), score_search(cs, search, kinds=sure)
            print(
                f"  {name:<12} +probable recall {a.recall:6.1%} ({a.found}/{a.with_counterpart})"
                f" wrong {a.wrong_rate:6.1%} ({a.wrong}/{a.cases}) | counterpart only recall"
                f" {b.recall:6.1%} wrong {b.wrong_rate:6.1%} | pairs not found:"
                f" {sum(not m['hit'] for m in a.misses)}"
            )
        kinds = defaultdict(list)
        for c in cases:
            kinds[c.get("kind", "?")].append(c)
        print("  by kind (+probable | counterpart only; misses)")
        for kind, cs in sorted(kinds.items()):
            a, b = score_search(cs, search, kinds=both), score_search(cs, search, kinds=sure)
            print(
                f"    {kind:<16} recall {a.recall:6.1%} wrong {a.wrong_rate:6.1%} |"
                f" {b.recall:6.1%} {b.wrong_rate:6.1%}; missed {a.with_counterpart - a.found}"
            )


def quality(clauses, cases: list[dict]) -> None:
    by_id = {c.id: c for c in clauses}
    texts = lambda p: (by_id[p].zh, by_id[p].ja)  # noqa: E731
    gloss = glossary.learn(clauses, CURATED)
    links = learn_links(clauses, gloss, CURATED)
    print("LINKS ALONE (no search), recall and wrong marks")
    report("all", cases, texts, lambda p: links.get(p, []))
    report("sure only", cases, texts, lambda p: links.get(p, []), frozenset({"counterpart"}))
    report("whole file", [{**c, "line": 0} for c in cases], texts, lambda p: links.get(p, []))
    kinds = defaultdict(list)
    for c in cases:
        kinds[c.get("kind", "?")].append(c)
    print("by case kind")
    for kind, cs in sorted(kinds.items()):
        report(kind, cs, texts, lambda p: links.get(p, []))
    print("ablation (A = the aligner; 'G alone' without A: the learned glossary only)")
    for src in SOURCES:
        ls = learn_links(clauses, gloss, CURATED, skip=frozenset(src + ("X" if src == "C" else "")))
        report(f"minus {src}", cases, texts, lambda p, ls=ls: ls.get(p, []))
    for src in SOURCES:
        keep = {src, "A", "X"} if src != "A" else {"A", "X"}
        ls = learn_links(clauses, gloss, CURATED, skip=frozenset(SOURCES) - keep)
        report(
            f"{src} alone" + (" + A" if src != "A" else ""),
            cases,
            texts,
            lambda p, ls=ls: ls.get(p, []),
        )
    ls = learn_links(clauses, gloss, CURATED, skip=frozenset(SOURCES) - {"G", "C", "X"})
    report("G alone", cases, texts, lambda p: ls.get(p, []))


def scaled(corpus, n: int, distinct: bool):
    if n == 1:
        return corpus.documents, corpus.clauses
    docs, out = [], []
    for k in range(n):
        docs += [replace(d, id=f"{d.id}-r{k}") for d in corpus.documents]
        tail = f" {k}" if distinct else ""
        out += [
            replace(
                c,
                id=f"{c.id}-r{k}",
                doc_id=f"{c.doc_id}-r{k}",
                zh=c.zh + tail if c.zh else "",
                ja=c.ja + tail if c.ja else "",
            )
            for c in corpus.clauses
        ]
    return docs, out


def timing(corpus, scale: int, distinct: bool) -> None:
    docs, clauses = scaled(corpus, scale, distinct)
    with tempfile.TemporaryDirectory() as tmp:
        times: dict[str, float] = {}
        write_generation(Path(tmp), docs, clauses, curated=CURATED, times=times)
    rest = times["glossary"] + times["index"]
    label = f"{scale}×" + (" distinct" if distinct else "")
    print(
        f"  {label:<14} links {times['links']:6.2f} s | glossary {times['glossary']:6.2f} s"
        f" + index {times['index']:6.2f} s = {rest:6.2f} s | links add {times['links'] / rest:5.1%}"
        " (target ≤ 30%)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--scale", type=int, nargs="*", default=[1, 100])
    ap.add_argument("--no-quality", action="store_true")
    args = ap.parse_args()
    print(f"machine load: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    corpus = build_corpus(DATA)
    if not args.no_quality:
        end_to_end(read_cases(args.cases))
        quality(corpus.clauses, read_cases(args.cases))
    print("build time of the links step (the rest of the build is the baseline)")
    for n in args.scale:
        t = time.perf_counter()
        timing(corpus, n, distinct=False)
        if n > 1:
            timing(corpus, n, distinct=True)
        print(f"    ({time.perf_counter() - t:.0f} s wall)")


if __name__ == "__main__":
    main()
