"""What sentence lookup compares: a text's folded letters, kana and Han, in order.

Punctuation, spaces and a leading law unit label (第七条, `analyzers.legal`) are left out,
so a sentence pasted with other punctuation, or from a source that kept the label, is
still the same sentence. The build stores each text's key length (`storage.clause_views`)
and sentence lookup (`engine.tm`) compares keys: both cut with this one definition.

>>> sentence_key("第七条 为了规范，数据处理。"), sentence_key("クロスボーダー（越境）")
('爲了規範數據處理', 'クロスボーダー越境')
"""

from __future__ import annotations

import re

from analyzers.legal import label_end
from analyzers.ngrams import gram_key

GRAM_RUN = re.compile(r"[^\W_]+")  # the characters the n-gram layer indexes


def sentence_key(text: str) -> str:
    """The compared characters of `text` (folded; see the module doc)."""
    return "".join(GRAM_RUN.findall(gram_key(text[label_end(text) :])))
