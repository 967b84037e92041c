"""Query language detection: kana means Japanese, anything else is tried both ways."""

import pytest

from analyzers.detect import query_languages

CASES = [
    ("クロスボーダー", ("ja",)),
    ("知的財産権の保護", ("ja",)),
    ("ｸﾛｽ", ("ja",)),
    ("贸易", ("zh", "ja")),
    ("貿易", ("zh", "ja")),
    ("AI", ("zh", "ja")),
    ("", ("zh", "ja")),
    ("数据 AI", ("zh", "ja")),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q or "<empty>" for q, _ in CASES])
def test_query_languages(query, expected):
    assert query_languages(query) == expected
