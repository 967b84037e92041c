"""Two monolingual files with a merge, a split, an omission and a swap align as checked by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer.ingest.adding import add_document
from indexer.ingest.corpus import build_corpus

FIX = Path(__file__).resolve().parent / "fixtures"


def gold_pairs() -> set[tuple[str, str]]:
    zh = (FIX / "align.zh.txt").read_text(encoding="utf-8").splitlines()
    ja = (FIX / "align.ja.txt").read_text(encoding="utf-8").splitlines()
    pairs = set()
    for line in (FIX / "align_gold.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            z, _, j = line.partition("\t")
            pairs.add(
                (
                    "".join(zh[int(i)] for i in z.split(",") if i),
                    "".join(ja[int(i)] for i in j.split(",") if i),
                )
            )
    return pairs


def test_fixture_pair_aligns_as_checked_by_hand(tmp_path: Path) -> None:
    for name in ("align.zh.txt", "align.ja.txt"):
        shutil.copy(FIX / name, tmp_path / name)
    add_document(
        tmp_path / "data", [tmp_path / "align.ja.txt", tmp_path / "align.zh.txt"], "al", {}
    )
    corpus = build_corpus(tmp_path / "data")
    assert {(c.zh, c.ja) for c in corpus.clauses} == gold_pairs()
    (report,) = corpus.reports
    assert [u.text for u in report.unaligned] == [
        "优化海关通关流程，实行“一次申报、一次查验、一次放行”。"
    ]
