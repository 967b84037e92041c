"""The marking policy on one pair: the identity rule and the occurrences it cannot explain."""

from __future__ import annotations

import random

from engine.counterparts import _merge, counterpart_marks
from engine.highlight import Needles
from engine.marking import TermNeedles, pair_spans

ZH = "以平台建设为抓手，推动中心建设"
JA = "プラットフォーム構築を突破口として、センター建設を推進する"


def term(text: str) -> TermNeedles:
    t = TermNeedles(text, "zh")
    for side in ("zh", "ja"):
        t.variant[side] = Needles()
        t.variant[side].add_surface(text)
    return t


def link(zh: str, ja: str, at_zh: int = 0, at_ja: int = 0, probable: int = 0) -> tuple:
    zs, js = ZH.index(zh, at_zh), JA.index(ja, at_ja)
    return (zs, zs + len(zh), js, js + len(ja), probable)


def marked(spans: dict, kinds: tuple[str, ...] = ("counterpart", "probable")) -> list[str]:
    return sorted({JA[a:b] for k in kinds for a, b in spans["ja"].get(k, [])})


def test_an_occurrence_the_identity_cannot_explain_keeps_its_link():
    """建设 twice, rendered 構築 once and 建設 once: both are its counterparts."""
    links = [link("建设", "構築", probable=1), link("建设", "建設", at_zh=10)]
    assert marked(pair_spans({"zh": ZH, "ja": JA}, [term("建设")], links)) == ["建設", "構築"]


def test_with_as_many_identities_as_occurrences_other_links_are_dropped():
    """One 建设 and its identity present: the aligner's other guess for it is dropped."""
    zh, ja = "推动中心建设", "センターの建設を推進"
    links = [(4, 6, 0, 4, 1), (4, 6, 5, 7, 0)]  # 建设 → センター (weak), 建设 → 建設
    spans = pair_spans({"zh": zh, "ja": ja}, [term("建设")], links)
    assert {ja[a:b] for a, b in spans["ja"]["counterpart"]} == {"建設"}
    assert "probable" not in spans["ja"]


def _counterparts_by_definition(query_spans, links, from_lang):
    """Every link overlapping any query span, merged: what `counterpart_marks` computes
    with merged spans and a binary search."""
    src, dst = (0, 2) if from_lang == "zh" else (2, 0)
    hits = [
        (link[dst], link[dst + 1], bool(link[4]))
        for link in links
        if any(link[src] < e and s < link[src + 1] for s, e in query_spans)
    ]
    return [(a, b, "probable" if p else "counterpart") for a, b, p in _merge(hits)]


def test_counterpart_marks_is_its_definition() -> None:
    """Overlapping, touching and repeated query spans; links in any order, both sides."""
    rng = random.Random(2)
    for _ in range(5000):
        spans = [(a, a + rng.randint(1, 6)) for a in rng.choices(range(40), k=rng.randint(0, 5))]
        links = [
            (a, a + rng.randint(1, 4), c, c + rng.randint(1, 4), rng.randint(0, 1))
            for a, c in zip(
                rng.choices(range(45), k=rng.randint(0, 30)),
                rng.choices(range(45), k=30),
                strict=False,
            )
        ]
        for lang in ("zh", "ja"):
            expected = _counterparts_by_definition(spans, links, lang)
            assert counterpart_marks(spans, links, lang) == expected, (spans, links)
