"""Long, random and adversarial text for the analyzer fuzz, and the invariants checked on it.

Hypothesis cannot draw a 10,000-character string character by character (its buffer is a
few kilobytes), so a text is drawn as a short *recipe* of pieces and expanded: a piece is
a few drawn characters, one character repeated up to `max_len` times, or a block of
`max_len`-scale characters picked by a seeded `random.Random` from one adversarial
alphabet. Recipes shrink like any Hypothesis value, and a failing one prints small.
Shared by `test_analyzer_fuzz.py` (modest sizes, in CI) and `bench/fuzz_analyzers.py`
(the one-off large run).
"""

from __future__ import annotations

import random
import re

from hypothesis import strategies as st

from analyzers.chinese import ChineseAnalyzer
from analyzers.folding import fold
from analyzers.japanese import JapaneseAnalyzer
from analyzers.japanese import spans as ja_spans
from analyzers.ngrams import NgramAnalyzer

# No lone surrogates here (they cannot come out of a decoder; test_analyzer_properties has
# them as fixed bad inputs), everything else goes.
_ANY = st.characters(blacklist_categories=("Cs",))
_RANGES = {
    "han": [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF)],
    "kana": [(0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)],
    "astral": [(0x10000, 0x10FFFF), (0x20000, 0x2A6DF), (0x1F300, 0x1FAFF)],
    "combining": [(0x0300, 0x036F), (0x3099, 0x309A), (0x20D0, 0x20FF), (0xFE20, 0xFE2F)],
    "control": [(0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029), (0x200B, 0x200F), (0xFEFF, 0xFEFF)],
    "punctuation": [(0x21, 0x2F), (0x3000, 0x303F), (0xFF01, 0xFF0F), (0x2010, 0x2027)],
    "mixed": [(0x41, 0x7A), (0xAC00, 0xD7A3), (0x0400, 0x04FF), (0x0600, 0x06FF), (0xFF10, 0xFF5A)],
}
ALPHABETS = sorted(_RANGES)


def _pick(rng: random.Random, ranges: list[tuple[int, int]]) -> str:
    lo, hi = rng.choice(ranges)
    return chr(rng.randint(lo, hi))


def block(alphabet: str, seed: int, n: int) -> str:
    """`n` characters of one alphabet (or of all of them, `"all"`), the same for a seed."""
    rng = random.Random(seed)
    ranges = [r for a in ALPHABETS for r in _RANGES[a]] if alphabet == "all" else _RANGES[alphabet]
    return "".join(_pick(rng, ranges) for _ in range(n))


def _lengths(max_len: int) -> st.SearchStrategy[int]:
    """Lengths spread over every scale up to `max_len` (log-uniform, then jittered)."""
    bits = max(1, max_len.bit_length())
    return st.tuples(st.integers(0, bits), st.integers(0, max_len)).map(
        lambda kj: min(max_len, 2 ** kj[0] + kj[1] % 2 ** kj[0])
    )


def pieces(max_len: int) -> st.SearchStrategy[tuple]:
    drawn = st.text(_ANY, max_size=20).map(lambda s: ("text", s))
    run = st.tuples(st.just("run"), _ANY, _lengths(max_len))
    blk = st.tuples(
        st.just("block"),
        st.sampled_from([*ALPHABETS, "all"]),
        st.integers(0, 2**16),
        _lengths(max_len),
    )
    return st.one_of(drawn, run, blk)


def expand(recipe: list[tuple], max_len: int) -> str:
    """The text a recipe stands for, cut to `max_len` characters."""
    out: list[str] = []
    for piece in recipe:
        if piece[0] == "text":
            out.append(piece[1])
        elif piece[0] == "run":
            out.append(piece[1] * piece[2])
        else:
            out.append(block(piece[1], piece[2], piece[3]))
    return "".join(out)[:max_len]


def recipes(max_len: int, max_pieces: int = 6) -> st.SearchStrategy[list[tuple]]:
    return st.lists(pieces(max_len), min_size=1, max_size=max_pieces)


_WORDLIKE = re.compile(r"\w")
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
ANALYZERS = {"zh": ChineseAnalyzer(), "ja": JapaneseAnalyzer(), "ngram": NgramAnalyzer()}


def _surface_matches(name: str, surface: str, token: str) -> bool:
    """What each analyzer promises about `text[start:end]` against the token's text.

    Chinese: the word itself (full-width ASCII narrowed, lowercased). N-grams: the folded
    characters, all letters or digits. Japanese: a word is its dictionary form (orthBase),
    which need not spell its surface; compounds are checked in `check` through `spans`.
    """
    if name == "zh":
        return surface.translate(_WIDTH).lower() == token
    if name == "ngram":
        return fold(surface) == token and all(c.isalnum() for c in surface)
    return True


def check(name: str, text: str, mode: str) -> int:
    """Assert the invariants for one analyzer on one text; return the number of tokens."""
    last_pos, n = -1, 0
    for t in ANALYZERS[name](text, positions=True, chars=True, mode=mode):
        s, e, where = t.startchar, t.endchar, (name, mode, t.text)
        assert 0 <= s < e <= len(text), (*where, s, e, len(text))
        assert t.pos >= last_pos, (*where, t.pos, last_pos)
        surface = text[s:e]
        assert _WORDLIKE.search(surface.translate(_WIDTH)), (*where, surface)
        # Python's strip() also eats C1 controls (\x85) that segmenters glue to a word.
        assert surface.strip(" \t\r\n\u3000") == surface, (*where, surface)
        assert _surface_matches(name, surface, t.text), (*where, surface)
        last_pos, n = t.pos, n + 1
    if name == "ja" and mode != "query":
        for w in ja_spans(text, mode):
            assert not w.compound or text[w.start : w.end] == w.term, (name, w)
    return n
