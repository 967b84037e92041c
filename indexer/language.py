"""Tell Chinese from Japanese per block of text: kana, else character forms.

Kana decides when present. Short headings have none (総体要求, 附件, 付属文書), so we also
count characters that exist only in simplified Chinese (务, 发) against characters that
simplified Chinese does not use (総, 発, 書); a block with no evidence either way is left
undecided for the reader to settle from its neighbours.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_s2t = opencc.OpenCC("s2t")
_t2s = opencc.OpenCC("t2s")
_jp2t = opencc.OpenCC("jp2t")

KANA_SHARE = 0.05  # Japanese prose is ~30 % kana; a stray katakana name in Chinese is far less


def is_kana(c: str) -> bool:
    """Hiragana or katakana (full or half width), excluding the shared middle dot."""
    return ("\u3041" <= c <= "\u30ff" and c != "\u30fb") or "\uff66" <= c <= "\uff9d"


def is_han(c: str) -> bool:
    """A CJK ideograph (unified, extension A or compatibility)."""
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


@lru_cache(maxsize=65536)
def han_evidence(c: str) -> int:
    """+1 if the character is Japanese-only in form, -1 if simplified-Chinese-only, else 0."""
    if not is_han(c):
        return 0
    simplified_only = _s2t.convert(c) != c and _jp2t.convert(c) == c
    if simplified_only:
        return -1
    not_simplified = _t2s.convert(c) != c or _jp2t.convert(c) != c
    return 1 if not_simplified and _s2t.convert(c) == c else 0


def guess_language(text: str) -> str | None:
    """'ja', 'zh', or None when the text gives no evidence (digits, 附件, shared kanji)."""
    kana = sum(1 for c in text if is_kana(c))
    han = sum(1 for c in text if is_han(c))
    if kana and kana >= KANA_SHARE * (kana + han):
        return "ja"
    score = sum(han_evidence(c) for c in text)
    if score > 0:
        return "ja"
    if score < 0:
        return "zh"
    return None
