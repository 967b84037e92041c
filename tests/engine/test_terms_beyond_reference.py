"""The reference behaviour on term pairs that are not in tests/reference/public.json.

Pairs read off the seed corpus's aligned clauses: learned by association (金融科技,
私募基金, 人民币), from a single clause between anchors, or from an enumeration (人工智能,
生物医药). Each must reach the clauses that contain it, mark its counterpart, and keep
the first hits on topic.
"""

from __future__ import annotations

import re

import pytest

from engine import SearchRequest

PAIRS = [
    ("金融科技", "フィンテック"),
    ("私募基金", "プライベートファンド"),
    ("人民币", "人民元"),
    ("数字经济", "デジタル経済"),
    ("营商环境", "ビジネス環境"),
    ("互联网", "インターネット"),
    ("人工智能", "AI"),
    ("生物医药", "バイオ医薬"),
    ("集成电路", "集積回路"),
    ("中关村", "中関村"),
]
WS = re.compile(r"\s+")


def text(side) -> str:
    return WS.sub("", side.text) if side else ""


def marked(side, term: str) -> bool:
    """Whether `term` lies inside one run of touching marks of the side (any kind)."""
    runs: list[list[int]] = []
    for m in side.marks if side else []:
        if runs and m.start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], m.end)
        else:
            runs.append([m.start, m.end])
    return any(term in WS.sub("", side.text[a:b]) for a, b in runs)


@pytest.mark.parametrize(("zh", "ja"), PAIRS, ids=[f"{z}-{j}" for z, j in PAIRS])
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_term_finds_its_clauses_and_marks_the_counterpart(engine, zh, ja, lang):
    query, own, other = (zh, "zh", "ja") if lang == "zh" else (ja, "ja", "zh")
    counterpart = ja if lang == "zh" else zh
    hits = engine.search(SearchRequest(query, limit=None)).hits
    containing = [h for h in hits if query in text(getattr(h, own))]
    assert containing, "no clause with the term was found"
    assert all(marked(getattr(h, own), query) for h in containing)
    with_counterpart = [h for h in hits if counterpart in text(getattr(h, other))]
    assert with_counterpart, f"{counterpart} not reached"
    assert all(marked(getattr(h, other), counterpart) for h in with_counterpart)
    top = hits[:10]
    on_topic = [h for h in top if zh in text(h.zh) or ja in text(h.ja)]
    assert len(on_topic) >= 0.9 * len(top)
