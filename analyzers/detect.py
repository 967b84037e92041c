"""Which language a text is in: query routing and block-level guessing.

Queries: kana only occurs in Japanese, so a query with kana is Japanese. Han-only text is
ambiguous (贸易 is Chinese, 貿易 both) and Latin text (AI, ICT) occurs in both corpora, so
those queries are analysed as both languages and the engine unions the results.

Blocks of a document (`guess_language`): kana decides when present. Short headings have
none (総体要求, 附件, 付属文書), so we also count characters that exist only in simplified
Chinese (务, 发) against characters that simplified Chinese does not use (総, 発, 書); a
block with no evidence either way is left undecided for the caller to settle from its
neighbours. The evidence of every Han character of the Basic Multilingual Plane is read
from `EVIDENCE_TABLE` (what OpenCC says, precomputed by `scripts/make_fold_table.py`; a
test checks it): starting OpenCC's converters cost ~0.1 s of every one-shot search.
Characters beyond it are asked of OpenCC.

>>> query_languages("クロスボーダー取引")
('ja',)
>>> query_languages("数据安全")
('zh', 'ja')
>>> query_languages("AI")
('zh', 'ja')
>>> guess_language("総体要求"), guess_language("总体要求"), guess_language("附件 1")
('ja', 'zh', None)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from analyzers.langs import LANGS as BOTH
from analyzers.scripts import KANA_CHAR, is_han, is_kana, opencc_converter

KANA_SHARE = 0.05  # Japanese prose is ~30 % kana; a stray katakana name in Chinese is far less
EVIDENCE_TABLE = Path(__file__).with_name("han_evidence.json")  # scripts/make_fold_table.py


def has_kana(text: str) -> bool:
    """True when `text` contains hiragana or katakana (full or half width)."""
    return KANA_CHAR.search(text) is not None


def query_languages(query: str) -> tuple[str, ...]:
    """`("ja",)` when the query has kana, else `("zh", "ja")` (Han-only, Latin, empty)."""
    return ("ja",) if has_kana(query) else BOTH


def _opencc() -> tuple:
    return tuple(opencc_converter(n) for n in ("s2t", "t2s", "jp2t"))


@lru_cache(maxsize=1)
def _shipped() -> dict[str, int]:
    """{character: evidence} for the BMP Han characters with evidence either way."""
    table = json.loads(EVIDENCE_TABLE.read_text(encoding="utf-8"))
    return {c: 1 for c in table["ja"]} | {c: -1 for c in table["zh"]}


@lru_cache(maxsize=65536)
def han_evidence(c: str) -> int:
    """+1 if the character is Japanese-only in form, -1 if simplified-Chinese-only, else 0."""
    if not is_han(c):
        return 0
    if ord(c) < 0x10000:
        return _shipped().get(c, 0)
    return opencc_evidence(c)


def opencc_evidence(c: str) -> int:
    """`han_evidence` asked of OpenCC itself (what `EVIDENCE_TABLE` was made from)."""
    s2t, t2s, jp2t = _opencc()
    simplified_only = s2t.convert(c) != c and jp2t.convert(c) == c
    if simplified_only:
        return -1
    not_simplified = t2s.convert(c) != c or jp2t.convert(c) != c
    return 1 if not_simplified and s2t.convert(c) == c else 0


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
