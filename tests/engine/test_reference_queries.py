"""The reference queries (tests/reference/public.json) through the JSON API, as a user sees them.

"Item" is the number of the innermost numbered heading of a hit (1.–26. of 三、主要任务).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

REF = json.loads((Path(__file__).parents[1] / "reference" / "public.json").read_text("utf-8"))
WS = re.compile(r"\s+")


def squash(s: str | None) -> str:
    return WS.sub("", s or "")


def search(api, q: str, **params) -> dict:
    r = api.get("/api/search", query_string={"q": q, "limit": 1000, **params})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def text(hit: dict, lang: str) -> str:
    return squash((hit.get(lang) or {}).get("text"))


def marked(hit: dict, lang: str, term: str) -> bool:
    """Whether `term` lies inside one run of touching marks of the side (any kind)."""
    side = hit.get(lang) or {}
    runs: list[list[int]] = []
    for m in side.get("marks", []):
        if runs and m["start"] <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], m["end"])
        else:
            runs.append([m["start"], m["end"]])
    return any(term in squash(side["text"][a:b]) for a, b in runs)


TERM_CASES = [
    pytest.param(t, lang, id=f"{t[lang]}-{lang}") for t in REF["terms"] for lang in ("zh", "ja")
]


@pytest.mark.parametrize(("case", "lang"), TERM_CASES)
def test_term_reaches_every_item_and_marks_the_counterpart(api, case, lang):
    other = "ja" if lang == "zh" else "zh"
    body = search(api, case[lang])
    hits = body["hits"]
    items = {h["item"] for h in hits}
    missing = sorted(set(case[f"{lang}_items"]) - items, key=int)
    assert not missing, f"items {missing} not reached"
    with_counterpart = [h for h in hits if case[other] in text(h, other)]
    unmarked = [h["id"] for h in with_counterpart if not marked(h, other, case[other])]
    assert not unmarked, f"{case[other]} not marked in {unmarked}"
    top = hits[:10]
    on_topic = [h for h in top if case["zh"] in text(h, "zh") or case["ja"] in text(h, "ja")]
    assert len(on_topic) >= 0.9 * len(top), [h["zh"]["text"][:30] for h in top if h not in on_topic]
    assert body["total"] == len(hits)


@pytest.mark.parametrize("case", REF["align"], ids=[a["zh"] for a in REF["align"]])
def test_aligned_pair_is_found_with_its_translation(api, case):
    hits = [
        h for h in search(api, case["zh"], limit=50)["hits"] if squash(case["zh"]) in text(h, "zh")
    ]
    assert hits, "the clause itself is not found"
    assert any(squash(case["ja"]) in text(h, "ja") for h in hits)


def ndcg10(items: list[str | None], rel: dict[str, int]) -> float:
    seen: list[str] = []
    for it in items:
        if it is not None and it not in seen:
            seen.append(it)
    gains = [rel.get(it, 0) for it in seen[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(rel.values(), reverse=True)[:10]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def test_topics_rank_relevant_items_first(api):
    scores = {
        t["q"]: ndcg10([h["item"] for h in search(api, t["q"])["hits"]], t["rel"])
        for t in REF["topics"]
    }
    assert sum(scores.values()) / len(scores) >= 0.85, scores
    assert min(scores.values()) >= 0.7, scores


@pytest.mark.parametrize("case", REF["variants"], ids=[v["q"] for v in REF["variants"]])
def test_variant_spelling_reaches_the_same_items(api, case):
    items = {h["item"] for h in search(api, case["q"])["hits"]}
    assert set(case["expect_items"]) <= items, case["note"]
