"""`taiyaku build`: source files → clause file → glossary → Whoosh index, published atomically.

Everything is written into a fresh build directory first; only a complete generation is
published (see `indexer.store`). Re-running on unchanged data is a no-op with `if_stale`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from indexer import glossary as glossary_mod
from indexer.corpus import Corpus, build_corpus
from indexer.records import Clause, Document, read_clauses, write_jsonl
from indexer.schema import SCHEMA_VERSION, build_schema
from indexer.store import build_lock, current_generation, new_build_dir, publish, read_meta

Progress = Callable[[int, int], None]  # (done, total)
MP_THRESHOLD = 5000  # below this, forking writer processes costs more than it saves


@dataclass
class BuildResult:
    generation: Path | None
    skipped: bool
    corpus: Corpus | None = None
    seconds: dict[str, float] = field(default_factory=dict)


CODE_DIRS = ("analyzers", "indexer")  # the code that decides what goes into an index


def fingerprint(data_dir: Path) -> str:
    """Hash of the data, the schema version and the analysis code: what decides a rebuild.

    Hashing the analyzer and ingestion sources means a changed tokenizer or aligner makes
    `make serve` rebuild, instead of serving an index that the query side no longer matches.
    """
    h = hashlib.sha256(f"schema={SCHEMA_VERSION}\n".encode())
    code_root = Path(__file__).resolve().parents[1]
    files = [(data_dir, p) for p in sorted(data_dir.rglob("*"))]
    files += [(code_root, p) for d in CODE_DIRS for p in sorted((code_root / d).rglob("*.py"))]
    for root, p in files:
        if p.is_file() and not p.name.startswith("."):
            h.update(str(p.relative_to(root)).encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def is_stale(data_dir: Path, root: Path) -> bool:
    """True when there is no live index, or it was built from other data or another schema."""
    gen = current_generation(root)
    if gen is None:
        return True
    try:
        meta = read_meta(gen)
    except (OSError, ValueError):
        return True
    return meta.get("fingerprint") != fingerprint(data_dir)


def build(
    data_dir: Path,
    root: Path,
    *,
    if_stale: bool = False,
    procs: int = 2,
    progress: Progress | None = None,
) -> BuildResult:
    """Ingest, align, learn the glossary, index, publish. Raises IngestError on bad input."""
    with build_lock(root):
        if if_stale and not is_stale(data_dir, root):
            return BuildResult(current_generation(root), skipped=True)
        times: dict[str, float] = {}
        t = time.perf_counter()
        corpus = build_corpus(data_dir)
        times["ingest"] = time.perf_counter() - t
        work = new_build_dir(root)
        try:
            write_generation(
                work,
                corpus.documents,
                corpus.clauses,
                curated=data_dir / "glossary.tsv",
                procs=procs,
                progress=progress,
                times=times,
            )
            meta_path = work / "meta.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["fingerprint"] = fingerprint(data_dir)
            meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            gen = publish(root, work)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        return BuildResult(gen, skipped=False, corpus=corpus, seconds=times)


def write_generation(
    out: Path,
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    *,
    curated: Path | None = None,
    procs: int = 2,
    progress: Progress | None = None,
    times: dict[str, float] | None = None,
) -> None:
    """Write a complete generation (clause file, glossary, index, meta) into `out`."""
    times = {} if times is None else times
    t = time.perf_counter()
    write_jsonl(out / "clauses.jsonl", clauses)
    clauses = list(read_clauses(out / "clauses.jsonl"))  # index exactly what the contract says
    gloss = glossary_mod.learn(clauses, curated)
    glossary_mod.save(gloss, out / "glossary.json")
    times["glossary"] = time.perf_counter() - t
    t = time.perf_counter()
    write_index(out, documents, clauses, procs=procs, progress=progress)
    times["index"] = time.perf_counter() - t
    meta: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": [_doc_meta(d, clauses) for d in documents],
        "clauses": len(clauses),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")


def _doc_meta(doc: Document, clauses: Sequence[Clause]) -> dict[str, Any]:
    mine = [c for c in clauses if c.doc_id == doc.id]
    return {
        **doc.to_dict(),
        "clauses": len(mine),
        "aligned": sum(1 for c in mine if c.zh and c.ja),
    }


def write_index(
    out: Path,
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    *,
    procs: int = 2,
    progress: Progress | None = None,
) -> None:
    """Add one Whoosh document per clause pair; both cores for large corpora."""
    ix = whoosh_index.create_in(str(out), build_schema())
    rank = {d.id: i for i, d in enumerate(documents)}
    # Posting blocks uncompressed: at 100× the seed corpus the index grows from 57 to 101 MB
    # but query p95 drops by about a sixth (bench/bench_search.py), as every query spends
    # most of its time decoding blocks and zlib was a quarter of that.
    codec = W3Codec(compression=0)
    if procs > 1 and len(clauses) >= MP_THRESHOLD:
        writer = ix.writer(procs=procs, multisegment=True, limitmb=256, batchsize=500, codec=codec)
    else:
        writer = ix.writer(limitmb=256, codec=codec)
    total = len(clauses)
    for n, c in enumerate(clauses, 1):
        writer.add_document(
            id=c.id,
            doc=c.doc_id,
            doc_rank=rank.get(c.doc_id, len(rank)),
            order=c.order,
            item=c.item or "",
            section=c.section or "",
            kind=c.kind,
            path=[p.to_dict() for p in c.path],
            zh_text=c.zh,
            ja_text=c.ja,
            zh=c.zh,
            ja=c.ja,
            han=c.zh + "\n" + c.ja,
        )
        if progress and (n % 200 == 0 or n == total):
            progress(n, total)
    writer.commit()
