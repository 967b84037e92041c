"""Index generations: atomic publish, stale detection, reopening after a swap."""

from __future__ import annotations

import json
from pathlib import Path
from threading import Event, Thread

import pytest

from engine import IndexMissing, SearchRequest, open_engine
from indexer.errors import IngestError
from indexer.pipeline import build, is_stale
from storage.checksums import write_checksums
from storage.generations import KEEP_GENERATIONS, current_generation, new_build_dir, publish

DATA = Path(__file__).resolve().parents[2] / "data"


def test_publish_swaps_current_and_prunes_old_generations(tmp_path):
    gens = []
    for _ in range(KEEP_GENERATIONS + 2):
        work = new_build_dir(tmp_path)
        (work / "meta.json").write_text("{}")
        gens.append(publish(tmp_path, work))
        assert current_generation(tmp_path) == gens[-1]
    left = sorted(p.name for p in tmp_path.glob("gen-*"))
    assert len(left) == KEEP_GENERATIONS and gens[-1].name in left


def test_stale_until_built_then_fresh(tmp_path):
    root = tmp_path / "index"
    assert is_stale(DATA, root)
    build(DATA, root)
    assert not is_stale(DATA, root)
    assert build(DATA, root, if_stale=True).skipped


def test_failed_build_leaves_no_partial_generation(tmp_path, seed_index):
    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "documents.toml").write_text(
        '[[document]]\nid = "x"\n[[document.source]]\n'
        'file = "missing.txt"\nformat = "plain"\nlanguages = ["zh"]\n'
    )
    before = sorted(p.name for p in seed_index.iterdir())
    with pytest.raises(IngestError, match=r"missing\.txt"):
        build(bad, seed_index)
    assert sorted(p.name for p in seed_index.iterdir()) == before


def test_engine_follows_a_swap(tmp_path):
    root = tmp_path / "index"
    build(DATA, root)
    engine = open_engine(root)
    first = engine.stats()["index"]["generation"]
    hits_before = engine.search(SearchRequest("跨境")).total
    build(DATA, root)
    assert engine.stats()["index"]["generation"] != first
    assert engine.search(SearchRequest("跨境")).total == hits_before


def test_a_new_generation_is_warmed_before_it_serves(tmp_path):
    """The request that notices a swap runs the warm-up queries on the new generation;
    a request arriving meanwhile is answered from the previous one, without waiting."""
    root = tmp_path / "index"
    build(DATA, root)
    engine = open_engine(root)
    engine.health()
    first = engine.stats()["index"]["generation"]
    build(DATA, root)
    warm_up, started, release, warmed = engine.backend.on_open, Event(), Event(), []

    def observed(gen):
        started.set()
        assert release.wait(30)
        warm_up(gen)
        warmed.append(gen.name)

    engine.backend.on_open = observed
    noticing = Thread(target=engine.search, args=(SearchRequest("跨境"),))
    noticing.start()
    assert started.wait(30)
    assert engine.search(SearchRequest("跨境")).total > 0
    assert engine.stats()["index"]["generation"] == first  # still the previous one
    release.set()
    noticing.join(30)
    assert warmed and engine.stats()["index"]["generation"] == warmed[0] != first


def test_missing_or_foreign_index_is_refused(tmp_path):
    with pytest.raises(IndexMissing):
        open_engine(tmp_path / "nothing").search(SearchRequest("跨境"))
    root = tmp_path / "index"
    build(DATA, root)
    meta = current_generation(root) / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema": -1}))
    write_checksums(meta.parent)  # a sound generation of an older schema, not a damaged one
    with pytest.raises(IndexMissing, match="schema"):
        open_engine(root).search(SearchRequest("跨境"))


def test_the_data_shipped_with_the_code_decides_a_rebuild_as_the_code_does(tmp_path):
    """A new dictionary table, fold table or mark calibration changes what a build writes,
    so `taiyaku build --if-stale` (and `make serve`) must see it; notes and caches do not."""
    from indexer.pipeline import code_files

    for name in ("indexer/links/learn.py", "indexer/dictionaries/pairs.tsv.gz",
                 "storage/link_calibration.json", "analyzers/fold_table.json",
                 "indexer/dictionaries/PRIORS.md", "analyzers/__pycache__/x.json"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    hashed = {p.relative_to(tmp_path).as_posix() for _, p in code_files(tmp_path)}
    assert hashed == {
        "indexer/links/learn.py",
        "indexer/dictionaries/pairs.tsv.gz",
        "storage/link_calibration.json",
        "analyzers/fold_table.json",
    }
