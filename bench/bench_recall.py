"""Exhaustive recall (#11): substring recall, sentence lookup, index cost, query latency.

Each figure is printed beside SQLite FTS5's trigram tokenizer run on the same clauses in
the same process (`tokenize='trigram'`: a substring index; 1–2 character pieces fall
back to `LIKE`, which scans). Figures:

- substring recall: random 2–12 character pieces of clauses (zh, ja; seeded; pieces of
  only punctuation/space skipped), typed as the query: share whose clause is a hit;
- sentence lookup top-1: each clause of ≥ 16 letters pasted exact, without punctuation,
  and with 2–4 characters added/cut/changed: share whose text comes first (FTS5: the
  trigrams OR-ed, ranked by bm25);
- index size and build time at each scale with the n-gram layer, with the old Han-only
  bigrams, and with no recall field (the `han` field's analyzer swapped for the build);
- query p50/p95 over bench_search's queries (the 25% budget) and over recall queries.

Asserts nothing. Runs against any checkout: `PYTHONPATH=<tree> python bench/bench_recall.py`
(on a tree without sentence lookup the `mode` parameter is simply not passed).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_search import dir_mb, pct, queries, scaled
from whoosh import analysis

import indexer.index.segments as segments_mod
from engine import SearchRequest, open_engine
from indexer.ingest.corpus import build_corpus
from indexer.pipeline import write_generation
from settings import PROJECT_ROOT
from storage.generations import new_build_dir, publish
from storage.schema import build_schema

PUNCT_FREE = str.isalnum


def pieces(clauses, lang: str, n: int, rnd: random.Random) -> list[tuple[str, str]]:
    """(clause id, piece) pairs: random 2–12 character cuts with a letter in them."""
    pool = [c for c in clauses if getattr(c, lang)]
    out: list[tuple[str, str]] = []
    while len(out) < n:
        c = rnd.choice(pool)
        text = getattr(c, lang)
        k = rnd.randint(2, min(12, len(text)))
        s = rnd.randint(0, len(text) - k)
        if any(map(PUNCT_FREE, text[s : s + k])):
            out.append((c.id, text[s : s + k]))
    return out


def edited(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(rnd.randint(2, 4)):
        i = rnd.choice([i for i, ch in enumerate(chars) if ch.isalnum()])
        op = rnd.choice(("add", "cut", "change"))
        if op == "add":
            chars.insert(i, rnd.choice("的とを在了之"))
        elif op == "cut":
            del chars[i]
        else:
            chars[i] = rnd.choice("一二三あいう")
    return "".join(chars)


def request(q: str, limit: int | None, tm: bool = False) -> SearchRequest:
    try:
        return SearchRequest(q, limit=limit, mode="tm" if tm else "auto")
    except TypeError:  # a tree without sentence lookup
        return SearchRequest(q, limit=limit)


def build(root: Path, docs, clauses, han: str) -> tuple[float, float]:
    """Build with the `han` field as given; (seconds, MB)."""
    schema = build_schema()
    if han == "han bigrams":
        from analyzers.folding import FoldedBigramAnalyzer

        schema._fields["han"].analyzer = FoldedBigramAnalyzer()
    elif han == "none":
        schema._fields["han"].analyzer = analysis.RegexTokenizer(r"(?!)")
    saved = segments_mod.build_schema
    segments_mod.build_schema = lambda: schema
    try:
        t = time.perf_counter()
        work = new_build_dir(root)
        write_generation(work, docs, clauses, procs=2)
        gen = publish(root, work)
        return time.perf_counter() - t, dir_mb(gen)
    finally:
        segments_mod.build_schema = saved


def fts5(path: Path, clauses) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE c USING fts5(id UNINDEXED, zh, ja, tokenize='trigram')")
    db.executemany("INSERT INTO c VALUES (?, ?, ?)", [(c.id, c.zh, c.ja) for c in clauses])
    db.commit()
    return db


def fts5_find(db: sqlite3.Connection, piece: str, lang: str, limit: int = -1) -> list[str]:
    if len(piece) < 3:
        sql = f"SELECT id FROM c WHERE {lang} LIKE ? LIMIT ?"
        return [r[0] for r in db.execute(sql, (f"%{piece}%", limit))]
    quoted = '"' + piece.replace('"', '""') + '"'
    sql = f"SELECT id FROM c WHERE {lang} MATCH ? ORDER BY bm25(c) LIMIT ?"
    return [r[0] for r in db.execute(sql, (quoted, limit))]


def fts5_similar(db: sqlite3.Connection, q: str, lang: str) -> str | None:
    grams = {q[i : i + 3] for i in range(len(q) - 2) if all(map(str.isalnum, q[i : i + 3]))}
    if not grams:
        return None
    m = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
    row = db.execute(f"SELECT {lang} FROM c WHERE {lang} MATCH ? ORDER BY bm25(c) LIMIT 1", (m,))
    got = row.fetchone()
    return got[0] if got else None


def recall_figures(engine, db, clauses, n: int) -> None:
    rnd = random.Random(11)
    for lang in ("zh", "ja"):
        ps = pieces(clauses, lang, n, rnd)
        ours = sum(
            cid in {h.id for h in engine.search(request(p, None)).hits} for cid, p in ps
        ) / len(ps)
        theirs = sum(cid in fts5_find(db, p, lang) for cid, p in ps) / len(ps)
        print(f"  substring recall {lang}: taiyaku {ours:.1%}  fts5-trigram {theirs:.1%}  ({n})")
    for variant in ("exact", "no punctuation", "edited"):
        ok = fts_ok = total = 0
        for c in clauses:
            for lang in ("zh", "ja"):
                text = getattr(c, lang)
                if sum(map(str.isalnum, text)) < 16:
                    continue
                q = text
                if variant == "no punctuation":
                    q = "".join(filter(str.isalnum, text))
                elif variant == "edited":
                    q = edited(text, rnd)
                hits = engine.search(request(q, 3)).hits
                ok += bool(hits) and getattr(hits[0], lang).text == text
                fts_ok += fts5_similar(db, q, lang) == text
                total += 1
        print(
            f"  sentence top-1 {variant}: taiyaku {ok / total:.1%}  "
            f"fts5-trigram {fts_ok / total:.1%}  ({total})"
        )


def latency(engine, db, qs: list[str], rounds: int) -> str:
    for q in qs:
        engine.search(request(q, 20))
    ours, theirs = [], []
    for _ in range(rounds):
        for q in qs:
            t = time.perf_counter()
            engine.search(request(q, 20))
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            for lang in ("zh", "ja"):
                fts5_find(db, q, lang, 20)
            theirs.append((time.perf_counter() - t) * 1000)
    return (
        f"taiyaku p50 {statistics.median(ours):.2f} p95 {pct(ours, 95):.2f} ms | "
        f"fts5-trigram p50 {statistics.median(theirs):.2f} p95 {pct(theirs, 95):.2f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, nargs="*", default=[1, 100])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pieces", type=int, default=400)
    # the first build also loads the analyzers: list the layer of interest last
    ap.add_argument("--layers", nargs="*", default=["none", "han bigrams", "ngrams"])
    args = ap.parse_args()
    corpus = build_corpus(PROJECT_ROOT / "data")
    rnd = random.Random(7)
    recall_qs = [p for _, p in pieces(corpus.clauses, "zh", 10, rnd)]
    recall_qs += [p for _, p in pieces(corpus.clauses, "ja", 10, rnd)]
    recall_qs += [c.zh for c in corpus.clauses[10:15]] + [c.ja for c in corpus.clauses[10:15]]
    tmp = Path(tempfile.mkdtemp(prefix="taiyaku-recall-"))
    try:
        for n in args.scale:
            docs, clauses = scaled(corpus.documents, corpus.clauses, n)
            print(f"== {n}x corpus: {len(clauses)} clauses")
            t = time.perf_counter()
            db = fts5(tmp / f"fts{n}.db", clauses)
            size = (tmp / f"fts{n}.db").stat().st_size / 2**20
            print(f"  fts5-trigram build {time.perf_counter() - t:.2f} s, {size:.1f} MB")
            for layer in args.layers:
                secs, mb = build(tmp / f"ix{n}-{layer.replace(' ', '')}", docs, clauses, layer)
                print(f"  build with {layer:>11}: {secs:.2f} s, {mb:.1f} MB")
            shown = "ngrams" if "ngrams" in args.layers else args.layers[0]
            engine = open_engine(tmp / f"ix{n}-{shown.replace(' ', '')}")
            if n == 1:
                recall_figures(engine, db, clauses, args.pieces)
            print(f"  latency, bench_search queries: {latency(engine, db, queries(), args.rounds)}")
            print(f"  latency, recall queries      : {latency(engine, db, recall_qs, args.rounds)}")
            db.close()
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
