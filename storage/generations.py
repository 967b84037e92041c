"""Index generations on disk, and the atomic swap that publishes a new one.

Layout under the index root (default `var/index/`):

    CURRENT                  one line: the name of the live generation
    gen-20261121T221500-ab12/  a complete generation: Whoosh files, clauses.jsonl,
                             glossary.json, meta.json
    .building-<pid>-*/       a generation being written by build <pid> (never read by a server)
    .lock                    the build lock and its owner (see `storage.lock`)

A build writes a whole generation into a fresh `.building-*` directory, renames it,
then replaces CURRENT with `os.replace`, which is atomic on POSIX. A running server
keeps reading the generation it opened until it sees CURRENT change, so it never sees
a partial index, and a failed build leaves the last good one live.

CURRENT is only trusted when it names a `gen-*` directory directly under the root; when it
is missing, unreadable or points anywhere else, readers fall back to the newest generation
that passes its checksum manifest (`live_generation`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from storage.checksums import verify, write_checksums
from storage.lock import build_lock, pid_alive  # noqa: F401 (re-exported)

KEEP_GENERATIONS = 3  # the live one and two before it, for servers still reading them


_GEN_NAME = re.compile(r"gen-[0-9A-Za-z._-]+")
_BUILDING = re.compile(r"\.building-(\d+)-")


def current_generation(root: Path) -> Path | None:
    """The generation CURRENT names, or None when it is missing or names no generation."""
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    gen = root / name
    return gen if _GEN_NAME.fullmatch(name) and gen.is_dir() else None


def generations(root: Path) -> list[Path]:
    """Every generation directory under `root`, newest first (names sort by age)."""
    try:
        found = [p for p in root.iterdir() if _GEN_NAME.fullmatch(p.name) and p.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def live_generation(root: Path) -> tuple[Path | None, str]:
    """The generation to serve and, when it is not the one CURRENT names, why not.

    A server must not go dark because CURRENT was deleted or damaged while sound
    generations sit next to it, nor serve a damaged one: it takes CURRENT's generation when
    that passes the cheap check, else the newest generation that does.
    """
    named = current_generation(root)
    if named is not None:
        problems = verify(named)
        if not problems:
            return named, ""
        reason = f"{named.name} failed verification ({problems[0]})"
    elif (root / "CURRENT").exists():
        reason = "CURRENT does not name a generation of this index"
    else:
        reason = "CURRENT is missing"
    for gen in generations(root):
        if gen != named and not verify(gen):
            return gen, f"{reason}; serving {gen.name}, the newest valid generation"
    return None, reason


def read_meta(gen: Path) -> dict[str, Any]:
    return json.loads((gen / "meta.json").read_text(encoding="utf-8"))


def new_build_dir(root: Path) -> Path:
    """A fresh `.building-<pid>-*` directory; the pid lets the next build spot leftovers."""
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".building-{os.getpid()}-", dir=root))


def remove_leftovers(root: Path) -> list[Path]:
    """Delete build directories whose build is dead; return what was removed.

    Called under the build lock, so no live build of this root can own one except through
    a pid that is still running; directories without a pid are removed after an hour.
    """
    removed = []
    for stale in root.glob(".building-*"):
        m = _BUILDING.match(stale.name)
        if m:
            pid = int(m.group(1))
            if pid == os.getpid() or pid_alive(pid):
                continue
        elif time.time() - stale.stat().st_mtime < 3600:
            continue
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale)
    return removed


def free_bytes(root: Path) -> int:
    st = os.statvfs(root)
    return st.f_bavail * st.f_frsize


def generation_bytes(gen: Path) -> int:
    return sum(p.stat().st_size for p in gen.rglob("*") if p.is_file())


def make_room(root: Path, needed: int) -> list[Path]:
    """Before writing: when free space is short of `needed`, drop all but the live generation."""
    if free_bytes(root) >= needed:
        return []
    live, _ = live_generation(root)
    dropped = [g for g in generations(root) if g != live]
    for old in dropped:
        shutil.rmtree(old, ignore_errors=True)
    return dropped


def publish(root: Path, build_dir: Path) -> Path:
    """Checksum a finished build, rename it into a generation, point CURRENT at it atomically."""
    write_checksums(build_dir)
    now = time.time_ns()  # names sort by age, even for builds within one second
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}"
    gen = root / f"gen-{stamp}-{build_dir.name.rsplit('-', 1)[-1]}"
    build_dir.rename(gen)
    swap_current(root, gen)
    prune(root)
    return gen


def swap_current(root: Path, gen: Path) -> None:
    """Point CURRENT at `gen` atomically (servers follow it on their next request)."""
    tmp = root / f".CURRENT.{os.getpid()}"
    tmp.write_text(gen.name + "\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, root / "CURRENT")


def prune(root: Path) -> None:
    """Drop old or damaged generations and abandoned build directories (keep the newest few)."""
    live = current_generation(root)
    gens = generations(root)
    for old in gens[KEEP_GENERATIONS:] + [g for g in gens[:KEEP_GENERATIONS] if verify(g)]:
        if old != live:  # too old, or damaged: useless as a fallback
            shutil.rmtree(old, ignore_errors=True)
    remove_leftovers(root)
