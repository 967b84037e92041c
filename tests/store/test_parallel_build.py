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

from indexer.index import parts
from indexer.pipeline import build

PROJECT = Path(__file__).resolve().parents[2]
DERIVED = (
    "clauses.jsonl",
    "glossary.json",
    "links.jsonl",
    "postings.bin",
    "views.bin",
    "docvalues.bin",
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


def test_a_fresh_build_never_decodes_postings_back_out_of_whoosh(tmp_path, monkeypatch):
    """Each segment's postings come from the writer's own arrays (reading them back out
    of Whoosh is for reused segments only, and cost minutes at 188,000 pairs); the side
    files are gone once merged."""
    from storage import segment_postings

    def refuse(*args):
        raise AssertionError("postings read back from a segment in a fresh build")

    monkeypatch.setattr(segment_postings, "from_segment", refuse)
    monkeypatch.setattr(parts, "MP_THRESHOLD", 1)
    monkeypatch.setattr(parts, "PART_CLAUSES", 40)
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    gen = build(data, tmp_path / "index", procs=2).generation
    assert gen is not None and (gen / "postings.bin").is_file()
    assert not [p.name for p in gen.iterdir() if p.name.startswith(segment_postings.PREFIX)]
