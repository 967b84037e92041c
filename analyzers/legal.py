"""The unit labels of laws and regulations: 第七条, 第二章, 第1項 …, at the start of a text.

Chinese and Japanese laws number their units with 第 + a number + a unit character: 章
chapter, 节/節 division, 条 article, 款 (zh) / 項 (ja) paragraph of an article, 项 (zh) /
号 (ja) item of a list. Ingestion puts the label on the clause's path instead of its text
(`indexer.ingest.headings`); sentence lookup leaves it out of the comparison (`engine.tm`),
so "第七条 为了…" pasted from a source that kept it still matches the clause "为了…".
A label is followed by a space or ends the text: "第三条规定的…" is a sentence.

>>> label_end("第七条 为了规范"), label_end("第３条　この規則"), label_end("第三条规定的事项")
(4, 4, 0)
"""

from __future__ import annotations

import re

NUMBER = r"[一二三四五六七八九十〇零百千]{1,6}|[0-9０-９]{1,4}"
UNITS = {"章": "chapter", "节": "division", "節": "division", "条": "article",
         "款": "paragraph", "項": "paragraph", "项": "subitem", "号": "subitem"}  # fmt: skip
LABEL = re.compile(rf"^\s*(第)\s*({NUMBER})\s*([{''.join(UNITS)}])(?:\s+|$)")


def label_end(text: str) -> int:
    """Where the text after a leading unit label starts (0 when there is none)."""
    m = LABEL.match(text)
    return m.end() if m else 0
