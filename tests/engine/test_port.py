"""The search service over an in-memory backend finds what it finds over Whoosh: the
storage port (`engine.port`) is all the service needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_backend import FakeBackend  # beside this file (pytest puts the folder on the path)

from engine import SearchRequest, SearchService
from indexer.records import Document, read_clauses
from storage.generations import current_generation

QUERIES = [
    "跨境",
    "クロスボーダー",
    "知识产权 保护",
    '"数字贸易"',
    "金融 OR 保险",
    "-金融 北京",
    "財産*",
    "ウェア",
    "数据安全管理",
    "item:23",
]


@pytest.fixture(scope="module")
def fake(seed_index: Path) -> SearchService:
    gen = current_generation(seed_index)
    assert gen is not None
    meta = json.loads((gen / "meta.json").read_text(encoding="utf-8"))
    docs = [Document(id=d["id"], title=d["title"]) for d in meta["documents"]]
    return SearchService(FakeBackend(docs, list(read_clauses(gen / "clauses.jsonl"))))


@pytest.mark.parametrize("q", QUERIES)
def test_same_clauses_as_over_whoosh(fake, engine, q):
    ours = fake.search(SearchRequest(q, limit=None))
    whoosh = engine.search(SearchRequest(q, limit=None))
    assert ours.total == whoosh.total > 0
    assert {h.id for h in ours.hits} == {h.id for h in whoosh.hits}
    assert ours.match == whoosh.match
    assert ours.facets == whoosh.facets


def test_lookups_through_the_port(fake):
    hit = fake.search(SearchRequest("跨境", limit=1)).hits[0]
    assert fake.clause(hit.id) is not None
    assert any(m.kind == "query" for m in hit.zh.marks)
    assert fake.document(hit.doc.id)
    assert fake.stats()["clauses"] > 0
