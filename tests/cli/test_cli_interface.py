"""Issue #13 on the command line: --version, empty queries, a busy port, wrapped headers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from search_app.cli import main
from search_app.terminal import cells

ENTRY = "from search_app.cli import main; main()"
ROOT = str(Path(__file__).resolve().parents[2])


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("taiyaku ")


def test_empty_query_is_a_usage_error(seed_index) -> None:
    for query in ("", "   "):
        result = CliRunner().invoke(main, ["search", query, "--index", str(seed_index)])
        assert result.exit_code == 2
        assert "empty query" in result.output and "Traceback" not in result.output


def test_busy_port_is_one_line_and_exit_5(tmp_path) -> None:
    """In a child process, as a user runs it (waitress leaves its half-made server behind)."""
    env = {**os.environ, "TAIYAKU_INDEX_DIR": str(tmp_path / "none"), "PYTHONPATH": ROOT}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-c", ENTRY, "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 5
    errors = [line for line in run.stderr.splitlines() if line.startswith("taiyaku: error")]
    assert len(errors) == 1 and str(port) in errors[0] and "--port" in errors[0]
    assert "Traceback" not in run.stderr


def test_a_reader_that_stops_reading_is_exit_141_not_nothing_found(seed_index) -> None:
    """`taiyaku search … | head -1`: the reader goes away (here, before anything is read),
    and the search ends as a shell reports SIGPIPE, quietly; 1 would say it found nothing."""
    env = {**os.environ, "TAIYAKU_INDEX_DIR": str(seed_index), "PYTHONPATH": ROOT}
    for args in (["search", "北京", "--all"], ["search", "北京", "--all", "--json"]):
        child = subprocess.Popen(
            [sys.executable, "-c", ENTRY, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        child.stdout.close()
        with child.stderr:
            stderr = child.stderr.read().decode()
        assert child.wait(timeout=60) == 141, stderr
        assert stderr == ""


def test_hit_headers_fit_the_terminal(seed_index, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    result = CliRunner().invoke(main, ["search", "跨境", "--index", str(seed_index), "--all"])
    assert result.exit_code == 0
    headers = [line for line in result.output.splitlines() if "›" in line or "[gh" in line]
    assert headers and all(cells(line) <= 50 for line in headers)


def test_one_clause_is_singular(seed_index) -> None:
    result = CliRunner().invoke(
        main, ["search", "跨境", "--index", str(seed_index), "--limit", "1"]
    )
    first = result.output.splitlines()[0]
    assert first.endswith("ms)") and ("1 clause " in first or "clauses" in first)
