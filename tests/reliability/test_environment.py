"""Failure family 4: the machine refuses (disk full, read-only folder, no memory).

Each ends in exit 5 and one line, leaves no `.building-*` behind and the last good
index live; a failed build prunes old generations so a full disk does not stay full.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer import pipeline
from indexer.index import writer
from storage import postings_file as postings


def leftovers(index: Path) -> list[Path]:
    return list(index.glob(".building-*"))


def add_old_generations(index: Path, n: int) -> None:
    gen = index / (index / "CURRENT").read_text().strip()
    for i in range(n):
        shutil.copytree(gen, index / f"gen-0000{i}")


def test_injected_disk_full_is_exit_5_and_cleans_up(cli, data, index, monkeypatch):
    live_before = (index / "CURRENT").read_text()
    add_old_generations(index, 3)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(index / ".building"))

    monkeypatch.setattr(writer, "write_index", full)
    result = cli("build", "--data", data, "--index", index)
    assert result.exit_code == 5, result.output
    assert "disk full" in result.output and "Traceback" not in result.output
    assert leftovers(index) == [] and (index / "CURRENT").read_text() == live_before
    assert len(list(index.glob("gen-*"))) == 3  # pruned to the generations kept


def test_disk_full_in_the_second_build_process_is_exit_5(cli, data, index, monkeypatch):
    # postings.bin is written by a forked process beside the views: its error reaches
    # the build as if it had happened in the build's own process.
    live_before = (index / "CURRENT").read_text()

    def full(gen: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(gen / postings.FILE))

    monkeypatch.setattr(postings, "write", full)
    result = cli("build", "--data", data, "--index", index, "--procs", "2")
    assert result.exit_code == 5, result.output
    assert "disk full" in result.output and "postings.bin" in result.output
    assert "Traceback" not in result.output
    assert leftovers(index) == [] and (index / "CURRENT").read_text() == live_before


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[bool]:
    """A tiny tmpfs at `path` when running as root (True), else nothing (False)."""
    path.mkdir()
    if not can_mount():
        yield False
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path])
    try:
        yield mounted.returncode == 0
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", path], check=False)


def test_real_disk_full_when_possible(cli, data, tmp_path, monkeypatch):
    """On a 300 KB tmpfs (as root) the build really hits ENOSPC; else it is injected."""
    index = tmp_path / "small"
    with small_disk(index, "300k") as real:
        if not real:
            monkeypatch.setattr(writer, "write_index", _enospc)
        result = cli("build", "--data", data, "--index", index)
        assert result.exit_code == 5, result.output
        assert "disk full" in result.output
        assert leftovers(index) == []


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """A read-only bind mount as root (root ignores file modes), else chmod."""
    if can_mount():
        subprocess.run(["mount", "--bind", path, path], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", path, path], check=True)
        try:
            yield
        finally:
            subprocess.run(["umount", "-l", path], check=False)
    else:
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)


def test_read_only_index_folder(cli, data, index):
    with read_only(index):
        fresh = cli("build", "--if-stale", "--data", data, "--index", index)
        assert fresh.exit_code == 0 and "up to date" in fresh.output  # `make serve` works
        forced = cli("build", "--data", data, "--index", index)
        assert forced.exit_code == 5, forced.output
        assert "cannot write the index folder" in forced.output


def test_out_of_memory_is_exit_5(cli, data, index, monkeypatch):
    def oom(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(writer, "write_index", oom)
    result = cli("build", "--data", data, "--index", index)
    assert result.exit_code == 5 and "out of memory" in result.output
    assert leftovers(index) == []


def _build_with_failing_workers(cli, data, index, monkeypatch, fail) -> tuple[Any, str]:
    """A parallel build (no segment reused) whose forked processes call `fail()`: the one
    learning the glossary before it learns, the others before writing their part; the
    live generation's name before it."""
    from indexer.index import parts, segments

    live_before = (index / "CURRENT").read_text()
    monkeypatch.setattr(parts, "MP_THRESHOLD", 1)
    monkeypatch.setattr(parts, "PART_CLAUSES", 20)
    monkeypatch.setattr(parts, "_code_hash", lambda: "other analysis code")  # no reuse
    parent, write_part, learn = os.getpid(), segments.write_part, pipeline.glossary_mod.learn

    def failing_in_workers(fn):
        def call(*args):
            if os.getpid() != parent:
                fail()
            return fn(*args)

        return call

    # forked workers inherit these
    monkeypatch.setattr(segments, "write_part", failing_in_workers(write_part))
    monkeypatch.setattr(pipeline.glossary_mod, "learn", failing_in_workers(learn))
    return cli("build", "--data", data, "--index", index, "--procs", "3"), live_before


def test_disk_full_inside_a_writer_process_is_exit_5(cli, data, index, monkeypatch):
    """A segment written by a worker process fails: the parent reports it and cleans up."""
    result, live_before = _build_with_failing_workers(cli, data, index, monkeypatch, _enospc)
    assert result.exit_code == 5, result.output
    assert "disk full" in result.output and "Traceback" not in result.output
    assert leftovers(index) == [] and (index / "CURRENT").read_text() == live_before


def test_killed_writer_process_is_exit_5(cli, data, index, monkeypatch):
    """The out-of-memory killer takes a writer process: one line, exit 5, nothing replaced."""

    def killed() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    result, live_before = _build_with_failing_workers(cli, data, index, monkeypatch, killed)
    assert result.exit_code == 5, result.output
    assert "build process was killed" in result.output and "Traceback" not in result.output
    assert leftovers(index) == [] and (index / "CURRENT").read_text() == live_before
