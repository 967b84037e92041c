"""Index generations on disk, and the atomic swap that publishes a new one.

Layout under the index root (default `var/index/`):

    CURRENT                  one line: the name of the live generation
    gen-20261121T221500-ab12/  a complete generation: Whoosh files, clauses.jsonl,
                             glossary.json, meta.json
    .building-*/             a generation being written (never read by a server)

A build writes a whole generation into a fresh `.building-*` directory, renames it,
then replaces CURRENT with `os.replace`, which is atomic on POSIX. A running server
keeps reading the generation it opened until it sees CURRENT change, so it never sees
a partial index, and a failed build leaves the last good one live.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

KEEP_GENERATIONS = 3  # the live one and two before it, for servers still reading them


class IndexMissing(RuntimeError):
    """No built index at the configured place."""


def current_generation(root: Path) -> Path | None:
    """The live generation directory, or None when nothing was published yet."""
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    gen = root / name
    return gen if name and gen.is_dir() else None


def read_meta(gen: Path) -> dict[str, Any]:
    return json.loads((gen / "meta.json").read_text(encoding="utf-8"))


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per index root; a second one waits rather than interleaving."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def new_build_dir(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".building-", dir=root))


def publish(root: Path, build_dir: Path) -> Path:
    """Rename a finished build into a generation and point CURRENT at it atomically."""
    now = time.time_ns()  # names sort by age, even for builds within one second
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}"
    gen = root / f"gen-{stamp}-{build_dir.name.rsplit('-', 1)[-1]}"
    build_dir.rename(gen)
    tmp = root / f".CURRENT.{os.getpid()}"
    tmp.write_text(gen.name + "\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, root / "CURRENT")
    prune(root)
    return gen


def prune(root: Path) -> None:
    """Drop old generations and abandoned build directories (keep the newest few)."""
    live = current_generation(root)
    gens = sorted((p for p in root.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
    for old in gens[:-KEEP_GENERATIONS]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
