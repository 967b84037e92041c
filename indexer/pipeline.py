"""`taiyaku build`, stage by stage: source files to a published index generation.

The stages, in order (each hands the next its result in memory where it can; a file is
read back only to check it, or where a stage ran in another process):

1. **ingest** — the manifest's sources read, aligned and cut into clause records
   (`indexer.ingest.corpus.build_corpus`, cached per source file);
2. **clause records** — written as `clauses.jsonl`, the readable contract of what is
   indexed, and checked against the records in memory (`write_generation`);
3. **glossary** — term equivalents learned from the aligned pairs plus the curated ones
   (`indexer.glossary.learn`), saved as `glossary.json`;
4. **links** — word links per pair (`indexer.links.learn_links`), saved as `links.jsonl`;
5. **segments and postings** — the Whoosh segments (the index of record), then
   `postings.bin` and the docvalues derived from them (`indexer.index.writer`). With two
   cores, stages 3–4 run in a worker process beside this one;
6. **derived files** — the clause views (`views.bin`: texts, words, links), the variants
   table and the glossary table (`storage`);
7. **meta** — `meta.json`, written once, with the fingerprint of data and code;
8. **publish** — checksums written and the generation swapped in atomically
   (`storage.generations.publish`); a failed build removes its own folder.

Re-running on unchanged data is a no-op with `if_stale`, and that check only reads, so it
works on a read-only index folder. Failures of the machine (disk full, read-only folder,
out of memory) are raised as `EnvironmentFailure` with a message saying what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzers.resources import userdict_zh
from indexer import glossary as glossary_mod
from indexer import links as links_mod
from indexer.dictionaries import variants
from indexer.errors import EnvironmentFailure
from indexer.index import lifeline, writer
from indexer.index.writer import Progress
from indexer.ingest.corpus import Corpus, build_corpus
from indexer.records import Clause, Document, read_clauses, write_jsonl
from storage import clause_views, glossary_table, links_file
from storage.checksums import verify
from storage.generations import (
    build_lock,
    current_generation,
    generation_bytes,
    make_room,
    new_build_dir,
    prune,
    publish,
    read_meta,
    remove_leftovers,
)
from storage.lock import Notify
from storage.schema import SCHEMA_VERSION

GLOSSARY_FILE = "glossary.json"  # the learned glossary, as the glossary learner saves it
CODE_DIRS = ("analyzers", "indexer", "storage")  # the code that decides what an index holds
CODE_SUFFIXES = {".py", ".gz", ".json", ".tsv", ".txt"}  # its sources and the data they read
PROJECT_CODE = Path(__file__).resolve().parents[1]
SPACE_FACTOR = 2  # free space wanted before writing, as a multiple of the live generation


@dataclass
class BuildResult:
    generation: Path | None
    skipped: bool
    corpus: Corpus | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build(
    data_dir: Path,
    root: Path,
    *,
    if_stale: bool = False,
    procs: int = 2,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> BuildResult:
    """Every stage, under the build lock: ingest, learn, index, publish.

    Raises IngestError on bad input and EnvironmentFailure when the machine refuses.
    """
    if if_stale and not is_stale(data_dir, root):  # read-only check: no lock, no writes
        return BuildResult(current_generation(root), skipped=True)
    try:
        with build_lock(root, notify):
            return _locked_build(data_dir, root, if_stale, procs, progress)
    except OSError as err:
        raise environment_failure(err, root) from err
    except MemoryError as err:
        raise EnvironmentFailure(
            "out of memory while building; nothing was replaced (lower --procs, or add memory)"
        ) from err


def _locked_build(
    data_dir: Path, root: Path, if_stale: bool, procs: int, progress: Progress | None
) -> BuildResult:
    if if_stale and not is_stale(data_dir, root):  # another build may have just finished
        return BuildResult(current_generation(root), skipped=True)
    notes = [f"removed leftover {p.name}" for p in remove_leftovers(root)]
    times: dict[str, float] = {}
    t = time.perf_counter()
    corpus = build_corpus(data_dir, cache_dir=root / "ingest-cache")  # 1. ingest
    times["ingest"] = time.perf_counter() - t
    live = current_generation(root)
    needed = SPACE_FACTOR * (generation_bytes(live) if live else 0)
    notes += [f"pruned {p.name} to make room" for p in make_room(root, needed)]
    previous, why = reusable(live)
    notes += why
    work = new_build_dir(root)
    try:
        notes += write_generation(  # 2.–7.
            work,
            corpus.documents,
            corpus.clauses,
            curated=data_dir / "glossary.tsv",
            procs=procs,
            progress=progress,
            times=times,
            previous=previous,
            userdict=userdict_zh(),
            fingerprint=fingerprint(data_dir),
        )
        t = time.perf_counter()
        gen = publish(root, work)  # 8. publish
        times["publish"] = time.perf_counter() - t
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            prune(root)  # a failed build must not leave a full disk full
        raise
    return BuildResult(gen, skipped=False, corpus=corpus, seconds=times, notes=notes)


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
    fingerprint: str | None = None,
) -> list[str]:
    """Stages 2–7 into the fresh folder `out`: clause file, learners, index, derived
    files, meta. Returns notes saying what was reused or why nothing was.

    `previous` is a sound earlier generation whose unchanged parts may be reused (see
    `indexer.index.parts`). `times` gets the wall time of each step: `index` is the
    segments and the files derived from them alone; with two cores the learners
    (`glossary`, `links`) run beside them and `waited` is how long the index then waited
    for the learners.
    """
    times = {} if times is None else times
    t = time.perf_counter()
    write_jsonl(out / "clauses.jsonl", clauses)  # 2. clause records
    clauses = _as_written(clauses, out / "clauses.jsonl")
    times["clauses"] = time.perf_counter() - t

    def learn() -> dict[str, float]:
        """3.–4. The learners, which need no index: in a worker process of their own when
        the build has two cores, so the index is written meanwhile. There the glossary
        is learned in a child process and read back for the links, so its working
        memory goes back to the system before the links learner needs its own."""
        took = {}
        t = time.perf_counter()
        if procs > 1:
            lifeline.Forked(_learn_glossary, clauses, curated, out).wait()
            gloss = glossary_mod.load(out / GLOSSARY_FILE)
        else:
            gloss = _learn_glossary(clauses, curated, out)
        took["glossary"] = time.perf_counter() - t
        t = time.perf_counter()
        links_file.save(links_mod.learn_links(clauses, gloss, curated), out / links_file.FILE)
        took["links"] = time.perf_counter() - t
        return took

    index_meta, notes = writer.write_index(  # 5. segments and postings (+ 3.–4. beside)
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
    same = previous if writer.same_code(previous, index_meta["code"]) else None
    _derived(out, same, procs)  # 6. derived files
    times["views"] = time.perf_counter() - t
    meta: dict[str, Any] = {  # 7. meta, once
        "schema": SCHEMA_VERSION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": _docs_meta(documents, clauses),
        "clauses": len(clauses),
        "index": index_meta,
    }
    if fingerprint is not None:
        meta["fingerprint"] = fingerprint
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    return notes


def _as_written(clauses: Sequence[Clause], path: Path) -> Sequence[Clause]:
    """The clauses exactly as the clause file says (the contract is what is indexed).

    Read back and compared one by one rather than kept as a second list: the caller
    still holds its own, and every forked build process would count both. Only a clause
    that did not survive its JSON unchanged makes the read-back list the one indexed."""
    for given, written in zip(clauses, read_clauses(path), strict=True):
        if given != written:
            return list(read_clauses(path))
    return clauses


def _learn_glossary(
    clauses: Sequence[Clause], curated: Path | None, out: Path
) -> glossary_mod.Glossary:
    gloss = glossary_mod.learn(clauses, curated)
    glossary_mod.save(gloss, out / GLOSSARY_FILE)
    return gloss


def _derived(out: Path, previous: Path | None, procs: int) -> None:
    """The files that need the learners' output too: the clause views (the longest, which
    read the links) in a second process when there are two cores, the variants and the
    glossary table in this one."""
    if procs > 1:
        lifeline.trim_heap()  # the child would count the freed heap pages it inherits
    child = lifeline.Forked(clause_views.write, out, previous) if procs > 1 else None
    try:
        variants.write(out)
        glossary_table.write(out, glossary_mod.load(out / GLOSSARY_FILE))
        if child is None:
            clause_views.write(out, previous)
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


def fingerprint(data_dir: Path) -> str:
    """Hash of the data, the schema version and the analysis code: what decides a rebuild.

    Hashing the analyzer, ingestion and storage sources means a changed tokenizer or
    aligner makes `make serve` rebuild, instead of serving an index that the query side
    no longer matches.
    """
    h = hashlib.sha256(f"schema={SCHEMA_VERSION}\n".encode())
    files = [(data_dir, p) for p in sorted(data_dir.rglob("*"))] + code_files()
    for root, p in files:
        if p.is_file() and not p.name.startswith("."):
            h.update(str(p.relative_to(root)).encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def code_files(root: Path = PROJECT_CODE) -> list[tuple[Path, Path]]:
    """(root, file) of the code and the data shipped beside it that decide what an index
    holds: the sources, and the dictionary tables and calibration they read (a new word
    pair table must rebuild the index as a new aligner does)."""
    return [
        (root, p)
        for d in CODE_DIRS
        for p in sorted((root / d).rglob("*"))
        if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts
    ]


def is_stale(data_dir: Path, root: Path) -> bool:
    """True when there is no sound live index, or it was built from other data or schema.

    "Sound" means every byte matches the generation's checksum manifest: a damaged live
    index must be rebuilt even though its data did not change.
    """
    gen = current_generation(root)
    if gen is None or verify(gen, full=True):
        return True
    try:
        meta = read_meta(gen)
    except (OSError, ValueError):
        return True
    return meta.get("fingerprint") != fingerprint(data_dir)


def reusable(live: Path | None) -> tuple[Path | None, list[str]]:
    """The live generation when its parts may be reused: every byte must match its checksums
    (a damaged segment linked into the new generation would stay damaged)."""
    if live is None:
        return None, ["full build: no previous generation"]
    problems = verify(live, full=True)
    if problems:
        return None, [f"full build: previous generation failed verification ({problems[0]})"]
    return live, []


def environment_failure(err: OSError, root: Path) -> EnvironmentFailure:
    """A one-line explanation of an OS error met while writing the index."""
    where = err.filename or root
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        msg = f"disk full writing {where}; free space (old generations were pruned) and rebuild"
    elif err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        msg = f"cannot write the index folder {where} ({err.strerror}); check its permissions"
    else:
        msg = f"cannot build the index in {root}: {err.strerror or err} ({where})"
    return EnvironmentFailure(msg + "; nothing was replaced, the last good index stays live")
