"""`taiyaku add` and `taiyaku remove` hold the build lock while they change the data folder.

Two `add`s started together once both read the same manifest and the later write dropped
the earlier entry. Here each runs as its own process with the manifest read slowed (fault
injection: a sleep of 1.5 s after every read), which made the loss certain; with the lock
the second waits, says for whom, and both entries survive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from storage.lock import read_owner

PROJECT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT / "tests" / "ingest" / "fixtures"
SLOW_MANIFEST = """
import sys, time
from indexer.ingest import manifest_edit
read = manifest_edit.read_text
def slow_read(data_dir):
    text = read(data_dir)
    time.sleep(1.5)
    return text
manifest_edit.read_text = slow_read
from search_app.cli import main
main(sys.argv[1:])
"""


def taiyaku(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "TAIYAKU_DATA_DIR": str(tmp_path / "data"),
        "TAIYAKU_INDEX_DIR": str(tmp_path / "index"),
    }
    cmd = [sys.executable, "-c", SLOW_MANIFEST, *args]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out + err


def ids(tmp_path: Path) -> list[str]:
    manifest = tomllib.loads((tmp_path / "data" / "documents.toml").read_text("utf-8"))
    return sorted(d["id"] for d in manifest["document"])


def holding_lock(tmp_path: Path, proc: subprocess.Popen) -> bool:
    """Whether `proc` has taken the build lock (its owner record names it)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if (read_owner(tmp_path / "index" / ".lock") or {}).get("pid") == proc.pid:
            return True
        time.sleep(0.05)
    return False


def test_two_concurrent_adds_keep_both_entries(tmp_path):
    first = taiyaku(tmp_path, "add", str(FIXTURES / "pairs.tsv"), "--id", "a")
    assert holding_lock(tmp_path, first)  # it holds the lock for 3 s more: the second waits
    second = taiyaku(tmp_path, "add", str(FIXTURES / "memory.tmx"), "--id", "b")
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    assert ids(tmp_path) == ["a", "b"]
    assert any("waiting for build pid" in output for _, output in results)


def test_add_and_remove_at_once_keep_the_other_entry(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("TAIYAKU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TAIYAKU_INDEX_DIR", str(tmp_path / "index"))
    for doc_id, name in (("a", "pairs.tsv"), ("b", "memory.tmx")):
        assert cli("add", FIXTURES / name, "--id", doc_id).exit_code == 0
    adding = taiyaku(tmp_path, "add", str(FIXTURES / "pairs.csv"), "--id", "c")
    removing = taiyaku(tmp_path, "remove", "a")
    assert [finish(adding)[0], finish(removing)[0]] == [0, 0]
    assert ids(tmp_path) == ["b", "c"]
    assert not (tmp_path / "data" / "a.tsv").exists()


def test_add_without_a_usable_index_folder_is_exit_5_and_adds_nothing(tmp_path, monkeypatch, cli):
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("TAIYAKU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TAIYAKU_INDEX_DIR", str(tmp_path / "not-a-folder"))
    result = cli("add", FIXTURES / "pairs.tsv", "--id", "a")
    assert result.exit_code == 5
    assert result.output.startswith("taiyaku: error: cannot take the build lock in")
    assert "Traceback" not in result.output and not (tmp_path / "data").exists()
