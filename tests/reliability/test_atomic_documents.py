"""Issue #24, cases 5-8: `add` and `remove` validate first, change the data folder
atomically, clean up after a signal, and never reach outside the data folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from search_app.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
TMX = FIXTURES / "memory.tmx"


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "TAIYAKU_DATA_DIR": str(tmp_path / "work" / "data"),
        "TAIYAKU_INDEX_DIR": str(tmp_path / "work" / "index"),
    }


def run(env: dict[str, str], *args):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def data_of(env) -> Path:
    return Path(env["TAIYAKU_DATA_DIR"])


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")} if root.exists() else set()


@pytest.mark.parametrize(
    "args",
    [
        ["--id", "../../x"],
        ["--id", "a/b"],
        ["--id", ".hidden"],
        ["--id", "a\nb"],
        ["--id", "x", "--title-zh", "标题\x7f"],
        ["--id", "x", "--title-ja", "題\ud800"],
        ["--id", "x", "--issuer", "国务院\u202e"],
        ["--id", "x", "--date", "2024-13-45"],
        ["--id", "x", "--date", "2023-02-29"],
    ],
    ids=["dotdot", "slash", "dot", "newline", "DEL", "surrogate", "RLO", "month13", "feb29"],
)
def test_bad_arguments_exit_2_before_anything_is_written(env, tmp_path, args):
    """Cases 5-6: `--id ../../x` wrote outside the data folder; `--id a/b` was a
    FileNotFoundError; DEL in a title broke the manifest; a lone surrogate a traceback."""
    before = tree(tmp_path)
    result = run(env, "add", TMX, *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert tree(tmp_path) == before


def test_titles_round_trip_through_the_toml_writer(env):
    """Titles with quotes, backslashes and CJK are written by a TOML writer and read back."""
    title = 'a "quoted" \\ back 跨境 — ok'
    result = run(env, "add", TMX, "--id", "t1", "--title-zh", title, "--date", "2024-02-29")
    assert result.exit_code == 0, result.output
    entry = tomllib.loads((data_of(env) / "documents.toml").read_text())["document"][0]
    assert entry["title"]["zh"] == title and entry["date"] == "2024-02-29"


def test_the_manifest_keeps_its_mode(env):
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    manifest = data_of(env) / "documents.toml"
    os.chmod(manifest, 0o640)
    assert run(env, "add", FIXTURES / "pairs.csv", "--id", "a2").exit_code == 0
    assert manifest.stat().st_mode & 0o777 == 0o640


def test_already_exists_tells_nothing_about_files_outside(env, tmp_path):
    """Case 6: the message revealed whether any file existed on the machine."""
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    (data_of(env) / "taken.tmx").write_text("x")
    result = run(env, "add", TMX, "--id", "taken")
    assert result.exit_code == 3
    assert "taken.tmx already exists" in result.output
    assert str(data_of(env)) in result.output
    assert not list(data_of(env).glob(".adding-*"))


def test_same_content_under_another_id_is_warned_about(env):
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    result = run(env, "add", TMX, "--id", "a2")
    assert result.exit_code == 0
    assert "warning: a2.tmx has the same content as a1.tmx" in result.output


def test_remove_understands_spaced_table_headers(env):
    """Case 8: with a second entry written `[[ document ]]`, `remove a1` also dropped a2."""
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    assert run(env, "add", FIXTURES / "pairs.csv", "--id", "a2").exit_code == 0
    manifest = data_of(env) / "documents.toml"
    text = manifest.read_text()
    at = text.rindex("[[document]]")
    manifest.write_text(text[:at] + "# the second one\n[[ document ]]" + text[at + 12 :])
    result = run(env, "remove", "a1")
    assert result.exit_code == 0, result.output
    left = tomllib.loads(manifest.read_text())["document"]
    assert [d["id"] for d in left] == ["a2"]
    assert (data_of(env) / "a2.csv").is_file() and not (data_of(env) / "a1.tmx").exists()


def test_remove_never_deletes_outside_the_data_folder(env, tmp_path):
    """Case 8: an entry naming ../../../outside/victim.txt made `remove` delete it."""
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    victim = tmp_path / "outside" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("precious")
    manifest = data_of(env) / "documents.toml"
    rel = os.path.relpath(victim, data_of(env))
    manifest.write_text(manifest.read_text().replace('file = "a1.tmx"', f'file = "{rel}"'))
    before = manifest.read_text()
    result = run(env, "remove", "a1")
    assert result.exit_code == 3
    assert "inside the data folder" in result.output
    assert victim.read_text() == "precious"
    assert manifest.read_text() == before


def slow_add(env: dict[str, str], tmp_path: Path) -> subprocess.Popen:
    """A real `taiyaku add` that is slow enough to be signalled in the middle: a large
    bilingual text (one document of a few thousand lines)."""
    big = tmp_path / "big.txt"
    lines = [
        (f"第{n}条 推进贸易便利化改革。", f"第{n}条 貿易円滑化改革を推進する。")
        for n in range(4000)
    ]
    big.write_text("\n".join(x for pair in lines for x in pair) + "\n", encoding="utf-8")
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from search_app.cli import main; main()",
            "add",
            str(big),
            "--id",
            "big",
        ],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_signal_during_add_leaves_nothing_behind(env, tmp_path, sig):
    """Case 7: SIGTERM during `add` left the copied file and a stale lock; re-adding was
    then refused. The signal is sent once the copy sits in the data folder's work area."""
    data = data_of(env)
    proc = slow_add(env, tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(data.glob(".adding-*/big.txt")):
        time.sleep(0.02)
    assert list(data.glob(".adding-*/big.txt")), proc.communicate()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if sig == signal.SIGTERM else 130), err
    assert err.decode().strip().startswith("taiyaku: error:")
    assert not list(data.glob("big*")) and not list(data.glob(".adding-*"))
    assert not (data / "documents.toml").exists()
    again = run(env, "add", TMX, "--id", "after")
    assert again.exit_code == 0, again.output


def test_remove_rewrites_a_manifest_it_cannot_cut_by_text(env):
    """Entries written as an inline array cannot be cut by their text: the manifest is
    written again from its parsed entries, and only the removed one is gone."""
    assert run(env, "add", TMX, "--id", "a1").exit_code == 0
    assert run(env, "add", FIXTURES / "pairs.csv", "--id", "a2").exit_code == 0
    manifest = data_of(env) / "documents.toml"
    docs = tomllib.loads(manifest.read_text())["document"]
    inline = ",\n".join(
        f'{{id = "{d["id"]}", source = [{{file = "{d["source"][0]["file"]}", '
        f'format = "{d["source"][0]["format"]}", languages = ["zh", "ja"], priority = 1}}]}}'
        for d in docs
    )
    manifest.write_text(f"document = [\n{inline}\n]\n")
    result = run(env, "remove", "a1")
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in tomllib.loads(manifest.read_text())["document"]] == ["a2"]
    assert (data_of(env) / "a2.csv").is_file() and not (data_of(env) / "a1.tmx").exists()
