"""The clause file round-trips every field, in the order the dataclass declares them.

`Clause.to_dict` is spelled out (a generic `asdict` was most of writing the clause file
at scale): a field added to the record must not silently drop out of the file.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from indexer.records import Clause, PathStep, read_clauses, write_jsonl


def test_a_clause_is_written_whole_and_read_back(tmp_path):
    clause = Clause(
        id="d.a.1",
        doc_id="d",
        order=3,
        path=(PathStep("part", "一", "总体要求", "全体要求"), PathStep("item", "1")),
        kind="text",
        zh="支持跨境贸易。",
        ja="クロスボーダー貿易を支持する。",
        confidence=0.75,
        link="1-2",
        sources={"zh": "a.txt", "ja": "b.txt"},
        note="訳注",
    )
    want = asdict(clause)
    want["path"] = [asdict(p) for p in clause.path]
    assert list(clause.to_dict()) == list(want)
    assert clause.to_dict() == want
    write_jsonl(tmp_path / "c.jsonl", [clause])
    line = (tmp_path / "c.jsonl").read_text(encoding="utf-8")
    assert json.loads(line) == want and "\\u" not in line
    assert list(read_clauses(tmp_path / "c.jsonl")) == [clause]
