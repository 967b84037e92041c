"""A katakana loanword's English origin, as UniDic's lemma gives it (データ → "data").

Evidence that a katakana word and a Chinese word mean the same thing when a dictionary
gives the Chinese word that English gloss: used by sentence alignment and the word links.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzers import japanese

_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")


@lru_cache(maxsize=65536)
def loan_origin(word: str) -> str:
    """The English origin UniDic gives a katakana word (データ → "data"), else "".

    The word is parsed alone: context rarely changes a katakana word's entry, and a
    per-surface cache keeps this cheap on a large corpus.
    """
    if not _KATAKANA.fullmatch(word):
        return ""
    nodes = list(japanese.tagger()(word))
    if len(nodes) != 1:
        return ""
    feature = nodes[0].feature
    lemma = feature[7] if len(feature) > 7 else ""
    _, _, origin = lemma.partition("-")
    return origin.lower() if origin.isascii() else ""
