"""Every hand-checked spotting case end to end, through `GET /api/search` as a client
calls it: the term (in its language, `lang=`) searched over the seed index with every hit
(`limit=all`), the case's pair found among the hits, and the marks of the pair's other
side judged against the hand-checked renderings (`eval.spotting.score_search`).

The issue's targets are recall ≥ 0.95 and wrong marks ≤ 0.03 of cases. The floors below
are the figures reached on the whole file (`bench/bench_spotting.py` prints them, with
the development and held-out halves apart): below target, held so that no change loses
them silently. Raise them as spotting improves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from eval.spotting import read_cases, score_search

CASES = read_cases(Path(__file__).parent / "cases.jsonl")
# Reached (whole file): recall 0.954 with probable marks, wrong 0.024; counterpart-only
# 0.871 / 0.014 (development half: 0.967 / 0.012, held-out half: 0.942 / 0.036).
# Targets: recall ≥ 0.95, wrong ≤ 0.03 (met on the whole file; not yet on the held-out half).
# Since the knowledge of issue 22 (JMdict pairs, names, calibrated tiers): 0.953 / 0.025;
# counterpart-only 0.828 / 0.012. The sure tier is calibrated on the outside development
# sources (storage/link_calibration.json): a kanji in common beside a confident aligner
# is right 87% of the time there, so such links are probable now, here too (sure
# precision rose, sure recall fell from 0.871).
# The user dictionary written by rule (issue 22, item 8; `make userdict`) instead of the
# hand-kept list: 0.952 / 0.027 (918/964, 27/997); the hand-kept list gave 0.953 / 0.025,
# no user dictionary 0.952 / 0.026. Lowered to the rule's figure, not words added back.
# Round 5 deleted the pass `repeated`, which paid nothing on the three held-out sources
# (`bench_passes.py --held-out`): one case here (917/964, 0.951); lowered, not kept.
# Round 6 deleted six passes that paid nothing on the four held-out sources (unshare,
# bracket_twins, glued, beside_evidence, known_over_learned, relocate: docs/evaluation.md);
# held out, recall rose 0.6–2.2 points and wrong marks fell up to 0.7 or held; here, where
# they were grown, 912/964 and 33/997. Lowered to that, as measured; the cases that only
# those passes got right (营造 beside 国际化, 扶養費's 費, the third テスト) went with them.
# Round 8 deleted `brackets`, which paid on no held-out source (the legal text read blind
# this round: 6 cases fewer with a wrong mark, 2 fewer found, without it): 907/964 and
# 35 wrong marks in 997 here, where it was grown.
MIN_RECALL = 0.940
MAX_WRONG = 0.036
# Sure recall 0.869 since a learned glossary entry needs three pairs before it expands a
# search (engine.glossary_index.supported): two sure marks came from two-pair entries
# (就労 → 工作, 金融科技 → フィンテック) and are now left to the word links.
# Items 6 and 8 merged (the kanji-span links made sure again by the calibration, and the
# user dictionary by rule): 15 wrong sure marks in 997 cases (0.0150), where each branch
# alone stayed within 0.015 (14 at most). Raised by that one case, as measured, not tuned back.
# Round 6's deletion of six passes (above): 21 wrong sure marks in 997 cases.
MIN_RECALL_SURE = 0.825
MAX_WRONG_SURE = 0.022
# The blind set (`cases_unseen.jsonl`, README "Unseen set"): written before any
# measurement and never tuned on, so its floors are the targets themselves. Reached when
# written: recall 0.954, wrong 0.028 (counterpart-only 0.896 / 0.008).
UNSEEN = read_cases(Path(__file__).parent / "cases_unseen.jsonl")


@pytest.fixture(scope="module")
def search(real_app):
    client = real_app.test_client()

    @cache  # one request per distinct (term, language): many cases share a term
    def run(q: str, lang: str):
        response = client.get("/api/search", query_string={"q": q, "lang": lang, "limit": "all"})
        assert response.status_code == 200, (q, response.get_json())
        return NS(hits=[_hit(h) for h in response.get_json()["hits"]])

    return run


def _hit(h: dict) -> NS:
    """The JSON hit as `score_search` reads it: id, and per side text and marks."""
    sides = {
        lang: NS(text=h[lang]["text"], marks=[NS(**m) for m in h[lang]["marks"]])
        if h[lang]
        else None
        for lang in ("zh", "ja")
    }
    return NS(id=h["id"], **sides)


def test_every_pair_is_found_and_recall_holds(search):
    s = score_search(CASES, search)
    assert not [m for m in s.misses if not m["hit"]], "a case's pair is not among the hits"
    assert s.recall >= MIN_RECALL, f"{s.found}/{s.with_counterpart}"
    assert s.wrong_rate <= MAX_WRONG, f"{s.wrong} wrong marks in {s.cases} cases"


def test_the_blind_set_meets_the_targets(search):
    """Cases nobody tuned on: how spotting does on terms and pairs it was not shaped by."""
    s = score_search(UNSEEN, search)
    assert not [m for m in s.misses if not m["hit"]], "a case's pair is not among the hits"
    assert s.recall >= 0.95, f"{s.found}/{s.with_counterpart}"
    assert s.wrong_rate <= 0.03, f"{s.wrong} wrong marks in {s.cases} cases"


def test_sure_marks_alone(search):
    """What a display of "counterpart" marks only (probable hidden) would show."""
    s = score_search(CASES, search, kinds=frozenset({"counterpart"}))
    assert s.recall >= MIN_RECALL_SURE, f"{s.found}/{s.with_counterpart}"
    assert s.wrong_rate <= MAX_WRONG_SURE, f"{s.wrong} wrong marks in {s.cases} cases"


@pytest.mark.parametrize("wrap", ["{}，", "「{}」", "（{}）", "{}。"])
def test_punctuation_around_the_term_changes_nothing(search, wrap):
    """A term pasted with its punctuation marks the same counterparts as the bare term."""
    sample = CASES[::10]
    bare = score_search(sample, search)
    pasted = score_search(sample, search, wrap=wrap.format)
    assert (pasted.found, pasted.wrong) == (bare.found, bare.wrong)


@pytest.mark.parametrize(
    ("term", "lang", "pair", "rendering"),
    [
        ("特定項目リスト", "ja", "gh2020-123.a.3.2.10.6", "专项清单"),  # 清单 ×3 in the pair
    ],
)
def test_a_repeated_word_marks_its_own_occurrence(search, term, lang, pair, rendering):
    """A word said several times on both sides marks the occurrence that renders the
    term, not the next one (the aligner cannot tell occurrences apart on its own)."""
    hit = next(h for h in search(term, lang).hits if h.id == pair)
    side = hit.ja if lang == "zh" else hit.zh
    at = side.text.index(rendering)
    marks = [(m.start, m.end) for m in side.marks if m.kind != "query"]
    assert marks and all(a < at + len(rendering) and at < b for a, b in marks), marks


@pytest.mark.parametrize(
    ("term", "lang", "pair", "rendering"),
    [
        ("インフラ", "ja", "gh2020-123.a.3.1.9.5", "基础设施"),  # the compound's English gloss
        ("服务业", "zh", "gh2020-123.l.4", "サービス業"),  # in a glossary entry of five words
        ("对标", "zh", "gh2020-123.l.2.1", "ベンチマーク"),  # ベンチ|マーク = "benchmark"
        ("落地", "zh", "gh2020-123.a.3.2.13.5", "開業"),  # the one word left beside 京 ↔ 北京
        ("構築", "ja", "gh2020-123.a.3.2.13.4", "建设"),  # 建设 ×2 ↔ 建設 ×1 anchors no gap
        ("SaaS", "ja", "gh2020-123.a.3.2.13.3", "软件即服务"),  # "software as a service (SaaS)"
        ("机场", "zh", "gh2020-123.a.3.1.5.3", "空港"),  # "airport", not 場所 for the kanji 场
        ("提升", "zh", "gh2020-123.a.3.4.23.8", "引き上げる"),  # the one word left in its clause
        ("整備", "ja", "gh2020-123.a.2.2", "健全"),  # 性 of 利便性 is no word left over
        ("货运", "zh", "gh2020-123.a.3.1.9.5", "貨物運輸"),  # twice, rendered alike both times
    ],
)
def test_the_counterpart_is_marked_where_it_stands(search, term, lang, pair, rendering):
    """A term's rendering is marked, and nothing beside it: a Chinese compound cut in two
    for linking (基础|设施) keeps its dictionary gloss; a glossary entry of several words
    (国家服务业扩大开放综合 ↔ 国家サービス業開放拡大総合) links each word to its own
    rendering, not to its neighbour's (服务业 ↔ 開放拡大); a katakana compound of two
    loanwords is the one English word they spell together; a paraphrase seen once is
    the one free word its neighbours' links leave; a word said more often in Chinese
    than in Japanese places no single-pair glossary guess; a short form marks the term
    the dictionary gives it for; a dictionary gloss beats a kanji in common; a clause's
    one unlinked word is the one word left where the clause is translated; a word said
    twice is rendered alike both times."""
    hit = next(h for h in search(term, lang).hits if h.id == pair)
    side = hit.ja if lang == "zh" else hit.zh
    at = [(i, i + len(rendering)) for i in _occurrences(side.text, rendering)]
    marks = [(m.start, m.end) for m in side.marks if m.kind != "query"]
    assert marks and all(any(a < e and s < b for s, e in at) for a, b in marks), marks


@pytest.mark.parametrize(
    ("term", "lang", "pair", "elsewhere"),
    [
        ("高素质", "zh", "gh2020-123.a.4.6", "高効率"),  # 高 of 高効率 is 高效's
        ("整備", "ja", "gh2020-123.a.2.2", "显著"),  # 显著's neighbours link far from 整備
        ("一批", "zh", "gh2020-123.a.3.2.12.4", "一般"),  # the kanji 一 only, far from both
        ("车联网", "zh", "gh2020-123.a.3.1.4.3", "実現"),  # 车 alone takes no leftover word
    ],
)
def test_a_neighbours_counterpart_is_not_marked(search, term, lang, pair, elsewhere):
    """A word the aligner could only guess for is not marked as what its neighbour
    translates: a guess beside a sure link, or a one-kanji word (高, 費) that belongs to
    another word's compound, is dropped; so is an unsure guess far from both its
    neighbours' counterparts, or one that only a kanji in common made confident; a
    one-character word is not paired with whatever word is left over."""
    hit = next(h for h in search(term, lang).hits if h.id == pair)
    side = hit.ja if lang == "zh" else hit.zh
    at = side.text.index(elsewhere)
    wrong = [m for m in side.marks if m.start < at + len(elsewhere) and at < m.end]
    assert not [m for m in wrong if m.kind != "query"], wrong


def _occurrences(text: str, sub: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(sub, i)]
