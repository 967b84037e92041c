"""Calibrated mark tiers: a signature's record decides sure, probable or no mark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.links import confidence
from indexer.links.confidence import decide, marked, signature, table, tier


@pytest.mark.parametrize(
    ("conf", "codes", "key"),
    [
        (0.9, "AGI", "S+A:high"),
        (0.3, "Ka", "K:low"),
        (0.0, "a", "-:place"),
        (0.7, "ADJ", "M+A:high"),
        (0.6, "Tg", "Mg:high"),
    ],
)
def test_signature_groups_evidence_by_kind(conf: float, codes: str, key: str):
    assert signature(conf, codes) == key


@pytest.mark.parametrize(
    ("right", "seen", "rule", "expected"),
    [
        (200, 200, "probable", "counterpart"),  # beyond chance above 97%: promoted
        (80, 100, "counterpart", "probable"),  # beyond chance below 97%: demoted
        (8, 30, "probable", "none"),  # beyond chance below 50%: no mark
        (29, 30, "counterpart", None),  # within chance of 97%: the rule stands
        (3, 3, "probable", None),  # too few to say
        (80, 100, "probable", None),  # the record agrees with the rule
    ],
)
def test_a_record_moves_a_tier_only_beyond_chance(right, seen, rule, expected):
    assert decide(right, seen, rule) == expected


def test_the_table_overrides_the_rule_and_none_drops_the_link():
    links = [(0, 2, 0, 2, 0.0, "a"), (2, 4, 2, 4, 0.9, "AG"), (4, 6, 4, 6, 0.3, "Ka")]
    calibrated = {"-:place": "none", "S+A:high": "probable"}
    assert marked(links, calibrated) == links[1:]
    assert tier(0.9, "AG", calibrated) == "probable"
    assert tier(0.3, "Ka", calibrated) == "probable"  # not in the table: the rule
    assert tier(0.9, "AG", {}) == "counterpart"


def test_the_table_file_is_read_as_bench_calibrate_marks_writes_it(tmp_path: Path):
    path = tmp_path / "calibration.json"
    doc = {"about": "", "signatures": {"-:place": {"seen": 40, "right": 9, "tier": "none"}}}
    path.write_text(json.dumps(doc), "utf-8")
    assert table(path) == {"-:place": "none"}
    assert table(tmp_path / "missing.json") == {}
    assert confidence.TABLE.name == "link_calibration.json"
