"""Incremental ingestion: an unchanged document is not read, structured or aligned again.

Each document's clause records and report are stored under a key made of its manifest
entry, the bytes of its source files and the ingestion code (every module under
`indexer/ingest` and `analyzers`), so editing a source, its entry or the aligner changes
the key and the document is redone. Entries not used by a build are deleted, so the
cache holds one corpus. The Whoosh index itself is still written in full (see README).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from indexer.ingest.clauses import Unaligned
from indexer.ingest.limits import check_size
from indexer.ingest.manifest import DocumentSpec
from indexer.records import Clause

ROOT = Path(__file__).resolve().parents[2]
CODE = ("indexer/ingest", "analyzers", "indexer/records.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the code that decides what ingestion produces."""
    h = hashlib.sha256()
    for part in CODE:
        path = ROOT / part
        for p in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def document_key(spec: DocumentSpec, data_dir: Path) -> str:
    """Cache key of one document: code, manifest entry and source bytes."""
    h = hashlib.sha256(code_version().encode())
    h.update(repr(spec).encode())
    for source in spec.sources:
        path = data_dir / source.file
        check_size(path)  # before hashing: a huge (or sparse) file is refused, not read
        with path.open("rb") as fh:
            h.update(hashlib.file_digest(fh, "sha256").digest())
    return h.hexdigest()


def load(cache_dir: Path, key: str):
    """(clauses, report fields) of a cached document, or None."""
    path = cache_dir / f"{key}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    paths: dict = {}  # a section's clauses share one heading path (`Clause.from_dict`)
    clauses = [Clause.from_dict(d, paths) for d in raw["clauses"]]
    report = raw["report"]
    report["unaligned"] = tuple(Unaligned(**u) for u in report["unaligned"])
    report["sources"] = {k: tuple(v) for k, v in report["sources"].items()}
    return clauses, report


def store(cache_dir: Path, key: str, clauses: list[Clause], report) -> None:
    """Write one document's records atomically (a crash leaves no torn entry)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    raw = {"clauses": [c.to_dict() for c in clauses], "report": asdict(report)}
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=cache_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(raw, f, ensure_ascii=False)
    os.replace(tmp, cache_dir / f"{key}.json")


def prune(cache_dir: Path, keep: set[str]) -> None:
    """Delete entries of documents no longer in the corpus (or of older code)."""
    for p in cache_dir.glob("*.json"):
        if p.stem not in keep:
            p.unlink(missing_ok=True)
