"""Kanji folding: put simplified Chinese, Japanese shinjitai and traditional forms on one form.

Placeholder of the foundation; the analyzers work owns and extends it. Contract:
`fold(text)` returns a string of the same length as `text` (character-for-character),
so offsets computed on the folded text are offsets in the original.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_s2t = opencc.OpenCC("s2t")
_jp2t = opencc.OpenCC("jp2t")


@lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    if not ("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"):
        return c
    t = _jp2t.convert(_s2t.convert(c))
    return t if len(t) == 1 else c


def fold(text: str) -> str:
    """Fold every Han character to its traditional form, keeping the length."""
    return "".join(_fold_char(c) for c in text)
