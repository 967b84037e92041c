"""One settings object: every command and the web app read the same layered values."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

import settings
from search_app import create_app
from search_app.cli import main

PROJECT = Path(__file__).resolve().parents[2]


def test_layers_and_their_origins(tmp_path: Path) -> None:
    file = tmp_path / "taiyaku.toml"
    file.write_text('[taiyaku]\nindex_dir = "/srv/a"\ndefault_limit = 30\n', encoding="utf-8")
    env = {"TAIYAKU_CONFIG": str(file), "TAIYAKU_DEFAULT_LIMIT": "40"}
    s = settings.load({"DEFAULT_UI": "ja"}, environ=env)
    assert s.index_dir == Path("/srv/a") and s.origins["INDEX_DIR"] == f"file {file}"
    assert s["DEFAULT_LIMIT"] == 40 and s.origins["DEFAULT_LIMIT"] == "env TAIYAKU_DEFAULT_LIMIT"
    assert s["DEFAULT_UI"] == "ja" and s.origins["DEFAULT_UI"] == "given"
    assert s.origins["CACHE_DIR"] == "default"
    assert s.userdict_zh == s.data_dir / "userdict_zh.txt"


def test_build_with_a_config_file_then_serve_from_it(tmp_path: Path, monkeypatch) -> None:
    """The README's own taiyaku.toml: `taiyaku build` publishes where the server reads."""
    index = tmp_path / "elsewhere" / "index"
    file = tmp_path / "taiyaku.toml"
    file.write_text(f'[taiyaku]\nindex_dir = "{index}"\n', encoding="utf-8")
    monkeypatch.setenv("TAIYAKU_CONFIG", str(file))
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    assert (index / "CURRENT").is_file()
    shown = CliRunner().invoke(main, ["config"])
    assert f"{index}" in shown.output and f"(file {file})" in shown.output
    app = create_app({"TESTING": True})
    assert app.config["INDEX_DIR"] == str(index)
    body = app.test_client().get("/api/search", query_string={"q": "跨境"}).get_json()
    assert body["total"] > 0
    search = CliRunner().invoke(main, ["search", "跨境", "--limit", "1"])
    assert search.exit_code == 0 and "跨境" in search.output


def test_a_broken_config_file_is_a_clear_usage_error(tmp_path: Path, monkeypatch) -> None:
    file = tmp_path / "taiyaku.toml"
    file.write_text("index_dir = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("TAIYAKU_CONFIG", str(file))
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 2
    assert "taiyaku.toml" in result.output and "Traceback" not in result.output


def test_the_wheel_ships_the_data_the_settings_look_for(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(PROJECT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("taiyaku-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("/share/taiyaku/data/")[-1] for n in names if "/share/taiyaku/data/" in n}
    assert {"documents.toml", "userdict_zh.txt"} <= shipped
    assert "settings/__init__.py" in names
    assert "analyzers/fold_table.json" in names  # folding reads it instead of OpenCC
    assert "analyzers/han_evidence.json" in names  # and so does language guessing
    assert settings.data_candidates()[-1] == Path(sys.prefix) / "share" / "taiyaku" / "data"


def test_numpy_gets_one_blas_thread_unless_the_user_says() -> None:
    """A one-shot `taiyaku search` must not pay for OpenBLAS's spinning thread pool; a
    value the user exported is kept."""
    code = "import os, settings; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    run = lambda e: subprocess.run(  # noqa: E731
        [sys.executable, "-c", code], env=e, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert run(env) == "1"
    assert run({**env, "OPENBLAS_NUM_THREADS": "4"}) == "4"
