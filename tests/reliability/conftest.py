"""Fixtures for fault injection: a private copy of the data and of the seed index, the CLI.

Every test here damages something (the data folder, the index, the disk), so each gets
its own copies; copying the seed index is cheaper than building one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search_app.cli import main

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """A writable copy of data/ to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def index(tmp_path: Path, seed_index: Path) -> Path:
    """A private copy of the seed index root (CURRENT + one generation)."""
    target = tmp_path / "index"
    shutil.copytree(seed_index, target, ignore=shutil.ignore_patterns(".lock"))
    return target


@pytest.fixture()
def cli():
    """Run `taiyaku ARGS…` as a user would; exceptions are failures, not results."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
