"""Ship a generation to replicas: pack it into one artifact, unpack, verify and swap it in.

A generation is immutable and self-checking (`CHECKSUMS.json`), and the read path keeps
no state besides it, so any number of replicas can serve one generation: build once,
`pack` the live generation into a tarball, copy it anywhere (scp, an object store, a CI
artifact), and `unpack` it on every replica. Unpacking writes into a `.building-*`
directory (never read by a server), hashes every byte against the manifest, renames the
generation into place under its own name (every replica serves the same name, which
`/healthz` and `/api/stats` report) and replaces CURRENT atomically: servers pick it up
on their next request, requests already running finish on the old generation.
Unpacking a generation the root already has just points CURRENT back at it (a rollback).
"""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

from storage.checksums import verify
from storage.errors import IndexDamaged
from storage.generations import (
    _GEN_NAME,
    build_lock,
    current_generation,
    new_build_dir,
    prune,
    swap_current,
)


class BadArtifact(ValueError):
    """The file is not a packed generation."""


def pack(root: Path, out: Path | None = None) -> Path:
    """The live generation of `root` as `<out or ./gen-….tar.gz>`, after a full check."""
    gen = current_generation(root)
    if gen is None:
        raise IndexDamaged(f"no live generation under {root} to pack")
    problems = verify(gen, full=True)
    if problems:
        raise IndexDamaged(f"{gen.name} is damaged, not packing it: {problems[0]}")
    out = out or Path(f"{gen.name}.tar.gz")
    tmp = out.with_name(out.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=1) as tar:
        tar.add(gen, arcname=gen.name, filter=_plain)
    tmp.replace(out)
    return out


def unpack(root: Path, artifact: Path) -> Path:
    """Install a packed generation under `root` and make it live; returns its path."""
    with build_lock(root):
        work = new_build_dir(root)
        try:
            name = _extract(artifact, work)
            problems = verify(work / name, full=True)
            if problems:
                raise IndexDamaged(f"{artifact.name}: {problems[0]}; nothing was replaced")
            gen = root / name
            if not gen.is_dir():
                (work / name).rename(gen)
            elif verify(gen, full=True):
                raise IndexDamaged(f"{gen} exists and is damaged: remove it, then unpack again")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        swap_current(root, gen)
        prune(root)
    return gen


def _plain(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """Pack regular files and the directory only (no links), owned by nobody in particular."""
    if info.isdir() or info.isfile():
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info
    return None


def _extract(artifact: Path, into: Path) -> str:
    """Extract a one-generation tarball safely; the generation's name."""
    try:
        with tarfile.open(artifact, "r:*") as tar:
            members = tar.getmembers()
            names = {m.name.split("/", 1)[0] for m in members}
            if len(names) != 1 or not _GEN_NAME.fullmatch(next(iter(names))):
                raise BadArtifact(f"{artifact.name}: not a packed generation (one gen-* folder)")
            if any(not (m.isfile() or m.isdir()) or m.name.count("/") > 1 for m in members):
                raise BadArtifact(f"{artifact.name}: holds links or nested folders")
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as err:
        raise BadArtifact(f"{artifact.name}: unreadable ({err})") from err
    return names.pop()
