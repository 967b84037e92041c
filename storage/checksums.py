"""A generation's checksum manifest: sha256 and size of every file, written at build.

Damage used to go unnoticed: a truncated segment answered 500 on every search while the
health check said ready, and 64 KiB overwritten inside a segment silently changed most
results. `CHECKSUMS` (JSON, in the generation) lets a server check sizes plus a cheap
sample hash whenever it opens a generation, and `taiyaku check` hash every byte.

The manifest is read through `parse`, which checks its shape before anything uses it: a
manifest with no files verifies nothing, and one whose `files` is a list used to crash
`unpack` with a traceback. `unpack` also takes its size caps from it (see `ship`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

CHECKSUMS = "CHECKSUMS.json"
SAMPLE = 64 * 1024  # bytes hashed from each end of a file by the cheap check
MAX_MANIFEST_BYTES = 1 << 20  # a generation has tens of files: ~200 bytes each
MAX_FILES = 4096
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,199}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ChecksumsError(ValueError):
    """A checksum manifest that is not one `write_checksums` could have written."""


def parse(raw: bytes) -> dict[str, dict[str, Any]]:
    """The `files` map of a manifest, every entry checked; ChecksumsError saying what is wrong."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ChecksumsError(f"{CHECKSUMS} is {len(raw):,} bytes (at most {MAX_MANIFEST_BYTES:,})")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ChecksumsError(f"{CHECKSUMS} is not JSON: {err}") from err
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(files, dict):
        raise ChecksumsError(f"{CHECKSUMS} is not a version 1 manifest with a files map")
    if not files or len(files) > MAX_FILES:
        raise ChecksumsError(f"{CHECKSUMS} lists {len(files)} files (1 to {MAX_FILES})")
    for name, entry in files.items():
        if not _NAME.fullmatch(name) or name == CHECKSUMS:
            raise ChecksumsError(f"{CHECKSUMS} names an unusable file {name[:80]!r}")
        size = entry.get("size") if isinstance(entry, dict) else None
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or size < 0
            or not all(
                isinstance(entry.get(k), str) and _HEX64.fullmatch(entry[k])
                for k in ("sha256", "sample")
            )
        ):
            raise ChecksumsError(f"{CHECKSUMS}: the entry of {name} needs size, sha256, sample")
    return files


def _files(gen: Path) -> list[Path]:
    return sorted(p for p in gen.iterdir() if p.is_file() and p.name != CHECKSUMS)


def sha256_file(path: Path) -> str:
    """The sha256 of a file, hex, read in 1 MiB blocks."""
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
        entries[p.name] = {"size": size, "sha256": sha256_file(p), "sample": _sample(p, size)}
    tmp = gen / (CHECKSUMS + ".tmp")
    tmp.write_text(json.dumps({"version": 1, "files": entries}, indent=1), encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, gen / CHECKSUMS)


def verify(gen: Path, *, full: bool = False) -> list[str]:
    """Problems found in a generation (empty = sound). `full` hashes every byte."""
    try:
        with (gen / CHECKSUMS).open("rb") as fh:
            recorded = parse(fh.read(MAX_MANIFEST_BYTES + 1))
    except FileNotFoundError:
        return [f"{gen.name}: no {CHECKSUMS} (built before checksums, or damaged)"]
    except (OSError, ChecksumsError) as err:
        return [f"{gen.name}: unreadable {CHECKSUMS}: {err}"]
    problems = []
    if full:  # a file nobody listed (a dropped-in pickle, say) is not part of the generation
        extra = sorted(p.name for p in _files(gen) if p.name not in recorded)
        problems += [f"{gen.name}/{name}: not listed in {CHECKSUMS}" for name in extra]
    for name, want in sorted(recorded.items()):
        path = gen / name
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(f"{gen.name}/{name}: missing")
            continue
        if size != want["size"]:
            problems.append(f"{gen.name}/{name}: {size} bytes, {want['size']} expected")
        elif (full and sha256_file(path) != want["sha256"]) or (
            not full and _sample(path, size) != want["sample"]
        ):
            problems.append(f"{gen.name}/{name}: content differs from its checksum")
    return problems
