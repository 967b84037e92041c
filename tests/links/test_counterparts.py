"""`counterpart_marks`: other-side spans of the links a query span overlaps, merged."""

from __future__ import annotations

import pytest

from engine.counterparts import counterpart_marks
from storage.links_file import compact

# 推进资金跨境流动便利 ↔ 資金クロスボーダー流動利便化の推進
RECORDS = [
    (0, 2, 15, 17, 0.9, "AI"),  # 推进 ↔ 推進
    (2, 4, 0, 2, 0.9, "AI"),  # 资金 ↔ 資金
    (4, 6, 2, 9, 0.8, "AGL"),  # 跨境 ↔ クロスボーダー
    (6, 8, 9, 11, 0.7, "AI"),  # 流动 ↔ 流動
    (8, 10, 11, 14, 0.2, "K"),  # 便利 ↔ 利便化 (one weak source)
]
LINKS = compact(RECORDS)  # as storage decodes them: the probable flag in place of the evidence


@pytest.mark.parametrize(
    ("spans", "lang", "expected"),
    [
        ([(4, 6)], "zh", [(2, 9, "counterpart")]),
        ([(2, 9)], "ja", [(4, 6, "counterpart")]),
        ([(5, 6)], "zh", [(2, 9, "counterpart")]),  # part of a word still finds it
        ([(4, 8)], "zh", [(2, 11, "counterpart")]),  # touching spans merge
        ([(8, 10)], "zh", [(11, 14, "probable")]),
        ([(6, 10)], "zh", [(9, 14, "counterpart")]),  # merged with a sure one: sure
        ([(0, 2), (4, 6)], "zh", [(2, 9, "counterpart"), (15, 17, "counterpart")]),
        ([(10, 11)], "zh", []),
        ([], "zh", []),
    ],
)
def test_counterpart_marks(spans, lang, expected):
    assert counterpart_marks(spans, LINKS, lang) == expected


def test_storage_decodes_the_probable_flag():
    assert [link[4] for link in LINKS] == [0, 0, 0, 0, 1]


def test_compact_links_carry_the_probable_flag():
    compact = [(4, 6, 2, 9, 0), (8, 10, 11, 14, 1)]
    assert counterpart_marks([(4, 10)], compact, "zh") == [
        (2, 9, "counterpart"),
        (11, 14, "probable"),
    ]


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError):
        counterpart_marks([(0, 1)], LINKS, "en")
