"""Failure family 1: a killed build must not wedge the next one.

A build slowed in its indexing stage (fault injection, `SLOWED`: the multi-process writer
forced on and a progress callback that sleeps) is killed while its writer processes run.
After SIGKILL the writers must die with it, and the next build must break the dead owner's
lock, remove the leftover `.building-*` directory and publish. After SIGTERM the build
itself must stop its writers, remove its directory, release the lock and exit 143.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from storage.lock import build_lock, read_owner

PROJECT = Path(__file__).resolve().parents[2]
# Fault injection shared by the killed builds: a writer process forced on (parts of 10
# clauses, nothing reused from the live index), each part and each progress report slowed,
# and glossary and links learned from 20 clauses only, so the build reaches its writers in
# a second instead of ten (what is tested happens after that).
SLOWED = """
import sys, time
from indexer import pipeline
from indexer.index import parts, segments
parts.MP_THRESHOLD, parts.PART_CLAUSES = 1, 10
parts._code_hash = lambda: "other analysis code"
write_part = segments.write_part
def slow_part(*args):
    time.sleep(0.5)
    return write_part(*args)
segments.write_part = slow_part
learn, learn_links = pipeline.glossary_mod.learn, pipeline.links_mod.learn_links
pipeline.glossary_mod.learn = lambda clauses, *a: learn(clauses[:20], *a)
pipeline.links_mod.learn_links = lambda clauses, *a: learn_links(clauses[:20], *a)
def slow(done, total):
    time.sleep(0.5)
"""
SLOW_BUILD = (
    SLOWED
    + """
from pathlib import Path
from indexer.pipeline import build
build(Path(sys.argv[1]), Path(sys.argv[2]), procs=2, progress=slow)
"""
)


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_for(check, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_killed_build_does_not_wedge_the_next(cli, data, tmp_path):
    index = tmp_path / "index"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, data, index], env=env)
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 1), "writer processes never started"
        writers = children(proc.pid)
        assert list(index.glob(".building-*"))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert wait_for(lambda: not any(alive(w) for w in writers), 10), "writers outlived it"
    finally:
        proc.kill()
        proc.wait(10)
    result = cli("build", "--data", data, "--index", index)
    assert result.exit_code == 0, result.output
    assert "published" in result.output and "removed leftover .building-" in result.output
    assert not list(index.glob(".building-*"))


HOLD = (
    "import fcntl, sys, time\n"
    "f = open(sys.argv[1], 'a+')\n"
    "fcntl.flock(f, fcntl.LOCK_EX)\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)


def hold_lock(root: Path, owner_pid: int | None) -> subprocess.Popen:
    """A process holding the lock file's flock, as an orphaned writer would; the owner
    record names `owner_pid` (its own pid when None)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, root / ".lock"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    owner = {"pid": owner_pid or holder.pid, "host": socket.gethostname(), "started": 0}
    (root / ".lock").write_text(json.dumps(owner))
    return holder


def test_lock_held_for_a_dead_owner_is_broken(tmp_path):
    root = tmp_path / "index"
    root.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    holder = hold_lock(root, dead.pid)
    said: list[str] = []
    try:
        with build_lock(root, said.append):
            assert read_owner(root / ".lock")["pid"] == os.getpid()
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()
    assert any(f"breaking the lock of a dead build pid {dead.pid}" in s for s in said)


def test_waiting_build_names_the_live_owner(tmp_path):
    root = tmp_path / "index"
    root.mkdir()
    holder = hold_lock(root, None)
    said: list[str] = []
    got = threading.Event()

    def wait_then_take() -> None:
        with build_lock(root, said.append):
            got.set()

    waiter = threading.Thread(target=wait_then_take)
    try:
        waiter.start()
        assert wait_for(lambda: bool(said), 5)
        assert f"waiting for build pid {holder.pid}" in said[0] and not got.is_set()
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()
    waiter.join(10)
    assert got.is_set()


SLOW_CLI_BUILD = (
    SLOWED
    + """
from search_app import cli
slow.close = lambda: None
cli._progress_bar = lambda: slow
cli.main(sys.argv[1:])
"""
)


def lock_is_free(root: Path) -> bool:
    with (root / ".lock").open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


def test_sigterm_of_a_running_build_cleans_up_and_releases_the_lock(data, index):
    """`kill PID` (systemd stop, a CI timeout): the build unwinds, nothing half-built stays."""
    live_before = (index / "CURRENT").read_text()
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    args = ["build", "--data", str(data), "--index", str(index), "--procs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI_BUILD, *args], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 1), "writer processes never started"
        writers = children(proc.pid)
        assert list(index.glob(".building-*")) and not lock_is_free(index)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "terminated; nothing was replaced" in err and "Traceback" not in err
    assert not list(index.glob(".building-*"))
    assert (index / "CURRENT").read_text() == live_before
    assert wait_for(lambda: not any(alive(w) for w in writers), 10), "writers outlived it"
    assert lock_is_free(index) and read_owner(index / ".lock") is None
