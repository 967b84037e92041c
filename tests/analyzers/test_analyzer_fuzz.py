"""Fuzz of the three analyzers with long, random and adversarial text (reliability, #9).

Texts of up to 12,000 characters: runs of one character, blocks of astral characters,
combining marks, controls, punctuation only, mixed scripts, and anything Unicode has. The
invariants (`adversarial_text.check`): no crash, offsets within the text, the surface is
what the analyzer promises, positions non-decreasing. In CI the profile is derandomized
(tests/conftest.py); `bench/fuzz_analyzers.py` is the large run (10,000 examples, 1 MB).
"""

from __future__ import annotations

import pytest
from adversarial_text import ANALYZERS, block, check, expand, recipes
from hypothesis import given, settings
from hypothesis import strategies as st

MAX_LEN = 12_000


@pytest.mark.parametrize("name", list(ANALYZERS))
@settings(max_examples=40)
@given(recipe=recipes(MAX_LEN), mode=st.sampled_from(["index", "query"]))
def test_invariants_hold_on_adversarial_text(name, recipe, mode):
    check(name, expand(recipe, MAX_LEN), mode)


EXTREMES = {
    "one-char-run": "数" * 20_000,
    "katakana-run": "ー" + "ア" * 9_000,
    "all-punctuation": block("punctuation", 1, 10_000),
    "astral": block("astral", 2, 10_000),
    "combining-after-han": "".join("漢\u0301\u0302\u3099" for _ in range(3_000)),
    "controls": block("control", 3, 10_000),
    "mixed-no-breaks": block("all", 4, 15_000),
    "latin-run": "a" * 10_000,  # jieba's one word: its sub-word lookup was cubic
    "digit-run": "20240101" * 1_500,
    "one-line-no-sentence-end": ("外商投资企业" * 3_000).replace("企业", "企业 ", 1),
}


@pytest.mark.parametrize("name", list(ANALYZERS))
@pytest.mark.parametrize("text", list(EXTREMES.values()), ids=list(EXTREMES))
def test_invariants_hold_on_extremes(name, text):
    for mode in ("index", "query"):
        check(name, text, mode)


def test_a_long_run_is_tokenized_to_its_end():
    """Chunking (4,096 characters per tokenizer call) loses nothing at the cut."""
    text = "数据" * 10_000
    last = max(t.endchar for t in ANALYZERS["ngram"](text, chars=True))
    assert last == len(text)
    assert max(t.endchar for t in ANALYZERS["zh"](text, chars=True)) == len(text)
