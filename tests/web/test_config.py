"""Configuration layering: defaults → file (TAIYAKU_CONFIG) → TAIYAKU_* env → test config."""

from __future__ import annotations

from pathlib import Path

from search_app import create_app
from search_app.config import DEFAULTS, build_config


def test_defaults_without_file_or_env() -> None:
    config = build_config(environ={})
    assert config["DEFAULT_LIMIT"] == 20
    assert config["FRAME_ANCESTORS"] == "'self'"
    assert config["CORS_ORIGINS"] == []
    assert config["TRUSTED_PROXY_HOPS"] == 0
    assert config["INDEX_DIR"].endswith(str(Path("var") / "index"))


def test_env_overrides_and_is_coerced() -> None:
    env = {
        "TAIYAKU_DEFAULT_LIMIT": "50",
        "TAIYAKU_CORS_ORIGINS": "https://intra.example, https://wiki.example",
        "TAIYAKU_TRUSTED_PROXY_HOPS": "1",
        "TAIYAKU_INDEX_DIR": "/srv/taiyaku/index",
        "OTHER": "ignored",
    }
    config = build_config(environ=env)
    assert config["DEFAULT_LIMIT"] == 50
    assert config["CORS_ORIGINS"] == ["https://intra.example", "https://wiki.example"]
    assert config["TRUSTED_PROXY_HOPS"] == 1
    assert config["INDEX_DIR"] == "/srv/taiyaku/index"
    assert "OTHER" not in config


def test_toml_file_then_env_then_test_config(tmp_path: Path) -> None:
    file = tmp_path / "taiyaku.toml"
    file.write_text(
        '[taiyaku]\ndefault_limit = 30\nframe_ancestors = "https://portal.example"\n'
        'cors_origins = ["https://a.example"]\n',
        encoding="utf-8",
    )
    env = {"TAIYAKU_CONFIG": str(file), "TAIYAKU_DEFAULT_LIMIT": "40"}
    config = build_config(environ=env)
    assert config["FRAME_ANCESTORS"] == "https://portal.example"
    assert config["CORS_ORIGINS"] == ["https://a.example"]
    assert config["DEFAULT_LIMIT"] == 40  # env beats file
    assert build_config({"DEFAULT_LIMIT": 7}, environ=env)["DEFAULT_LIMIT"] == 7


def test_python_file(tmp_path: Path) -> None:
    file = tmp_path / "taiyaku_config.py"
    file.write_text('DEFAULT_LIMIT = 15\nCORS_ORIGINS = "https://x.example"\nlower = 1\n')
    config = build_config(environ={"TAIYAKU_CONFIG": str(file)})
    assert config["DEFAULT_LIMIT"] == 15
    assert config["CORS_ORIGINS"] == ["https://x.example"]
    assert "lower" not in config


def test_create_app_reads_environment(monkeypatch, engine) -> None:
    monkeypatch.setenv("TAIYAKU_DEFAULT_LIMIT", "3")
    app = create_app({"ENGINE": engine})
    assert app.config["DEFAULT_LIMIT"] == 3
    assert set(DEFAULTS) <= set(app.config)
