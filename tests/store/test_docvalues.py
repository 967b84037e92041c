"""Per-document values stored at build time equal what decoding the index gives.

A server or a one-shot `taiyaku search` loads them instead of decoding Whoosh's
structures (seconds at scale): they must be exactly what Whoosh holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from engine import IndexDamaged, SearchRequest, open_engine
from storage import docvalues
from storage.checksums import write_checksums
from storage.generations import current_generation

QUERIES = ["跨境", "データ", "金融 OR 保险", '"数字贸易"', "服务业 开放"]


def test_stored_values_equal_decoded_values(seed_index: Path):
    gen = current_generation(seed_index)
    stored = docvalues.read(gen)
    with whoosh_index.open_dir(str(gen)).searcher() as s:
        decoded = docvalues.decode(s)
    assert stored == decoded
    assert set(stored["columns"]) == set(docvalues.COLUMNS)


def test_a_generation_without_the_file_is_damaged_not_decoded(seed_index: Path, tmp_path: Path):
    """Queries never open Whoosh: a generation whose docvalues are missing (even under
    matching checksums) is reported damaged (exit 6 in the CLI), not decoded slowly."""
    root = tmp_path / "index"
    shutil.copytree(seed_index, root, ignore=shutil.ignore_patterns(".lock"))
    gen = current_generation(root)
    (gen / docvalues.FILE).unlink()
    write_checksums(gen)
    with pytest.raises(IndexDamaged, match="docvalues"):
        open_engine(root).search(SearchRequest(QUERIES[0], limit=5))
