"""The shipped OpenCC tables are what OpenCC computes: they can never drift from it."""

from __future__ import annotations

import json

from analyzers.detect import guess_language, han_evidence, opencc_evidence
from analyzers.folding import SHIPPED, fold, opencc_fold
from analyzers.scripts import HAN_CHAR


def test_shipped_table_equals_opencc_for_every_bmp_han_character():
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    han = [chr(c) for c in range(0x10000) if HAN_CHAR.match(chr(c))]
    wrong = [c for c in han if shipped.get(c, c) != opencc_fold(c)]
    assert not wrong, f"fold_table.json is stale for {wrong[:10]}: run scripts/make_fold_table.py"
    assert all(fold(c) == opencc_fold(c) for c in han[::97])


def test_characters_beyond_the_table_still_fold():
    assert fold("𠀀") == opencc_fold("𠀀")  # astral: through OpenCC
    assert fold("贸易") == fold("貿易") == "貿易"


def test_shipped_evidence_equals_opencc_for_every_bmp_han_character():
    han = [chr(c) for c in range(0x10000) if HAN_CHAR.match(chr(c))]
    wrong = [c for c in han if han_evidence(c) != opencc_evidence(c)]
    assert not wrong, f"han_evidence.json is stale for {wrong[:10]}: run scripts/make_fold_table.py"
    assert guess_language("総体要求") == "ja" and guess_language("总体要求") == "zh"
    assert han_evidence("𠀀") == opencc_evidence("𠀀")  # astral: through OpenCC
