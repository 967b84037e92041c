"""Ship a generation to replicas: pack it into one artifact, unpack, verify and swap it in.

A generation is immutable and self-checking (`CHECKSUMS.json`), and the read path keeps
no state besides it, so any number of replicas can serve one generation: build once,
`pack` the live generation into a tarball, copy it anywhere (scp, an object store, a CI
artifact), and `unpack` it on every replica. Unpacking first checks the artifact against
something that did not travel with it (a signature and a key the replica holds, or a
digest given on the command line: `signing`), because Whoosh's segments are pickles and
a forged generation would run its code in every server. It then streams the tarball into
a `.building-*` directory (never read by a server): `CHECKSUMS.json` comes first, and every
later member must be listed there with its exact size, so an unlisted member, a size that
differs or a decompression bomb is refused at its header, before its bytes are written.
The generation is renamed into place under its own name (every replica serves the same
name, which `/healthz` and `/api/stats` report) and CURRENT replaced atomically. Unpacking
a generation the root already has just points CURRENT back at it (a rollback).
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tarfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from storage.checksums import CHECKSUMS, MAX_MANIFEST_BYTES, ChecksumsError, parse, verify
from storage.errors import EnvironmentFailure, IndexDamaged
from storage.generations import (
    _GEN_NAME,
    build_lock,
    current_generation,
    free_bytes,
    new_build_dir,
    prune,
    swap_current,
)
from storage.signing import check

HEADER_ALLOWANCE = 3 * 512  # a member's header blocks (a long name takes a second one)


class BadArtifact(ValueError):
    """The file is not a packed generation."""


class BadChecksums(BadArtifact):
    """The artifact's checksum manifest is malformed (exit 3)."""


def pack(root: Path, out: Path | None = None) -> Path:
    """The live generation of `root` as `<out or ./gen-….tar.gz>`, after a full check.

    `CHECKSUMS.json` is the first member, so `unpack` knows every size before any data."""
    gen = current_generation(root)
    if gen is None:
        raise IndexDamaged(f"no live generation under {root} to pack")
    problems = verify(gen, full=True)
    if problems:
        raise IndexDamaged(f"{gen.name} is damaged, not packing it: {problems[0]}")
    out = out or Path(f"{gen.name}.tar.gz")
    tmp = out.with_name(out.name + ".part")
    files = sorted(p.name for p in gen.iterdir() if p.is_file() and p.name != CHECKSUMS)
    with tarfile.open(tmp, "w:gz", compresslevel=1) as tar:
        tar.add(gen, arcname=gen.name, recursive=False, filter=_plain)
        for name in (CHECKSUMS, *files):
            tar.add(gen / name, arcname=f"{gen.name}/{name}", filter=_plain)
    tmp.replace(out)
    return out


def unpack(root: Path, artifact: Path, trust: dict[str, Any]) -> Path:
    """Install a packed generation under `root` and make it live; returns its path.

    `trust` holds `sha256`, `key` and `signature` for `signing.check` (Untrusted if none
    vouches for the artifact); nothing is extracted before that."""
    check(artifact, **trust)
    with build_lock(root):
        work = new_build_dir(root)
        try:
            name = _extract(artifact, work, root)
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


class _Capped:
    """A decompressed stream that refuses to yield more than `cap` bytes (a gzip bomb)."""

    def __init__(self, raw: BinaryIO, cap: int):
        self.raw, self.cap, self.read_bytes = raw, cap, 0

    def read(self, n: int = -1) -> bytes:
        room = self.cap - self.read_bytes
        data = self.raw.read(room + 1 if n < 0 else min(n, room + 1))
        self.read_bytes += len(data)
        if self.read_bytes > self.cap:
            raise BadArtifact(f"decompresses past the {self.cap:,} bytes its manifest allows")
        return data


def _extract(artifact: Path, into: Path, root: Path) -> str:
    """Stream a one-generation tarball into `into`, every member checked; its name."""
    try:
        with gzip.open(artifact, "rb") as raw:
            stream = _Capped(raw, MAX_MANIFEST_BYTES + 4 * HEADER_ALLOWANCE)
            with tarfile.open(fileobj=stream, mode="r|") as tar:  # type: ignore[call-overload]
                return _members(tar, stream, into, root, artifact.name)
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise BadArtifact(f"{artifact.name}: unreadable ({err})") from err


def _members(tar: tarfile.TarFile, stream: _Capped, into: Path, root: Path, what: str) -> str:
    first = tar.next()
    if first is None or not first.isdir() or not _GEN_NAME.fullmatch(first.name):
        raise BadArtifact(f"{what}: not a packed generation (one gen-* folder first)")
    name = first.name
    gen = into / name
    gen.mkdir()
    head = tar.next()
    if head is None or head.name != f"{name}/{CHECKSUMS}" or not head.isfile():
        raise BadArtifact(f"{what}: not a packed generation ({CHECKSUMS} must come first)")
    if head.size > MAX_MANIFEST_BYTES:
        raise BadChecksums(f"{what}: {CHECKSUMS} is {head.size:,} bytes (at most 1 MiB)")
    raw = _read(tar, head)
    try:
        files = parse(raw)
    except ChecksumsError as err:
        raise BadChecksums(f"{what}: {err}") from err
    total = sum(e["size"] for e in files.values())
    if free_bytes(root) < total:
        raise EnvironmentFailure(f"{root}: {total:,} bytes needed to unpack {what}, not free")
    stream.cap += total + HEADER_ALLOWANCE * (len(files) + 2)
    (gen / CHECKSUMS).write_bytes(raw)
    seen: set[str] = set()
    while (member := tar.next()) is not None:
        base = member.name.removeprefix(f"{name}/")
        want = files.get(base)
        if want is None or base in seen or not member.isfile() or member.name == base:
            raise BadArtifact(f"{what}: {member.name[:120]!r} is not listed in {CHECKSUMS}")
        if member.size != want["size"]:
            raise IndexDamaged(f"{what}: {base} is {member.size:,} bytes, {want['size']:,} listed")
        _write(tar, member, gen / base, want["sha256"], what)
        seen.add(base)
    missing = sorted(set(files) - seen)
    if missing:
        raise IndexDamaged(f"{what}: {missing[0]} is listed in {CHECKSUMS} but missing")
    return name


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    fh = tar.extractfile(member)
    assert fh is not None
    return fh.read()


def _write(tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path, sha256: str, what: str):
    """Copy one member's bytes to `path`, hashing them on the way."""
    fh = tar.extractfile(member)
    assert fh is not None
    h = hashlib.sha256()
    with path.open("xb") as out:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            out.write(block)
    if h.hexdigest() != sha256:
        raise IndexDamaged(f"{what}: {path.name}: content differs from its checksum")
