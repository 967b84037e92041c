"""Recall of the glossary users look up (`GET /api/glossary?q=`): the renderings of the
hand-checked spotting cases (tests/spotting/cases.jsonl) are listed for their term.

Only terms seen in two pairs or more count (a term seen once is one example, not a
glossary entry), and only renderings that are not the term itself after folding (条件 →
条件 is the same word: the glossary does not list it). A listed target counts when it
contains the rendering or is part of it (構築 in 構築する, 知的財産 in 知的財産権).
"""

from __future__ import annotations

from pathlib import Path

from analyzers.folding import fold
from eval.spotting import read_cases
from indexer.records import read_clauses
from storage.generations import current_generation

CASES = Path(__file__).parents[1] / "spotting" / "cases.jsonl"
# Reached 0.857 (341/398); frequent verbs with several renderings miss. Since the tiers are
# calibrated on outside text (storage/link_calibration.json), a kanji in common beside a
# confident aligner makes a probable link, which the glossary does not list: 0.837 (333/398).
MIN_RECALL = 0.835


def test_hand_checked_renderings_are_in_the_glossary(api, seed_index):
    clauses = list(read_clauses(current_generation(seed_index) / "clauses.jsonl"))
    entries: dict[str, list[str]] = {}
    wanted = found = 0
    for case in read_cases(CASES):
        term, side = case["term"], case["dir"][:2]
        renderings = [r for r in case["counterpart"] if fold(r) != fold(term)]
        if not renderings or sum(term in getattr(c, side) for c in clauses) < 2:
            continue
        if term not in entries:
            body = api.get("/api/glossary", query_string={"q": term}).get_json()
            entries[term] = [e["target"] for e in body["entries"]]
        wanted += 1
        found += any(r in t or t in r for r in renderings for t in entries[term])
    assert wanted > 300
    assert found / wanted >= MIN_RECALL, f"{found}/{wanted}"
