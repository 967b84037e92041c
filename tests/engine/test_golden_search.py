"""Search output on a fixed query set, byte for byte: the refactor guard.

A restructuring of the code (moved modules, a new pipeline, a storage package) must not
change what a user gets. Each query's whole `GET /api/search` answer (less `took_ms`, the
one field that measures the machine rather than the corpus) is compared with the snapshot
in `golden/search.json`. A deliberate change of behaviour regenerates the snapshot
(`TAIYAKU_REGEN_GOLDEN=1 pytest tests/engine/test_golden_search.py`) and says so in its
commit; the diff of the snapshot is then the review of that change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden") / "search.json"

# Every kind of query the engine answers: words and glossary counterparts both ways,
# phrases, OR, exclusion, prefix, one side, filters, substrings, variants and folding,
# a pasted sentence (translation memory), paging, document order, suggestions.
QUERIES: list[dict[str, str]] = [
    {"q": "跨境"},
    {"q": "クロスボーダー"},
    {"q": "贸易"},
    {"q": "貿易"},
    {"q": "数据"},
    {"q": "データ"},
    {"q": "区块链"},
    {"q": "知识产权"},
    {"q": "知的財産権"},
    {"q": "数据安全"},
    {"q": "跨境 数据"},
    {"q": '"数字 贸易"'},
    {"q": "金融 OR 保险"},
    {"q": "-金融 北京"},
    {"q": "NOT 金融 北京"},
    {"q": "財産*"},
    {"q": "zh:跨境"},
    {"q": "ja:ウェア"},
    {"q": "ja:データ"},
    {"q": "跨境", "lang": "zh"},
    {"q": "试点", "limit": "5", "offset": "5"},
    {"q": "试点", "sort": "document", "limit": "50"},
    {"q": "开放", "doc": "gh2020-123"},
    {"q": "开放", "item": "24"},
    {"q": "ｸﾛｽﾎﾞｰﾀﾞｰ"},
    {"q": "「知識産権」"},
    {"q": "クロスボーダー。"},
    {"q": "推进资金跨境流动便利"},
    {"q": "资金クロスボーダー流動利便化の推進", "mode": "tm"},
    {"q": "電子商務"},
    {"q": "电子商务"},
    {"q": "知识产全"},
    {"q": "服务业扩大开放综合示范区"},
    {"q": "AI"},
    {"q": "一"},
    {"q": "xyzzy"},
]


def _answer(api, params: dict[str, str]) -> dict:
    response = api.get("/api/search", query_string=params)
    assert response.status_code == 200, (params, response.get_json())
    body = response.get_json()
    body.pop("took_ms", None)
    return body


def test_search_output_matches_the_snapshot(api) -> None:
    answers = {json.dumps(p, ensure_ascii=False, sort_keys=True): _answer(api, p) for p in QUERIES}
    if os.environ.get("TAIYAKU_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(
            json.dumps(answers, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8"
        )
        pytest.fail("snapshot regenerated: review its diff, then run again without the variable")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert sorted(answers) == sorted(expected), "the query set and the snapshot disagree"
    for key, answer in answers.items():
        assert answer == expected[key], f"search output changed for {key}"
