"""Which script a character is written in, and the width table: defined once for all.

Everything that asks "is this Han? kana?" — the analyzers, folding, language guessing,
ingestion's checks, the n-gram layer — uses these, so they cannot disagree (the
iteration mark 々 is Han here, as it is inside Japanese words: 人々, 各々). OpenCC
converters are created here, once per process, for folding and language guessing.

>>> [script(c) for c in "数据データAI5・"]
['han', 'han', 'kana', 'kana', 'kana', 'latin', 'latin', 'digit', 'other']
"""

from __future__ import annotations

import re
import threading
from typing import Any

# Han ideographs (URO, Ext A, compatibility, supplementary planes) and the iteration mark 々.
HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Hiragana and katakana (with the prolonged sound mark), half-width katakana.
KANA = "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")
KANA_CHAR = re.compile(f"[{KANA}]")

# Full-width ASCII → ASCII and the ideographic space → space, one character for one, so
# ＡＩ segments like AI and offsets hold (NFKC does the same at ingestion; queries and
# analyzers may see text that did not pass through it).
FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def is_han(c: str) -> bool:
    """A single Han ideograph (or 々)."""
    return HAN_CHAR.match(c) is not None


def is_kana(c: str) -> bool:
    """Hiragana or katakana (full or half width); not the shared middle dot ・."""
    return KANA_CHAR.match(c) is not None


def script(c: str) -> str:
    """'han', 'kana', 'latin', 'digit' or 'other' for one character."""
    if is_han(c):
        return "han"
    if is_kana(c):
        return "kana"
    if (c.isascii() and c.isalpha()) or ("\uff21" <= c <= "\uff5a" and c.isalpha()):
        return "latin"
    if c.isdigit():
        return "digit"
    return "other"


_lock = threading.Lock()
_opencc: dict[str, Any] = {}


def opencc_converter(name: str) -> Any:
    """The OpenCC converter `name` (s2t, t2s, jp2t …), created once per process."""
    conv = _opencc.get(name)
    if conv is None:
        with _lock:
            conv = _opencc.get(name)
            if conv is None:
                import opencc

                conv = _opencc[name] = opencc.OpenCC(name)
    return conv
