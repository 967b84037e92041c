"""A build on two cores writes the same generation as a build on one.

With `--procs 2` the glossary and links learners run in a worker process while the
parent writes segments and the files derived from them; whoever is free takes the next
segment. None of that may change what a user searches: every derived file must be the
same bytes as a single-process build's (segment file names are random, so the Whoosh
segments are compared through what is derived from them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer.build import build
from indexer.index import parts

PROJECT = Path(__file__).resolve().parents[2]
DERIVED = (
    "clauses.jsonl",
    "glossary.json",
    "links.jsonl",
    "postings.bin",
    "views.bin",
    "docvalues.pickle",
    "variants.json",
    "glossary.bin",
)


def test_two_processes_build_what_one_does(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "MP_THRESHOLD", 1)  # fork even for the seed corpus
    monkeypatch.setattr(parts, "PART_CLAUSES", 40)  # several segments to share out
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    one = build(data, tmp_path / "one", procs=1)
    two = build(data, tmp_path / "two", procs=2)
    assert "waited" not in one.seconds and "waited" in two.seconds  # learners ran aside
    assert one.generation and two.generation
    for name in DERIVED:
        got, want = (two.generation / name).read_bytes(), (one.generation / name).read_bytes()
        assert got == want, name
