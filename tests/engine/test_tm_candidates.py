"""Sentence lookup's candidates: which clauses are scored, and in which order.

Only the first `MAX_CANDIDATES` are scored, so their order decides what a pasted
sentence can find: most shared bigrams first, ties in order of first appearance (the
rarest bigram's clauses first). `_sharing` counts in numpy; `Counter.most_common` is the
definition it must keep.
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from engine.tm import _sharing


def test_candidates_keep_most_commons_order() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        lists = [sorted(rng.sample(range(200), rng.randint(0, 60))) for _ in range(8)]
        floor = rng.randint(1, 4)
        counts: Counter[int] = Counter()
        for ids in lists:
            counts.update(ids)
        expected = [n for n, c in counts.most_common() if c >= floor]
        arrays = [np.array(ids, dtype=rng.choice([np.int32, np.int64])) for ids in lists]
        assert _sharing(np.concatenate(arrays), floor) == expected
