"""A generation's checksum manifest: sha256 and size of every file, written at build.

Damage used to go unnoticed: a truncated segment answered 500 on every search while the
health check said ready, and 64 KiB overwritten inside a segment silently changed most
results. `CHECKSUMS` (JSON, in the generation) lets a server check sizes plus a cheap
sample hash whenever it opens a generation, and `taiyaku check` hash every byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

CHECKSUMS = "CHECKSUMS.json"
SAMPLE = 64 * 1024  # bytes hashed from each end of a file by the cheap check


def _files(gen: Path) -> list[Path]:
    return sorted(p for p in gen.iterdir() if p.is_file() and p.name != CHECKSUMS)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sample(path: Path, size: int) -> str:
    """Hash of the first and last `SAMPLE` bytes: catches a torn head or tail in O(1)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        h.update(fh.read(SAMPLE))
        if size > SAMPLE:
            fh.seek(max(SAMPLE, size - SAMPLE))
            h.update(fh.read(SAMPLE))
    return h.hexdigest()


def write_checksums(gen: Path) -> None:
    """Record every file of a finished generation (called last, before publishing)."""
    entries = {}
    for p in _files(gen):
        size = p.stat().st_size
        entries[p.name] = {"size": size, "sha256": _sha256(p), "sample": _sample(p, size)}
    tmp = gen / (CHECKSUMS + ".tmp")
    tmp.write_text(json.dumps({"version": 1, "files": entries}, indent=1), encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, gen / CHECKSUMS)


def verify(gen: Path, *, full: bool = False) -> list[str]:
    """Problems found in a generation (empty = sound). `full` hashes every byte."""
    try:
        recorded = json.loads((gen / CHECKSUMS).read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return [f"{gen.name}: no {CHECKSUMS} (built before checksums, or damaged)"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [f"{gen.name}: unreadable {CHECKSUMS}: {err}"]
    problems = []
    for name, want in sorted(recorded.items()):
        path = gen / name
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(f"{gen.name}/{name}: missing")
            continue
        if size != want["size"]:
            problems.append(f"{gen.name}/{name}: {size} bytes, {want['size']} expected")
        elif (full and _sha256(path) != want["sha256"]) or (
            not full and _sample(path, size) != want["sample"]
        ):
            problems.append(f"{gen.name}/{name}: content differs from its checksum")
    return problems
