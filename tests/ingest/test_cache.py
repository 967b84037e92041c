"""Incremental builds: an unchanged document comes from the cache, a changed one is redone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.ingest import corpus as corpus_module
from indexer.ingest.adding import add_document
from indexer.ingest.corpus import build_corpus

FIX = Path(__file__).resolve().parent / "fixtures"


def test_unchanged_documents_are_not_ingested_again(tmp_path, monkeypatch) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    add_document(data, [FIX / "doc.zh.html", FIX / "doc.ja.html"], "a", {})
    add_document(data, [FIX / "linebyline.txt"], "b", {})
    first = build_corpus(data, cache)
    redone: list[str] = []
    real = corpus_module.build_document

    def counting(spec, data_dir):
        redone.append(spec.document.id)
        return real(spec, data_dir)

    monkeypatch.setattr(corpus_module, "build_document", counting)
    again = build_corpus(data, cache)
    assert redone == [] and again.clauses == first.clauses and again.reports == first.reports
    shutil.copy(FIX / "alternating.txt", data / "b.txt")
    changed = build_corpus(data, cache)
    assert redone == ["b"]
    assert len(changed.clauses) == len(first.clauses) - 2  # 5 pairs became 3
    assert len(list(cache.glob("*.json"))) == 2


@pytest.mark.parametrize("garbage", [b"", b"{not json"], ids=["empty", "torn"])
def test_a_damaged_cache_entry_is_rebuilt(tmp_path, garbage: bytes) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    add_document(data, [FIX / "memory.tmx"], "t", {})
    first = build_corpus(data, cache)
    for p in cache.glob("*.json"):
        p.write_bytes(garbage)
    assert build_corpus(data, cache).clauses == first.clauses
