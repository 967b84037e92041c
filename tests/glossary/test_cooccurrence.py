"""The numpy joint counts give association exactly what a `Counter` over every (zh, ja)
combination gave, in the same order, whatever the slicing (the glossary is unchanged)."""

from __future__ import annotations

from collections import Counter
from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.glossary.cooccurrence import Flat, joint_counts

ZH = ["贸易", "数据", "跨境", "仲裁", "区块链", "服务"]
JA = ["貿易", "データ", "クロスボーダー", "仲裁", "サービス", "推進"]
FOLD = {"贸易": "貿易"}


def fold(s: str) -> str:
    return FOLD.get(s, s)


def reference(grams, min_count, min_dice):
    """The former `Counter` over the product of each pair's recurring n-grams, read as
    association read it: entries seen `min_count` times, sources in first-seen order."""
    posting = {lang: Counter(g for p in grams for g in p[lang]) for lang in ("zh", "ja")}
    joint: Counter[tuple[str, str]] = Counter()
    for p in grams:
        zs = [z for z in p["zh"] if posting["zh"][z] >= min_count]
        js = [j for j in p["ja"] if posting["ja"][j] >= min_count]
        joint.update(product(zs, js))
    kept = [(z, j, n) for (z, j), n in joint.items() if n >= min_count]
    first = {lang: list(dict.fromkeys(e[k] for e in kept)) for k, lang in enumerate(("zh", "ja"))}
    useful = [
        (z, j, n)
        for z, j, n in kept
        if 2 * n / (posting["zh"][z] + posting["ja"][j]) >= min_dice or fold(z) == fold(j)
    ]
    return useful, first


pair_grams = st.fixed_dictionaries(
    {
        "zh": st.lists(st.sampled_from(ZH), unique=True),
        "ja": st.lists(st.sampled_from(JA), unique=True),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(pair_grams, max_size=12), st.sampled_from([1, 3, 1000]))
def test_joint_counts_match_a_counter(pairs, slice_size):
    grams = [{lang: dict.fromkeys(gs) for lang, gs in p.items()} for p in pairs]
    folds: dict[str, int] = {}
    zh, ja = (flat([list(p[lang]) for p in grams], folds) for lang in ("zh", "ja"))
    got = joint_counts(zh, ja, 2, 0.35, slice_size)
    entries, first = reference(grams, 2, 0.35)
    assert got.entries == entries
    assert got.first == first


def flat(lists: list[list[str]], folds: dict[str, int]) -> Flat:
    """The learner's input for one language: each pair's n-grams as ids, end to end."""
    names = list(dict.fromkeys(g for gs in lists for g in gs))
    index = {g: i for i, g in enumerate(names)}
    ids = np.array([index[g] for gs in lists for g in gs], dtype=np.int64)
    ptr = np.r_[0, np.cumsum([len(gs) for gs in lists])].astype(np.int64)
    df = np.bincount(ids, minlength=len(names))
    fold_ids = np.array([folds.setdefault(fold(g), len(folds)) for g in names], dtype=np.int64)
    return Flat(names, ids, ptr, df, fold_ids)
