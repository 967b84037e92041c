"""Fixtures shared by every test folder: one real index built from data/ per session.

Building the seed corpus takes a couple of seconds, so it is done once; tests that need
a different corpus build their own into `tmp_path`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from engine import open_engine
from indexer.pipeline import build

# Property tests: no per-example deadline (the first example may load jieba or MeCab), and
# in CI a fixed example sequence, so a red build is reproducible rather than a dice roll.
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("dev"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"
REFERENCE = PROJECT / "tests" / "reference" / "public.json"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Index root with the seed corpus published in it."""
    root = tmp_path_factory.mktemp("index")
    build(DATA, root)
    return root


@pytest.fixture(scope="session")
def engine(seed_index: Path):
    return open_engine(seed_index)


@pytest.fixture(scope="session")
def real_app(seed_index: Path):
    from search_app import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index)})


@pytest.fixture()
def api(real_app):
    """Flask test client over the real seed index."""
    return real_app.test_client()


@pytest.fixture()
def tiny_engine(tmp_path: Path):
    """Factory: an engine over a one-document index of the given (zh, ja) pairs."""
    from indexer.pipeline import write_generation
    from indexer.records import Clause, Document
    from storage.generations import new_build_dir, publish

    def make(pairs: list[tuple[str, str]]):
        doc = Document(id="t", title={"zh": "测试", "ja": "テスト"})
        clauses = [
            Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=zh, ja=ja)
            for i, (zh, ja) in enumerate(pairs)
        ]
        root = tmp_path / "tiny-index"
        work = new_build_dir(root)
        write_generation(work, [doc], clauses, procs=1)
        publish(root, work)
        return open_engine(root)

    return make


@pytest.fixture(scope="session")
def reference() -> dict:
    """The reference queries (copied from the evaluation set; see tests/reference/)."""
    return json.loads(REFERENCE.read_text(encoding="utf-8"))
