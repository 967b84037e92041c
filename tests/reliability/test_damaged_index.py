"""Failure family 5: a damaged index is detected, served around, reported and rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_app import create_app


def live(index: Path) -> Path:
    return index / (index / "CURRENT").read_text().strip()


def segment(index: Path) -> Path:
    return next(live(index).glob("*.seg"))


def second_generation(index: Path) -> Path:
    """An older sound copy of the live generation, as a previous build leaves it."""
    gen = live(index)
    older = gen.with_name(gen.name.replace("gen-", "gen-0", 1))
    shutil.copytree(gen, older)
    return older


def client(index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()


def truncate(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def overwrite_middle(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(path.stat().st_size // 2)
        fh.write(b"\xa5" * 64 * 1024)


@pytest.mark.parametrize("damage", [truncate, Path.unlink], ids=["truncated", "deleted"])
def test_damaged_live_segment_is_served_around_and_reported(index, cli, data, damage):
    older = second_generation(index)
    damage(segment(index))
    web = client(index)
    health = web.get("/healthz")
    assert health.status_code == 200
    assert health.json["index"]["generation"] == older.name
    assert "failed verification" in health.json["index"]["note"]
    assert web.get("/api/search?q=跨境").json["total"] > 0
    assert cli("check", "--index", index).exit_code == 6
    rebuilt = cli("build", "--if-stale", "--data", data, "--index", index)
    assert "published" in rebuilt.output
    assert cli("check", "--index", index).exit_code == 0


def test_damage_inside_a_segment_is_found_by_check_and_rebuilt(index, cli, data):
    overwrite_middle(segment(index))
    result = cli("check", "--index", index)
    assert result.exit_code == 6 and "differs from its checksum" in result.output
    rebuilt = cli("build", "--if-stale", "--data", data, "--index", index)
    assert rebuilt.exit_code == 0 and "published" in rebuilt.output


def test_no_sound_generation_is_a_clear_503_and_exit_6(index, cli):
    truncate(segment(index))
    web = client(index)
    answer = web.get("/api/search?q=跨境")
    assert answer.status_code == 503 and answer.json["error"]["code"] == "index_damaged"
    assert web.get("/healthz").status_code == 503
    assert cli("search", "跨境", "--index", index).exit_code == 6


@pytest.mark.parametrize(
    "current", [None, "../../etc", ".building-1-x", "", "gen-missing"], ids=repr
)
def test_bad_current_falls_back_to_the_newest_valid_generation(index, cli, current):
    gen = live(index)
    (index / ".building-1-x").mkdir()
    if current is None:
        (index / "CURRENT").unlink()
    else:
        (index / "CURRENT").write_text(current + "\n")
    web = client(index)
    health = web.get("/healthz")
    assert health.status_code == 200 and health.json["index"]["generation"] == gen.name
    assert "newest valid generation" in health.json["index"]["note"]
    assert web.get("/api/search?q=跨境").status_code == 200
    assert cli("check", "--index", index).exit_code == 6


def test_healthz_is_ready_only_after_a_real_query(index):
    web = client(index)
    app = web.application
    health = web.get("/healthz")
    assert health.status_code == 200
    with app.app_context():
        from search_app.backend import get_engine

        assert get_engine().warm is True
