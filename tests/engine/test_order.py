"""The result order read as far as needed equals the full sort (`engine.order`).

A page, the term panel and the facets read the order without sorting every match; what
they show must be exactly what sorting everything shows, ties included (scores repeat:
the same provision in many documents scores the same).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.order import Order, Part, best_first, facet_counts

SIZE = 60  # document numbers 0..SIZE-1


@st.composite
def scored(draw: st.DrawFn) -> Part:
    ids = sorted(draw(st.sets(st.integers(0, SIZE - 1), max_size=40)))
    # few distinct scores: ties are the case that matters
    vals = [float(draw(st.integers(0, 4))) for _ in ids]
    return Part(np.array(ids, dtype=np.int64), np.array(vals, dtype=np.float64))


@st.composite
def fixed(draw: st.DrawFn) -> Part:
    ids = draw(st.permutations(sorted(draw(st.sets(st.integers(0, SIZE - 1), max_size=20)))))
    return Part(np.array(ids, dtype=np.int64))


def full_sort(p: Part) -> np.ndarray:
    """The order every match sorted gives: best score first, ties by document number."""
    if p.vals is None:
        return p.ids
    return p.ids[np.lexsort((p.ids, -p.vals))]


@given(scored(), st.integers(0, 45))
def test_the_first_k_are_the_full_sorts_first_k(p: Part, k: int) -> None:
    assert best_first(p.ids, p.vals, k).tolist() == full_sort(p)[:k].tolist()


@settings(max_examples=200)
@given(st.lists(st.one_of(scored(), fixed()), max_size=4), st.integers(0, 100))
def test_a_head_is_the_start_of_the_whole_order(parts: list[Part], k: int) -> None:
    order = Order(parts)
    whole = [n for p in parts for n in full_sort(p).tolist()]
    assert order.head(k).tolist() == whole[:k]
    assert order.all().tolist() == whole
    assert len(order) == len(whole)


@settings(max_examples=200)
@given(
    st.lists(st.one_of(scored(), fixed()), max_size=4),
    st.lists(st.integers(0, 6), min_size=SIZE, max_size=SIZE),
)
def test_facets_list_most_hits_first_ties_in_value_order(
    parts: list[Part], codes: list[int]
) -> None:
    code = np.array(codes, dtype=np.int32)
    shown = [codes[n] for p in parts for n in full_sort(p).tolist()]
    expected = sorted(set(shown), key=lambda v: (-shown.count(v), v))
    order = Order(parts)
    for read in (0, 5, len(shown)):  # what a page read first changes nothing
        order.head(read)
        values, counts = facet_counts(code, 7, order.members())
        assert values.tolist() == expected
        assert counts.tolist() == [shown.count(v) for v in expected]
