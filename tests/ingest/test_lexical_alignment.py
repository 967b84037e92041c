"""Two monolingual files with a merge, a split, an omission and a swap align as checked by hand,
and `taiyaku add … --build` reports what was left alone and the least sure pairs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from indexer.ingest.adding import add_document
from indexer.ingest.corpus import build_corpus
from search_app.cli import main

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


def test_add_build_reports_the_omission_and_the_weakest_pairs(tmp_path: Path) -> None:
    """What a user adding the pair sees: the clause left alone, then the least sure pairs."""
    env = {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}
    files = [str(FIX / "align.zh.txt"), str(FIX / "align.ja.txt")]
    result = CliRunner().invoke(main, ["add", *files, "--id", "al", "--build"], env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "clauses: 11  aligned pairs: 10  unaligned: 1" in out
    unaligned = out.split("unaligned clauses (1):", 1)[1]
    assert "[zh] no Japanese counterpart" in unaligned
    assert "优化海关通关流程" in unaligned.split("lowest-confidence pairs", 1)[0]
    weakest = re.findall(r"^ {4}(\d\.\d\d) (\d-\d) al\.", out, flags=re.M)
    assert weakest and [float(s) for s, _ in weakest] == sorted(float(s) for s, _ in weakest)
    assert "1-2" in {link for _, link in weakest}  # the split sentence, and its score
