"""`taiyaku build`: source files → clause file → glossary → Whoosh index, published atomically.

Everything is written into a fresh build directory first; only a complete generation is
published (see `indexer.index.store`). Re-running on unchanged data is a no-op with `if_stale`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import build_lock, current_generation, new_build_dir, publish, read_meta
from indexer.index.writer import Progress, write_generation
from indexer.ingest.corpus import Corpus, build_corpus


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
        corpus = build_corpus(data_dir, cache_dir=root / "ingest-cache")
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
