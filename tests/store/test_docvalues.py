"""Per-document values stored at build time equal what decoding the index gives.

A server or a one-shot `taiyaku search` loads them instead of decoding Whoosh's
structures (seconds at scale); results must not depend on which way they came.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index as whoosh_index

from engine import SearchRequest, open_engine
from indexer.index import docvalues
from indexer.index.checksums import write_checksums
from indexer.index.store import current_generation

QUERIES = ["跨境", "データ", "金融 OR 保险", '"数字贸易"', "服务业 开放"]


def test_stored_values_equal_decoded_values(seed_index: Path):
    gen = current_generation(seed_index)
    stored = docvalues.read(gen)
    with whoosh_index.open_dir(str(gen)).searcher() as s:
        decoded = docvalues.decode(s)
    assert stored == decoded
    assert set(stored["columns"]) == set(docvalues.COLUMNS)


def test_a_generation_without_the_file_answers_the_same(seed_index: Path, tmp_path: Path):
    root = tmp_path / "index"
    shutil.copytree(seed_index, root, ignore=shutil.ignore_patterns(".lock"))
    gen = current_generation(root)
    (gen / docvalues.FILE).unlink()
    write_checksums(gen)  # as a generation built before the file existed
    old, new = open_engine(root), open_engine(seed_index)
    for q in QUERIES:
        a, b = old.search(SearchRequest(q, limit=50)), new.search(SearchRequest(q, limit=50))
        assert [h.id for h in a.hits] == [h.id for h in b.hits], q
        assert [h.score for h in a.hits] == [h.score for h in b.hits], q
        assert a.facets == b.facets, q
