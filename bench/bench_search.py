"""Index build time, query latency and memory, on the seed corpus and on 100× of it.

The 100× corpus is the seed clauses repeated under new document ids. Query latency is
measured through the engine (parse, expand, search, facets, highlighting of the first
20 hits) over the reference queries, uncached: the engine keeps no result cache. A
SQLite FTS5 index over the same pre-tokenised text, queried in the same run, is the
baseline; its figures exclude tokenisation (reported apart). tantivy (a compiled engine,
`requirements-bench.txt`, installed by `make bench`) over the same pre-tokenised fields,
with snippets of both texts, is printed beside it when installed. Prints figures; asserts
nothing. Run: `.venv/bin/python bench/bench_search.py [--scale 100] [--rounds 5]`.
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
from dataclasses import replace
from pathlib import Path

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


def bench_whoosh(root: Path, docs, clauses, qs: list[str], rounds: int, prebuilt=None) -> dict:
    t = time.perf_counter()
    times: dict[str, float] = {}
    if prebuilt is None:
        work = new_build_dir(root)
        write_generation(work, docs, clauses, procs=2, times=times)
        gen = publish(root, work)
    else:  # built before by `corpus_gen.py --build` from the same generated clauses
        root, gen = prebuilt, current_generation(prebuilt)
    build_s = time.perf_counter() - t if prebuilt is None else float("nan")
    engine = open_engine(root)
    for q in qs:  # warm-up: loads analyzers and opens the index
        engine.search(SearchRequest(q, limit=20))
    lat, cpu = [], []
    for _ in range(rounds):
        for q in qs:
            t, c = time.perf_counter(), time.process_time()
            engine.search(SearchRequest(q, limit=20))
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    return {
        "clauses": len(clauses),
        "build_s": round(build_s, 2),
        "glossary_s": round(times.get("glossary", 0), 2),
        "index_s": round(times.get("index", 0), 2),
        "size_mb": round(dir_mb(gen), 1),
        "p50_ms": round(statistics.median(lat), 2),
        "p95_ms": round(pct(lat, 95), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(pct(cpu, 95), 2),
    }


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


def timed(run, items: list, rounds: int, built: dict) -> dict:
    """p50/p95 wall and CPU of `run(item)` over `rounds` rounds after one warm-up round."""
    lat, cpu = [], []
    for _ in range(rounds + 1):
        for m in items:
            t, c = time.perf_counter(), time.process_time()
            run(m)
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    lat, cpu = lat[len(items) :], cpu[len(items) :]  # first round is warm-up
    return {
        **built,
        "p50_ms": round(statistics.median(lat), 3),
        "p95_ms": round(pct(lat, 95), 3),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
        "cpu_p95_ms": round(pct(cpu, 95), 3),
    }


def bench_fts5(path: Path, rows, tok_s: float, qs: list[str], rounds: int) -> dict:
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
    try:
        return timed(run, match_strings(qs), rounds, built)
    finally:
        db.close()


def bench_tantivy(path: Path, rows, qs: list[str], rounds: int) -> dict | None:
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
        res = searcher.search(q, 20)
        snip = [tantivy.SnippetGenerator.create(searcher, q, schema, f) for f in ("zh", "ja")]
        for _, addr in res.hits:
            doc = searcher.doc(addr)
            for g in snip:
                g.snippet_from_doc(doc).to_html()

    size = sum(p.stat().st_size for p in path.iterdir()) / 2**20
    built = {"build_s": round(build_s, 2), "size_mb": round(size, 1)}
    return timed(run, match_strings(qs), rounds, built)


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
    print(f"{len(qs)} queries x {args.rounds} rounds; limit 20 with highlighting\n")
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-bench-"))
    try:
        for n in args.scale:
            grow = scaled if args.copies else corpus_gen.grow
            docs, clauses = grow(corpus.documents, corpus.clauses, n)
            w = bench_whoosh(tmp / f"ix{n}", docs, clauses, qs, args.rounds, prebuilt.get(n))
            rows, tok_s = pretokenised(clauses)
            f = bench_fts5(tmp / f"fts{n}.db", rows, tok_s, qs, args.rounds)
            tv = bench_tantivy(tmp / f"tantivy{n}", rows, qs, args.rounds)
            st = corpus_gen.stats(clauses)
            print(
                f"== {n}x corpus ({'copies' if args.copies else 'grown'}): {w['clauses']} clauses, "
                f"{st['types']} bigram types / {st['tokens']} tokens; load average "
                f"{os.getloadavg()[0]:.2f}; peak RSS so far {peak_mb():.0f} MB"
            )
            print(f"  taiyaku: {json.dumps(w)}")
            print(f"  fts5   : {json.dumps(f)}")
            absent = "not installed (make bench installs it)"
            print(f"  tantivy: {json.dumps(tv) if tv else absent}")
            print(
                f"  ratio taiyaku/fts5: build {w['index_s'] / max(f['build_s'], 1e-3):.1f}x, "
                f"p50 {w['p50_ms'] / max(f['p50_ms'], 1e-3):.1f}x, "
                f"p95 {w['p95_ms'] / max(f['p95_ms'], 1e-3):.1f}x; CPU p95 "
                f"{w['cpu_p95_ms'] / max(f['cpu_p95_ms'], 1e-3):.1f}x (target <= 2x at 100x); "
                f"CPU p95 {w['cpu_p95_ms']} ms (target <= 100 ms at 1,000x)"
            )
            if tv:
                print(
                    f"  ratio taiyaku/tantivy: CPU p50 "
                    f"{w['cpu_p50_ms'] / max(tv['cpu_p50_ms'], 1e-3):.1f}x, CPU p95 "
                    f"{w['cpu_p95_ms'] / max(tv['cpu_p95_ms'], 1e-3):.1f}x"
                )
            print()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
