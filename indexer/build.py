"""`taiyaku build`: source files → clause file → glossary → Whoosh index, published atomically.

Everything is written into a fresh build directory first; only a complete generation is
published (see `indexer.index.store`). Re-running on unchanged data is a no-op with `if_stale`,
and that check only reads, so it works on a read-only index folder. A build that fails for
any reason removes its own build directory; failures of the machine (disk full, read-only
folder, out of memory) are raised as `EnvironmentFailure` with a message saying what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from analyzers.resources import userdict_zh
from indexer.errors import EnvironmentFailure
from indexer.index.checksums import verify
from indexer.index.lock import Notify
from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import (
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
from indexer.index.writer import Progress, write_generation
from indexer.ingest.corpus import Corpus, build_corpus


@dataclass
class BuildResult:
    generation: Path | None
    skipped: bool
    corpus: Corpus | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


CODE_DIRS = ("analyzers", "indexer")  # the code that decides what goes into an index
SPACE_FACTOR = 2  # free space wanted before writing, as a multiple of the live generation


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


def build(
    data_dir: Path,
    root: Path,
    *,
    if_stale: bool = False,
    procs: int = 2,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> BuildResult:
    """Ingest, align, learn the glossary, index, publish.

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
    corpus = build_corpus(data_dir, cache_dir=root / "ingest-cache")
    times["ingest"] = time.perf_counter() - t
    live = current_generation(root)
    needed = SPACE_FACTOR * (generation_bytes(live) if live else 0)
    notes += [f"pruned {p.name} to make room" for p in make_room(root, needed)]
    previous, why = reusable(live)
    notes += why
    work = new_build_dir(root)
    try:
        notes += write_generation(
            work,
            corpus.documents,
            corpus.clauses,
            curated=data_dir / "glossary.tsv",
            procs=procs,
            progress=progress,
            times=times,
            previous=previous,
            userdict=userdict_zh(),
        )
        t = time.perf_counter()
        meta_path = work / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["fingerprint"] = fingerprint(data_dir)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        gen = publish(root, work)
        times["publish"] = time.perf_counter() - t
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            prune(root)  # a failed build must not leave a full disk full
        raise
    return BuildResult(gen, skipped=False, corpus=corpus, seconds=times, notes=notes)


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
