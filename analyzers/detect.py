"""Decide which language analyzers a query goes through.

Kana only occurs in Japanese, so a query with kana is Japanese. Han-only text is ambiguous
(贸易 is Chinese, 貿易 both) and Latin text (AI, ICT) occurs in both corpora, so those
queries are analysed as both languages and the engine unions the results.

>>> query_languages("クロスボーダー取引")
('ja',)
>>> query_languages("数据安全")
('zh', 'ja')
>>> query_languages("AI")
('zh', 'ja')
"""

from __future__ import annotations

import re

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
BOTH = ("zh", "ja")


def has_kana(text: str) -> bool:
    """True when `text` contains hiragana or katakana (full or half width)."""
    return _KANA.search(text) is not None


def query_languages(query: str) -> tuple[str, ...]:
    """`("ja",)` when the query has kana, else `("zh", "ja")` (Han-only, Latin, empty)."""
    return ("ja",) if has_kana(query) else BOTH
