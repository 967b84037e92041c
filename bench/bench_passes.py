"""What each pass of the link model and each evidence source is worth: an ablation table.

The links are learned once with everything on, then once without each pass
(`indexer.links.learn.PASSES`, by name), each switch after them (`AFTER`: the kanji
span, the omitted-word test, the calibration, the per-document counts and glossary) and
each evidence source (by its letter, `indexer.links.priors`; A is the aligner itself), and scored on
hand-checked spotting cases (links alone, no search): recall with probable marks, the
share of cases with a wrong mark, and for sure (`counterpart`) marks alone their recall
and precision (cases whose sure marks are all right, over cases with a sure mark). A
row's figures are differences from the first row, in points: a pass whose removal costs
nothing where it was not tuned does not pay.

The corpus is the seed plus the outside development sources (`--source`, repeatable;
default every development source), added as `taiyaku add` adds them, as `python -m eval`
builds it; the figures print per case set: the seed's cases (in-sample: the passes were
grown on them) and each source's. A held-out test source is refused unless `--held-out`
is given: that is for the report of what each pass is worth on text it was not shaped on
(issue 22, item 5), once the round's final figure is taken; a pass removed because of it
makes that source in-sample for the next round. A sealed source is always refused. Run:
`.venv/bin/python bench/bench_passes.py [--source NAME]... [--held-out] [--only NAME,LETTER]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # eval/ is not installed

from eval_corpora import corpora

from engine.counterparts import counterpart_marks
from eval.runner import row_clause_ids
from eval.sources import SOURCES as EVAL_SOURCES
from eval.spotting import occurrences, score
from indexer import glossary
from indexer.ingest.corpus import build_corpus
from indexer.links import learn_links
from indexer.links.learn import PASSES
from storage.links_file import tier

DEV = sorted(n for n, s in EVAL_SOURCES.items() if s.split == "dev")
HELD_OUT = sorted(n for n, s in EVAL_SOURCES.items() if s.split == "test")
SOURCES = "CGIKDJRLTPNOA"
# Switches after the passes: kanji links narrowed to the shared kanji, guesses on words
# the corpus seldom links, the calibrated tiers (`learn_links`); and the statistics
# counted per document (`indexer.links.documents`: off, one table over every pair); the
# glossary evidence per document (off: the build's glossary as every document's G).
AFTER = ("kanji_span", "omitted", "calibration", "per_document", "document_glossary")
SURE = frozenset({"counterpart"})


def sure_precision(cases: list[dict], texts: Callable, links: Callable) -> tuple[int, int]:
    """(cases whose sure marks are all on a counterpart, cases with a sure mark)."""
    right = marked = 0
    for case in cases:
        zh, ja = texts(case["pair"])
        src, dst = (zh, ja) if case["dir"] == "zh2ja" else (ja, zh)
        marks = counterpart_marks(
            occurrences(src, case["term"]), links(case["pair"]), case["dir"][:2]
        )
        spans = [(a, b) for a, b, kind in marks if kind in SURE]
        if not spans:
            continue
        gold = [o for cp in case["counterpart"] for o in occurrences(dst, cp)]
        marked += 1
        right += all(any(a < y and x < b for x, y in gold) for a, b in spans)
    return right, marked


def figures(
    cases: list[dict], texts: Callable, links: dict, calibrated: dict | None = None
) -> tuple[float, ...]:
    """(recall, % cases with a wrong mark, sure recall, sure precision) of the links as a
    reader decodes them (each link's tier; `calibrated`: the table, None for the file's)."""
    decoded = {
        p: [(*lk[:4], int(tier(lk[4], lk[5], calibrated) == "probable")) for lk in ls]
        for p, ls in links.items()
    }
    get = lambda p: decoded.get(p, [])  # noqa: E731
    both = score(cases, texts, get)
    sure = score(cases, texts, get, SURE)
    right, marked = sure_precision(cases, texts, get)
    wrong_cases = sum(1 for m in both.misses if m.get("marks") and _any_wrong(m, texts))
    return (
        100 * both.recall,
        100 * wrong_cases / max(both.cases, 1),
        100 * sure.recall,
        100 * right / max(marked, 1),
    )


def _any_wrong(miss: dict, texts: Callable) -> bool:
    zh, ja = texts(miss["pair"])
    dst = ja if miss["dir"] == "zh2ja" else zh
    gold = [o for cp in miss["counterpart"] for o in occurrences(dst, cp)]
    found = [o for m in miss["marks"] for o in occurrences(dst, m)]
    return any(not any(a < y and x < b for x, y in gold) for a, b in found)


def prepared(data: Path) -> tuple[list[Any], Path, Callable[[str], tuple[str, str]], Any]:
    """The development corpus's clauses, its curated glossary file, a pair id's two texts,
    and the glossary learned from them: what every links bench starts from."""
    corpus = build_corpus(data)
    curated = data / "glossary.tsv"
    by_id = {c.id: c for c in corpus.clauses}
    return (
        corpus.clauses,
        curated,
        lambda p: (by_id[p].zh, by_id[p].ja),
        glossary.learn(corpus.clauses, curated),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", action="append", choices=DEV + HELD_OUT)
    ap.add_argument(
        "--held-out",
        action="store_true",
        help="also the held-out test sources (after the round's final figure only)",
    )
    ap.add_argument("--only", help="comma-separated rows (pass names, source letters)")
    args = ap.parse_args()
    rows = [p.name for p in PASSES] + list(AFTER) + list(SOURCES)
    if args.only:
        rows = [r for r in rows if r in args.only.split(",")]
    print(f"machine load: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    print("rows: all on, then without one pass or evidence source (points vs all on)")
    chosen = args.source or (DEV + HELD_OUT if args.held_out else DEV)
    with corpora(chosen, held_out=args.held_out) as (data, case_sets):
        clauses, curated, texts, gloss = prepared(data)
        # a case names its pair by the source's row id; the ingester renumbers long ones
        named = row_clause_ids((c.doc_id, c.order, c.id) for c in clauses)
        for cases in case_sets.values():
            for case in cases:
                case["pair"] = named.get(case["pair"], case["pair"])
        t = time.perf_counter()
        learned = {"all on": learn_links(clauses, gloss, curated)}
        print(f"{len(clauses)} clauses, links {time.perf_counter() - t:.1f} s")
        for row in rows:
            skip = frozenset({row, "X"} if row == "C" else {row})
            learned[row] = learn_links(clauses, gloss, curated, skip=skip)
        head = f"{'recall':>7} {'wrong':>7} {'sure rec':>8} {'sure prec':>9}"
        for name, cases in case_sets.items():
            base = figures(cases, texts, learned["all on"])
            print(f"\n{name}: {len(cases)} cases\n  {'':<18} {head}")
            print(f"  {'all on':<18}" + "".join(f" {v:7.1f}" for v in base))
            for row in rows:
                table = {} if row == "calibration" else None
                got = figures(cases, texts, learned[row], table)
                diffs = "".join(f" {g - b:+7.1f}" for g, b in zip(got, base, strict=True))
                label = f"- {row}" + (" (source)" if len(row) == 1 else "")
                print(f"  {label:<18}{diffs}")


if __name__ == "__main__":
    main()
