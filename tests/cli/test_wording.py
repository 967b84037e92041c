"""What users read (issue #23): piped marks as whole runs, honest reports, quiet tools,
messages in the right order."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from search_app.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
TAIYAKU = [sys.executable, "-m", "search_app.cli"]
PASTED = "探索开展本外币合一跨境资金池试点，对跨境资金流动实行双向宏观审慎管理。"


def test_piped_marks_are_whole_runs_not_characters(seed_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", PASTED, "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert "⟪" in result.output or "⟦" in result.output
    # one bracket pair per run and line: never ⟦ク⟧⟦ロ⟧ …
    assert not re.search(r"[⟦⟪⟨].[⟧⟫⟩][⟦⟪⟨]", result.output)
    assert re.search(r"[⟦⟪⟨][^⟧⟫⟩\n]{4,}[⟧⟫⟩]", result.output)


def test_document_order_shows_no_score(seed_index: Path) -> None:
    result = CliRunner().invoke(
        main, ["search", "跨境", "--sort", "document", "--index", str(seed_index)]
    )
    assert result.exit_code == 0 and "score 0.0" not in result.output
    assert "document order" in result.output


def test_one_hit_in_english_is_singular(seed_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "跨境电商", "--index", str(seed_index)])
    assert result.output.startswith("1 clause (")
    assert "1 clauses" not in result.output


def test_corpus_report_of_a_tmx_has_no_ratio_or_scores(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    runner = CliRunner(env=env)
    added = runner.invoke(main, ["add", str(FIXTURES / "memory.tmx"), "--id", "tm"])
    assert added.exit_code == 0, added.output
    report = runner.invoke(main, ["corpus"])
    assert report.exit_code == 0, report.output
    assert "pairs as given by the source" in report.output
    assert "length ratio 0.00" not in report.output
    assert "lowest-confidence" not in report.output


def test_config_shows_the_user_dictionary_in_use(tmp_path: Path) -> None:
    env = {"TAIYAKU_DATA_DIR": str(tmp_path)}
    result = CliRunner(env=env).invoke(main, ["config"])
    line = next(ln for ln in result.output.splitlines() if ln.startswith("USERDICT_ZH"))
    assert str(tmp_path / "userdict_zh.txt") in line and "<DATA_DIR>/userdict_zh.txt" in line


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TAIYAKU, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=120,
    )


def test_userdict_from_index_prints_no_jieba_chatter(seed_index: Path) -> None:
    done = _run("userdict", "--from-index", "--index", str(seed_index))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# proposed from")
    assert "prefix dict" not in done.stdout + done.stderr
    assert "Loading model" not in done.stdout + done.stderr


def test_busy_port_says_only_that_it_cannot_listen(seed_index: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        done = _run("serve", "--port", port, "--workers", "1", TAIYAKU_INDEX_DIR=str(seed_index))
    assert done.returncode != 0
    assert "cannot listen on 127.0.0.1:" + port in done.stderr
    assert "serving on" not in done.stderr
    assert "Traceback" not in done.stderr
