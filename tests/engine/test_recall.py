"""Exhaustive recall (#11): any piece of a clause finds it; a pasted clause comes first.

Properties run over the seed corpus through `engine.search`, as a user types: a random
2–12 character piece of either side, cut anywhere (a piece made only of punctuation or
spaces is not a query); and a whole clause pasted exactly, without its punctuation, or
with a few characters added, cut or changed.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analyzers.ngrams import is_gram_char
from engine import SearchRequest
from indexer.records import read_clauses

SIDES = ("zh", "ja")
EXAMPLES = settings(max_examples=60)  # each example is a full search of the seed index


@pytest.fixture(scope="module")
def clauses(seed_index):
    gen = next(p for p in seed_index.iterdir() if (p / "clauses.jsonl").exists())
    return [c for c in read_clauses(gen / "clauses.jsonl")]


def side_text(clause, side: str) -> str:
    return getattr(clause, side)


@pytest.mark.parametrize("side", SIDES)
@EXAMPLES
@given(data=st.data())
def test_any_piece_of_a_clause_finds_it(engine, clauses, side, data):
    c = data.draw(st.sampled_from([c for c in clauses if side_text(c, side)]))
    text = side_text(c, side)
    n = data.draw(st.integers(2, min(12, len(text))))
    start = data.draw(st.integers(0, len(text) - n))
    piece = text[start : start + n]
    assume(any(is_gram_char(ch) for ch in piece))
    hits = engine.search(SearchRequest(piece, limit=None)).hits
    assert c.id in {h.id for h in hits}, piece


def _edited(draw, text: str) -> str:
    """2–4 characters added, cut or changed, at random places among the letters."""
    chars = list(text)
    for _ in range(draw(st.integers(2, 4))):
        where = [i for i, ch in enumerate(chars) if is_gram_char(ch)]
        i = draw(st.sampled_from(where))
        op = draw(st.sampled_from(["add", "cut", "change"]))
        if op == "add":
            chars.insert(i, draw(st.sampled_from("的とを在了之")))
        elif op == "cut" and len(where) > 12:
            del chars[i]
        else:
            chars[i] = draw(st.sampled_from("一二三あいう"))
    return "".join(chars)


@pytest.mark.parametrize("variant", ["exact", "no punctuation", "edited"])
@EXAMPLES
@given(data=st.data())
def test_pasted_clause_comes_first(engine, clauses, variant, data):
    side = data.draw(st.sampled_from(SIDES))
    long = [c for c in clauses if sum(map(is_gram_char, side_text(c, side))) >= 16]
    c = data.draw(st.sampled_from(long))
    text = side_text(c, side)
    if variant == "no punctuation":
        text = "".join(ch for ch in text if is_gram_char(ch))
    elif variant == "edited":
        text = _edited(data.draw, text)
    res = engine.search(SearchRequest(text, limit=3))
    assert res.hits, text
    top = res.hits[0]
    # The clause itself, or a clause with the very same text on that side (a repeat).
    assert side_text(c, side) == getattr(top, side).text, (text, top.id)
    assert top.match_kind in ("exact", "fuzzy")
    assert (top.similarity == 100) == (text == side_text(c, side))  # 100 only for the very text
