"""Writing the index of one generation: Whoosh segments, then the files derived from them.

The segments (one Whoosh document per clause pair, written in parts by worker processes,
`indexer.index.segments`) are the index of record; `postings.bin` and the docvalues are
derived from them as soon as they are written. This module only writes: the stages, and
the learners that may run beside the segments, are named in `indexer.pipeline`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from indexer.index import parts as parts_mod
from indexer.index.segments import PartWriter, segment_ids
from indexer.records import Clause, Document
from storage import docvalues
from storage import postings_file as postings
from storage.schema import row

Progress = Callable[[int, int], None]  # (done, total)


def _from_index(out: Path, times: dict[str, float]) -> None:
    """The files derived from the index alone (postings, docvalues): written as soon as
    the segments are, while the learners may still run."""
    t = time.perf_counter()
    postings.write(out)
    docvalues.write(out)
    times["postings"] = time.perf_counter() - t


def write_index(
    out: Path,
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    *,
    procs: int = 2,
    progress: Progress | None = None,
    previous: Path | None = None,
    userdict: Path | None = None,
    learn: Callable[[], dict[str, float]] | None = None,
    times: dict[str, float] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """One Whoosh document per clause pair, written as parts, then the files derived from
    the index alone. `learn` runs in a worker process beside them when there are two
    cores, else after the segments; its timings go into `times`. Returns the index's
    meta.json entry and notes."""
    times = {} if times is None else times
    code = parts_mod.code_version(userdict)
    rank = {d.id: i for i, d in enumerate(documents)}
    pieces = _pieces(clauses)
    docs = [
        (pid, parts_mod.document_key([row(c, rank) for c in cs]), len(cs))
        for pid, cs in pieces.items()
    ]
    old, notes = _previous_parts(previous, code)
    plan = parts_mod.plan(docs, old, procs)
    reused = [p for p in plan if not p.fresh]
    if previous is not None and old:
        n = sum(p.clauses for p in reused)
        notes.append(
            f"incremental: reused {n} of {len(clauses)} clause pairs ({len(reused)} segments), "
            f"analysed {len(clauses) - n}"
        )
    jobs = [[c for d in p.docs for c in pieces[d[0]]] if p.fresh else [] for p in plan]
    job = PartWriter(out, plan, jobs, rank, procs if _fresh(plan) >= parts_mod.MP_THRESHOLD else 1)
    t = time.perf_counter()
    try:
        aside = job.start(previous if reused else None, progress, first=learn)
        if learn is not None and not aside:
            times.update(learn())
            t += times["glossary"] + times["links"]
        index_parts = job.finish(progress)
        _from_index(out, times)
        times["index"] = time.perf_counter() - t  # what the index adds to the learners
        if aside:
            times.update(job.wait_first())
            times["waited"] = time.perf_counter() - t - times["index"]
    finally:
        job.close()
    return {"code": code, "parts": index_parts}, notes


def same_code(previous: Path | None, code: str) -> bool:
    """Whether `previous` was analysed by this very code (its words may be reused)."""
    if previous is None:
        return False
    try:
        meta = json.loads((previous / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return meta.get("index", {}).get("code") == code


def _fresh(plan: Sequence[parts_mod.Part]) -> int:
    return sum(p.clauses for p in plan if p.fresh)


def _previous_parts(previous: Path | None, code: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The previous generation's parts when they can be reused, else [] and why not."""
    if previous is None:
        return [], []
    try:
        index = json.loads((previous / "meta.json").read_text(encoding="utf-8")).get("index")
    except (OSError, ValueError) as err:
        return [], [f"full build: cannot read {previous.name}/meta.json ({err})"]
    if not isinstance(index, dict) or not isinstance(index.get("parts"), list):
        return [], [f"full build: {previous.name} was built before incremental builds"]
    if index.get("code") != code:
        return [], [
            f"full build: {previous.name} was built by other analysis code or user dictionary"
        ]
    try:
        listed = segment_ids(previous)
    except Exception as err:  # any damage Whoosh meets: the previous index is no base
        return [], [f"full build: cannot read the index of {previous.name} ({err})"]
    if any(p.get("segment") not in listed for p in index["parts"]):
        return [], [f"full build: {previous.name}'s meta.json and index disagree"]
    return index["parts"], []


def _pieces(clauses: Sequence[Clause]) -> dict[str, list[Clause]]:
    """Each document's clauses in order, cut into pieces of `parts.piece_size()` (the unit
    of reuse, so one huge document still spreads over processes and segments); documents
    in order of appearance, which is the manifest's."""
    by_doc: dict[str, list[Clause]] = {}
    for c in clauses:
        by_doc.setdefault(c.doc_id, []).append(c)
    size = parts_mod.piece_size()
    return {
        f"{d}#{k // size}": cs[k : k + size]
        for d, cs in by_doc.items()
        for k in range(0, len(cs), size)
    }
