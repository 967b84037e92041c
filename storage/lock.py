"""The build lock: one build per index root, with an owner record that outlives a crash.

`flock` alone is not enough: a build killed with SIGKILL used to leave its Whoosh writer
processes alive (reparented to PID 1) still holding the inherited lock descriptor, so every
later build waited forever in silence. The lock file therefore records its owner (pid,
host, start time). A waiting build names the owner it waits for, and when that owner is
dead the lock is broken: the file is unlinked and a fresh one (a new inode, so a new
`flock`) is taken, which whatever orphan still holds the old descriptor cannot block.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

LOCK_NAME = ".lock"
POLL_SECONDS = 0.2

Notify = Callable[[str], None]


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (zombies count as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has exited; only its parent's wait() is missing
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def read_owner(path: Path) -> dict[str, Any] | None:
    """The owner record written by the holder of the lock, or None if unreadable."""
    try:
        return _parse_owner(path.read_text(encoding="utf-8"))
    except OSError:
        return None


def _parse_owner(raw: str) -> dict[str, Any] | None:
    try:
        owner = json.loads(raw or "null")
    except ValueError:
        return None
    return owner if isinstance(owner, dict) else None


def owner_dead(owner: dict[str, Any] | None) -> bool:
    """True only when the owner ran on this host and its process is gone."""
    if not owner or owner.get("host") != socket.gethostname():
        return False
    return not pid_alive(int(owner.get("pid", 0)))


def describe(owner: dict[str, Any] | None) -> str:
    if not owner:
        return "another build (owner unknown)"
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(owner.get("started", 0)))
    return f"build pid {owner.get('pid')} on {owner.get('host')}, started {started}"


@contextlib.contextmanager
def build_lock(root: Path, notify: Notify | None = None) -> Iterator[None]:
    """Hold the index root's build lock; wait (saying for whom) or break a dead owner's lock."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    said = False
    while True:
        fh = path.open("a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                fh.close()
                raise
            fh.seek(0)
            owner = _parse_owner(fh.read())
            if owner_dead(owner) and _same_file(fh, path):
                _break(path, owner, notify)
                fh.close()
                continue
            fh.close()
            if notify and not said:
                notify(f"waiting for {describe(owner)} to finish (lock {path})")
                said = True
            time.sleep(POLL_SECONDS)
            continue
        if not _same_file(fh, path):  # broken and replaced while we waited: take the new one
            fh.close()
            continue
        break
    try:
        fh.seek(0)
        fh.truncate()
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        fh.write(json.dumps(owner))
        fh.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            fh.truncate(0)
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def _break(path: Path, owner: dict[str, Any] | None, notify: Notify | None) -> None:
    if notify:
        notify(f"breaking the lock of a dead {describe(owner)}")
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _same_file(fh: Any, path: Path) -> bool:
    try:
        return os.fstat(fh.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False
