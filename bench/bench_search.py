"""Index build time, query latency and memory, on the seed corpus and on 100× of it.

The scaled corpora grow a vocabulary (`corpus_gen.py`), not copies of the seed. Query
cost is measured through the engine (parse, expand, search, facets, term panel, marks of
the first 20 hits) over the reference queries. The engine keeps no result cache; it keeps
a generation's term panels and pairs' marks (`engine.kept`), so it is measured twice:
`taiyaku` as served (a query asked again reuses its panel and its page's marks; matching,
ranking, counts and facets are computed anew) and `taiyaku-cold` with nothing kept (every
query as if asked for the first time). Baselines in the same process,
on the same clauses: SQLite FTS5 over the same pre-tokenised text (top 20 by bm25 with
highlights, and the total count) and tantivy (a compiled engine, `requirements-bench.txt`,
installed by `make bench`) with snippets of both texts and the count. Tokenisation is
excluded from both baselines (reported apart). The engines are alternated query by
query, the order rotating, so a noisy neighbour slows all of them alike; CPU time
p50/p95/p99 and each ratio are printed beside the issue's target. Prints figures;
asserts nothing. Run: `.venv/bin/python bench/bench_search.py [--scale 1 100] [--rounds 5]
[--prebuilt 100=DIR 1000=DIR]` (`corpus_gen.py --scale N --build DIR` builds DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import corpus_gen

from analyzers import chinese, japanese
from analyzers.folding import fold
from engine import SearchRequest, open_engine
from indexer.ingest.corpus import build_corpus
from indexer.pipeline import write_generation
from indexer.records import Clause, Document
from settings import PROJECT_ROOT
from storage.generations import current_generation, new_build_dir, publish

REFERENCE = PROJECT_ROOT / "tests" / "reference" / "public.json"


def queries() -> list[str]:
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    qs = [t[k] for t in ref["terms"] for k in ("zh", "ja")]
    qs += [t["q"] for t in ref["topics"]] + [v["q"] for v in ref["variants"]]
    return [*qs, "试点", "服务业 开放", "金融 OR 保险", '"数字贸易"', "財産*", "-金融 北京"]


def scaled(docs: list[Document], clauses: list[Clause], n: int):
    """`n` copies of the corpus under new document and clause ids."""
    if n == 1:
        return docs, clauses
    out_docs, out_clauses = [], []
    for k in range(n):
        out_docs += [replace(d, id=f"{d.id}-r{k}") for d in docs]
        out_clauses += [
            replace(c, id=f"{c.id}-r{k}", doc_id=f"{c.doc_id}-r{k}", order=c.order) for c in clauses
        ]
    return out_docs, out_clauses


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def taiyaku(root: Path, docs, clauses, prebuilt=None) -> tuple[dict, Path]:
    """Build (or take `prebuilt`) an index of `clauses`: its build figures and its root."""
    t = time.perf_counter()
    times: dict[str, float] = {}
    if prebuilt is None:
        work = new_build_dir(root)
        write_generation(work, docs, clauses, procs=2, times=times)
        gen = publish(root, work)
    else:  # built before by `corpus_gen.py --build` from the same generated clauses
        root, gen = prebuilt, current_generation(prebuilt)
    built = {
        "clauses": len(clauses),
        "build_s": round(time.perf_counter() - t, 2) if prebuilt is None else None,
        "glossary_s": round(times.get("glossary", 0), 2),
        "index_s": round(times.get("index", 0), 2),
        "size_mb": round(dir_mb(gen), 1),
    }
    return built, root


def engine_run(root: Path, kept: bool = True) -> Callable[[str], None]:
    """Searches as served (`kept`: the generation's panels and marks reused) or cold."""
    engine = (
        open_engine(root)
        if kept
        else open_engine(root, panels_kept=0, marks_kept=0, queries_kept=False)
    )
    return lambda q: engine.search(SearchRequest(q, limit=20))


def tokens(text: str, lang: str) -> str:
    words = (chinese if lang == "zh" else japanese).words(text, mode="index")
    return " ".join(fold(w) for w, _, _ in words)


def pretokenised(clauses) -> tuple[list[tuple[str, str, str]], float]:
    """(id, zh words, ja words) of every clause, space-separated, folded: what both
    baselines index; and the seconds it took (identical texts tokenised once)."""
    t = time.perf_counter()
    cache: dict[tuple[str, str], str] = {}
    rows = []
    for c in clauses:
        for text, lang in ((c.zh, "zh"), (c.ja, "ja")):
            if (text, lang) not in cache:
                cache[text, lang] = tokens(text, lang)
        rows.append((c.id, cache[c.zh, "zh"], cache[c.ja, "ja"]))
    return rows, time.perf_counter() - t


def match_strings(qs: list[str]) -> list[str]:
    """Each query's words (both analyzers) OR-ed as quoted terms: the baselines' queries."""
    out = []
    for q in qs:
        ws = [fold(w) for w, _, _ in chinese.words(q)] + [fold(w) for w, _, _ in japanese.words(q)]
        ws = [w.replace('"', "") for w in ws if w.strip('"*-')]
        if ws:
            out.append(" OR ".join(f'"{w}"' for w in dict.fromkeys(ws)))
    return out


def alternated(runs: dict[str, tuple[Callable[[Any], None], list]], rounds: int) -> dict:
    """CPU and wall time per call of each engine's `run(item)`, item by item, the engines
    alternated and their order rotated each item, after one warm-up round; p50/p95/p99."""
    names = list(runs)
    n_items = len(next(iter(runs.values()))[1])
    lat: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    for r in range(rounds + 1):
        for i in range(n_items):
            k0 = (r * n_items + i) % len(names)
            for name in names[k0:] + names[:k0]:
                run, items = runs[name]
                t, c = time.perf_counter(), time.process_time()
                run(items[i])
                if r:  # round 0 is the warm-up
                    lat[name].append((time.perf_counter() - t) * 1000)
                    cpu[name].append((time.process_time() - c) * 1000)
    return {
        k: {
            "p50_ms": round(statistics.median(lat[k]), 3),
            "p95_ms": round(pct(lat[k], 95), 3),
            "cpu_p50_ms": round(statistics.median(cpu[k]), 3),
            "cpu_p95_ms": round(pct(cpu[k], 95), 3),
            "cpu_p99_ms": round(pct(cpu[k], 99), 3),
        }
        for k in names
    }


def fts5(path: Path, rows, tok_s: float) -> tuple[dict, Callable[[str], None]]:
    """An FTS5 table of `rows`: its build figures and a query run."""
    db = sqlite3.connect(path)
    t = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE clause USING fts5(id UNINDEXED, zh, ja, tokenize='unicode61')")
    db.executemany("INSERT INTO clause VALUES (?, ?, ?)", rows)
    db.commit()
    build_s = time.perf_counter() - t
    sql = (
        "SELECT id, highlight(clause, 1, '<mark>', '</mark>'), highlight(clause, 2, '<mark>', "
        "'</mark>') FROM clause WHERE clause MATCH ? ORDER BY bm25(clause) LIMIT 20"
    )
    count_sql = "SELECT count(*) FROM clause WHERE clause MATCH ?"

    def run(m: str) -> None:
        db.execute(sql, (m,)).fetchall()
        db.execute(count_sql, (m,)).fetchone()

    built = {"tokenise_s": round(tok_s, 2), "build_s": round(build_s, 2)}
    built["size_mb"] = round(path.stat().st_size / 2**20, 1)
    return built, run


def tantivy_index(path: Path, rows) -> tuple[dict, Callable[[str], None]] | None:
    """tantivy (Rust, `requirements-bench.txt`) over the same pre-tokenised fields
    (whitespace tokenizer), top 20 by BM25 with the total count and an HTML snippet of
    both texts of each hit; None when it is not installed (`make bench` installs it)."""
    try:
        import tantivy
    except ImportError:
        return None
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for f in ("zh", "ja"):
        sb.add_text_field(f, stored=True, tokenizer_name="whitespace")
    schema = sb.build()
    path.mkdir()
    ix = tantivy.Index(schema, path=str(path))
    t = time.perf_counter()
    w = ix.writer()
    for cid, zh, ja in rows:
        w.add_document(tantivy.Document(id=cid, zh=zh, ja=ja))
    w.commit()
    w.wait_merging_threads()
    ix.reload()
    build_s = time.perf_counter() - t
    searcher = ix.searcher()

    def run(m: str) -> None:
        q = ix.parse_query(m, ["zh", "ja"])
        res = searcher.search(q, 20, count=True)
        snip = [tantivy.SnippetGenerator.create(searcher, q, schema, f) for f in ("zh", "ja")]
        for _, addr in res.hits:
            doc = searcher.doc(addr)
            for g in snip:
                g.snippet_from_doc(doc).to_html()

    size = sum(p.stat().st_size for p in path.iterdir()) / 2**20
    built = {"build_s": round(build_s, 2), "size_mb": round(size, 1)}
    return built, run


# The targets (CPU time, same run): ratio to a baseline's percentile, or ms.
TARGETS = {
    100: [("cpu_p95_ms", "fts5", 1.0), ("cpu_p99_ms", "fts5", 2.0), ("cpu_p95_ms", "tantivy", 4.0)],
    1000: [("cpu_p95_ms", None, 40.0)],
}


def report(n: int, built: dict, res: dict) -> None:
    """Each engine's figures, then each of Taiyaku's ratios beside its target."""
    for name, r in res.items():
        print(f"  {name:13}: {json.dumps({**built.get(name, {}), **r})}")
    for name in ("taiyaku", "taiyaku-cold"):
        line = []
        for base in ("fts5", "tantivy"):
            if base in res:
                line += [
                    f"{base} {p[4:7]} {res[name][p] / max(res[base][p], 1e-3):.1f}x"
                    for p in ("cpu_p50_ms", "cpu_p95_ms", "cpu_p99_ms")
                ]
        print(f"  {name} CPU ratios: {', '.join(line)}")
        for p, base, target in TARGETS.get(n, []):
            if base is None:
                got, unit = res[name][p], " ms"
            elif base in res:
                got, unit = res[name][p] / max(res[base][p], 1e-3), f"x {base}"
            else:
                continue
            ok = "met" if got <= target else "NOT met"
            print(f"    {name} {p[4:7]}: {got:.2f}{unit} (target <= {target:g}{unit}) {ok}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, nargs="*", default=[1, 100])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--copies", action="store_true", help="scale by copying the seed (old way)")
    ap.add_argument(
        "--prebuilt", nargs="*", default=[], metavar="SCALE=DIR",
        help="use the index `corpus_gen.py --scale SCALE --build DIR` wrote",
    )  # fmt: skip
    args = ap.parse_args()
    prebuilt = {int(k): Path(v) for k, v in (p.split("=", 1) for p in args.prebuilt)}
    corpus = build_corpus(PROJECT_ROOT / "data")
    qs = queries()
    print(f"{len(qs)} queries x {args.rounds} rounds; limit 20 with marks; CPU time\n")
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-bench-"))
    try:
        for n in args.scale:
            grow = scaled if args.copies else corpus_gen.grow
            docs, clauses = grow(corpus.documents, corpus.clauses, n)
            w_built, root = taiyaku(tmp / f"ix{n}", docs, clauses, prebuilt.get(n))
            rows, tok_s = pretokenised(clauses)
            ms = match_strings(qs)
            built = {"taiyaku": w_built}
            runs: dict[str, tuple[Callable[[Any], None], list]] = {
                "taiyaku": (engine_run(root), qs),
                "taiyaku-cold": (engine_run(root, kept=False), qs),
            }
            built["fts5"], fts_run = fts5(tmp / f"fts{n}.db", rows, tok_s)
            runs["fts5"] = (fts_run, ms)
            if (tv := tantivy_index(tmp / f"tantivy{n}", rows)) is not None:
                built["tantivy"], runs["tantivy"] = tv[0], (tv[1], ms)
            res = alternated(runs, args.rounds)
            st = corpus_gen.stats(clauses)
            print(
                f"== {n}x corpus ({'copies' if args.copies else 'grown'}): {len(clauses)} clauses, "
                f"{st['types']} bigram types / {st['tokens']} tokens; load average "
                f"{os.getloadavg()[0]:.2f}; peak RSS so far {peak_mb():.0f} MB"
            )
            report(n, built, res)
            if "tantivy" not in res:
                print("  tantivy: not installed (make bench installs it)")
            print()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
