"""Normalise text once, where it enters (source files at ingestion, queries at the engine).

NFKC folds width (ＡＩ → AI, ｸﾛｽﾎﾞｰﾀﾞｰ → クロスボーダー) and compatibility forms, but it would
also turn the full-width punctuation that Chinese and Japanese text is written with
(，：；！？（）) into ASCII, which changes how a clause reads. We keep those as written and
apply NFKC to everything else, so normalised text still looks like the source.

>>> normalize("ＡＩ与ｸﾛｽﾎﾞｰﾀﾞｰ（试点），２０２５年")
'AI与クロスボーダー（试点），2025年'
"""

from __future__ import annotations

import re
import unicodedata

# Full-width punctuation used in CJK prose; NFKC would map these to ASCII.
KEEP = frozenset("，：；！？（）［］｛｝＜＞％＋－＝／＆＠＃＊＂＇｜～")
_KEEP_SPLIT = re.compile(f"([{re.escape(''.join(sorted(KEEP)))}])")
_NEEDS_WORK = re.compile(r"[^\u0020-\u007e\u3041-\u30ff\u4e00-\u9fff。、「」《》“”‘’\n]")


def normalize(text: str) -> str:
    """NFKC except for CJK full-width punctuation; NUL and other controls become spaces."""
    if not _NEEDS_WORK.search(text):
        return text
    out: list[str] = []
    for part in _KEEP_SPLIT.split(text):
        if len(part) == 1 and part in KEEP:
            out.append(part)
        else:
            out.append(unicodedata.normalize("NFKC", part))
    s = "".join(out)
    return "".join(" " if (unicodedata.category(c) == "Cc" and c not in "\n\t") else c for c in s)
