"""Writing one generation: the clause file, the learned glossary, the word links, the Whoosh
index, meta.json.

Everything goes into a fresh build directory (see `indexer.index.store`); only the build
pipeline (`indexer.build`) publishes it.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from indexer import glossary as glossary_mod
from indexer import links as links_mod
from indexer.index import docvalues, lifeline, postings, views
from indexer.index.schema import SCHEMA_VERSION, build_schema
from indexer.records import Clause, Document, read_clauses, write_jsonl

Progress = Callable[[int, int], None]  # (done, total)
MP_THRESHOLD = 5000  # below this, forking writer processes costs more than it saves
MP_BATCH = 500  # documents handed to a writer process at a time


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
    links_mod.save(links_mod.learn_links(clauses, gloss, curated), out / links_mod.FILE)
    times["links"] = time.perf_counter() - t
    t = time.perf_counter()
    write_index(out, documents, clauses, procs=procs, progress=progress)
    docvalues.write(out)
    postings.write(out)
    views.write(out)
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
        lifeline.install()  # the writer processes die with this one, never holding the lock
        writer = ix.writer(
            procs=procs, multisegment=True, limitmb=256, batchsize=MP_BATCH, codec=codec
        )
    else:
        writer = ix.writer(limitmb=256, codec=codec)
    try:
        _add_all(writer, clauses, rank, progress)
        writer.commit()
    except BaseException:
        abandon(writer)
        raise


def _add_all(writer: Any, clauses: Sequence[Clause], rank: dict, progress: Progress | None) -> None:
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


def abandon(writer: Any) -> None:
    """Stop a writer that will never commit (an error, Ctrl-C, SIGTERM).

    Whoosh's own `cancel` only flips a flag in the parent's copy of each worker: the
    workers went on writing into a directory being deleted, and the queue's feeder thread,
    still flushing jobs into a dead worker's pipe, kept the interpreter from exiting, so a
    build stopped with SIGTERM cleaned up and then hung forever. Here the workers are
    terminated, the queues abandoned, then Whoosh's lock and temporary files released.
    """
    for task in getattr(writer, "tasks", ()):
        task.terminate()
        task.join(5)
    for name in ("jobqueue", "resultqueue"):
        queue = getattr(writer, name, None)
        if queue is not None:
            queue.cancel_join_thread()
            queue.close()
    with contextlib.suppress(Exception):
        writer.cancel()
