"""Writing one generation: the clause file, the learned glossary, the word links, the Whoosh
index, meta.json.

Everything goes into a fresh build directory (see `indexer.index.store`); only the build
pipeline (`indexer.build`) publishes it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from indexer import glossary as glossary_mod
from indexer import links as links_mod
from indexer.index import docvalues, glossary_table, lifeline, postings, views
from indexer.index import parts as parts_mod
from indexer.index.schema import SCHEMA_VERSION, row
from indexer.index.segments import PartWriter, segment_ids
from indexer.links import variants
from indexer.records import Clause, Document, read_clauses, write_jsonl

Progress = Callable[[int, int], None]  # (done, total)


def write_generation(
    out: Path,
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    *,
    curated: Path | None = None,
    procs: int = 2,
    progress: Progress | None = None,
    times: dict[str, float] | None = None,
    previous: Path | None = None,
    userdict: Path | None = None,
) -> list[str]:
    """Write a complete generation (clause file, glossary, index, meta) into `out`.

    `previous` is a sound earlier generation whose unchanged parts may be reused (see
    `indexer.index.parts`). Returns notes saying what was reused or why nothing was.
    `times` gets the wall time of each step: `index` is the segments and the files derived
    from them alone; with two cores the learners (`glossary`, `links`) run beside them and
    `waited` is how long the index then waited for the learners.
    """
    times = {} if times is None else times
    t = time.perf_counter()
    write_jsonl(out / "clauses.jsonl", clauses)
    clauses = _as_written(clauses, out / "clauses.jsonl")
    times["clauses"] = time.perf_counter() - t

    def learn() -> dict[str, float]:
        """The learners, which need no index: in a worker process of their own when the
        build has two cores, so the index and its derived files are written meanwhile.
        There the glossary is learned in a child process of its own and read back for
        the links: its working memory (1 GB at 188,000 pairs) goes back to the system
        before the links learner needs its own, instead of staying in this process's heap."""
        took = {}
        t = time.perf_counter()
        if procs > 1:
            child = lifeline.Forked(_learn_glossary, clauses, curated, out)
            child.wait()
            gloss = glossary_mod.load(out / "glossary.json")
        else:
            gloss = _learn_glossary(clauses, curated, out)
        took["glossary"] = time.perf_counter() - t
        t = time.perf_counter()
        links_mod.save(links_mod.learn_links(clauses, gloss, curated), out / links_mod.FILE)
        took["links"] = time.perf_counter() - t
        return took

    index_meta, notes = write_index(
        out,
        documents,
        clauses,
        procs=procs,
        progress=progress,
        previous=previous,
        userdict=userdict,
        learn=learn,
        times=times,
    )
    t = time.perf_counter()
    _derived(out, previous if _same_code(previous, index_meta["code"]) else None, procs)
    times["views"] = time.perf_counter() - t
    meta: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": _docs_meta(documents, clauses),
        "clauses": len(clauses),
        "index": index_meta,
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    return notes


def _as_written(clauses: Sequence[Clause], path: Path) -> Sequence[Clause]:
    """The clauses exactly as the clause file says (the contract is what is indexed).

    Read back and compared one by one rather than kept as a second list: the caller
    still holds its own (241 MB at 188,000 pairs), and every forked build process would
    count both. Only a clause that did not survive its JSON unchanged makes the read-back
    list the one indexed."""
    for given, written in zip(clauses, read_clauses(path), strict=True):
        if given != written:
            return list(read_clauses(path))
    return clauses


def _learn_glossary(
    clauses: Sequence[Clause], curated: Path | None, out: Path
) -> glossary_mod.Glossary:
    gloss = glossary_mod.learn(clauses, curated)
    glossary_mod.save(gloss, out / "glossary.json")
    return gloss


def _from_index(out: Path, times: dict[str, float]) -> None:
    """The files derived from the index alone (postings, docvalues): written as soon as
    the segments are, while the learners may still run."""
    t = time.perf_counter()
    postings.write(out)
    docvalues.write(out)
    times["postings"] = time.perf_counter() - t


def _derived(out: Path, previous: Path | None, procs: int) -> None:
    """The files that need the learners' output too: the views (the longest, which read
    the links) in a second process when there are two cores, the variants and the
    glossary table in this one."""
    if procs > 1:
        lifeline.trim_heap()  # the child would count the freed heap pages it inherits
    child = lifeline.Forked(views.write, out, previous) if procs > 1 else None
    try:
        variants.write(out)
        glossary_table.write(out)
        if child is None:
            views.write(out, previous)
    except BaseException:
        if child is not None:
            child.stop()
        raise
    if child is not None:
        child.wait()


def _docs_meta(documents: Sequence[Document], clauses: Sequence[Clause]) -> list[dict[str, Any]]:
    counts: dict[str, list[int]] = {}
    for c in clauses:
        n = counts.setdefault(c.doc_id, [0, 0])
        n[0] += 1
        n[1] += bool(c.zh and c.ja)
    return [
        {
            **d.to_dict(),
            "clauses": counts.get(d.id, [0, 0])[0],
            "aligned": counts.get(d.id, [0, 0])[1],
        }
        for d in documents
    ]


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


def _same_code(previous: Path | None, code: str) -> bool:
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
