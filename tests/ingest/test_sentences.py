"""Clause splitting: sentence ends, brackets, unbalanced brackets."""

from __future__ import annotations

import pytest

from indexer.ingest.sentences import split_clauses

CASES = [
    ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
    ("完善制度；推进试点。", ["完善制度；", "推进试点。"]),
    ("落实《意见。附则》要求。下一句。", ["落实《意见。附则》要求。", "下一句。"]),
    ("他说“好。走吧。”然后走了。", ["他说“好。走吧。”然后走了。"]),
    ("「一窓受理。同時取証」を実現する。次。", ["「一窓受理。同時取証」を実現する。", "次。"]),
    ("（注。说明）正文。", ["（注。说明）正文。"]),
    ("总合モデル区）尔区) を構築する。次の文。", ["总合モデル区）尔区) を構築する。", "次の文。"]),
    ("未闭合（括号。后面。", ["未闭合（括号。", "后面。"]),
    ("没有句末", ["没有句末"]),
    ("结束。”", ["结束。”"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split(text: str, expected: list[str]) -> None:
    assert split_clauses(text) == expected
