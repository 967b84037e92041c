"""A hand-made engine implementing ``engine.api.Engine`` for the web tests.

Eight aligned clauses from the Beijing services-opening plan (国函〔2020〕123号) and a
second tiny document, a three-entry glossary (跨境 ↔ クロスボーダー …), substring
matching with AND → OR fallback, and highlights built the way the real engine builds
them: escape the text first, then insert only ``<mark>``. Good enough to exercise every
page; the real engine replaces it through the ``engine`` fixture in ``conftest.py``.
"""

from __future__ import annotations

import html
import time
from typing import Any

from engine.api import MAX_QUERY_CHARS, Hit, QueryError, SearchRequest, SearchResult, Side

PLAN = {
    "id": "gh2020-123",
    "title": {
        "zh": "深化北京市新一轮服务业扩大开放综合试点建设国家服务业扩大开放综合示范区工作方案",
        "ja": "北京市における新たなサービス業の開放拡大総合試行の深化・"
        "国家サービス業開放拡大総合モデル区建設業務方案",
    },
    "number": "国函〔2020〕123号",
    "date": "2020-08-28",
}
NOTE = {
    "id": "demo-notice",
    "title": {
        "zh": "关于数据跨境流动的通知（示例）",
        "ja": "データのクロスボーダー流動に関する通知（例）",
    },
    "number": "示例〔2021〕1号",
    "date": "2021-03-01",
}

PART_TARGETS = {"label": "二", "zh": "发展目标", "ja": "発展目標"}
PART_TASKS = {"label": "三", "zh": "主要任务", "ja": "主要任務"}
SEC_PARKS = {"label": "（二）", "zh": "聚焦重点园区", "ja": "重点園区への注力"}
SEC_REFORM = {"label": "（三）", "zh": "深化改革", "ja": "改革の深化"}
SEC_FACTORS = {
    "label": "（四）",
    "zh": "优化服务业开放发展的要素供给",
    "ja": "サービス業開放発展の要素供給の最適化",
}


def item(n: str, zh: str, ja: str) -> dict[str, str]:
    return {"label": n, "zh": zh, "ja": ja}


# (doc, path, item, zh, ja)
CLAUSES: list[tuple[dict[str, Any], list[dict[str, str]], str | None, str | None, str | None]] = [
    (
        PLAN,
        [PART_TARGETS],
        None,
        "到2030年，实现贸易自由便利、投资自由便利、资金跨境流动便利、人才从业便利、运输往来便利和数据安全有序流动。",
        "2030年までに、貿易の自由利便性・投資の自由利便性・資金のクロスボーダー流動の利便性・人材の就業の利便性・輸送往来の利便性およびデータの安全かつ秩序ある流動を実現する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_PARKS,
            item("10", "打造创业投资集聚区", "ベンチャーキャピタル集積区の構築"),
        ],
        "10",
        "探索赋予区内科创企业更多跨境金融选择权，逐步实现非金融企业外债项下完全可兑换。",
        "区内の科学技術イノベーション企業に対するさらに多くのクロスボーダー金融の選択権賦与を模索し、段階的に非金融企業の外債項目における完全な両替可能を実現する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_PARKS,
            item("11", "打造数字贸易发展引领区", "デジタル貿易発展先導区の構築"),
        ],
        "11",
        "推动数字证书、电子签名等的国际互认，试点数据跨境流动，建设国际信息产业和数字贸易港。",
        "デジタル証書・電子署名などの国際相互承認を推進し、データのクロスボーダー流動を試行し、国際情報産業およびデジタル貿易港を建設する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_PARKS,
            item("11", "打造数字贸易发展引领区", "デジタル貿易発展先導区の構築"),
        ],
        "11",
        "探索建立以软件实名认证、数据产地标签识别为基础的监管体系。",
        "ソフトウェアの実名認証・データ型産地ラベル識別を基礎とする監督管理体系の構築を模索する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_REFORM,
            item("17", "促进投资贸易自由化便利化", "投資貿易の自由化・利便化の促進"),
        ],
        "17",
        "支持在特定区域内试行跨境服务贸易负面清单管理模式，放宽跨境交付、境外消费、自然人移动等模式下的服务贸易市场准入限制。",
        "特定区域内におけるクロスボーダーサービス貿易のネガティブリスト管理モデルの試行を支持し、クロスボーダー提供・国外消費・自然人の移動などのモデルにおけるサービス貿易の市場参入制限を緩和する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_REFORM,
            item("17", "促进投资贸易自由化便利化", "投資貿易の自由化・利便化の促進"),
        ],
        "17",
        "利用区块链技术，建设京津冀通关物流数据共享平台，实现三地跨境贸易数据“上链”。",
        "ブロックチェーン技術を利用し、京津冀通関物流データ共有プラットフォームを構築し、三地域のクロスボーダー貿易データの「チェーン化」を実現する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_FACTORS,
            item("23", "推进资金跨境流动便利", "資金クロスボーダー流動利便化の推進"),
        ],
        "23",
        "探索开展本外币合一跨境资金池试点，对跨境资金流动实行双向宏观审慎管理。",
        "人民元・外貨一体型クロスボーダープーリング試行を実施し、クロスボーダー資金の流動に対して双方向マクロプルーデンス管理を実行することを模索する。",
    ),
    (
        PLAN,
        [
            PART_TASKS,
            SEC_FACTORS,
            item("23", "推进资金跨境流动便利", "資金クロスボーダー流動利便化の推進"),
        ],
        "23",
        "支持符合条件的外贸综合服务企业为跨境电商提供货物贸易外汇综合服务。",
        None,
    ),
    (
        NOTE,
        [item("1", "总则", "総則")],
        "1",
        "数据跨境流动应当遵守法律法规，保障数据安全。",
        "データのクロスボーダー流動は法令を遵守し、データの安全を確保しなければならない。",
    ),
]

GLOSSARY = [
    ("跨境", "zh", "クロスボーダー", "ja", 14, 0.93, "learned"),
    ("数据", "zh", "データ", "ja", 31, 0.88, "learned"),
    ("区块链", "zh", "ブロックチェーン", "ja", 3, 0.97, "curated"),
    ("贸易", "zh", "貿易", "ja", 40, 0.99, "folding"),
]


def mark(text: str, forms: list[str]) -> str:
    """Escape first, then wrap every occurrence of any form in <mark>."""
    spans: list[tuple[int, int]] = []
    for form in sorted(set(forms), key=len, reverse=True):
        start = text.find(form)
        while form and start >= 0:
            end = start + len(form)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(form, end)
    out, pos = [], 0
    for start, end in sorted(spans):
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class FakeEngine:
    """In-memory ``Engine``; ``documents`` and ``clauses`` keep document order."""

    def __init__(self) -> None:
        self.rows = []
        counters: dict[str, int] = {}
        for doc, path, number, zh, ja in CLAUSES:
            order = counters.get(doc["id"], 0)
            counters[doc["id"]] = order + 1
            self.rows.append(
                {
                    "id": f"{doc['id']}:{order:03d}",
                    "doc": doc,
                    "path": path,
                    "item": number,
                    "order": order,
                    "zh": zh,
                    "ja": ja,
                }
            )

    # -- helpers ----------------------------------------------------------------------------
    def entries(self, term: str) -> list[dict[str, Any]]:
        found = []
        for source, slang, target, tlang, count, score, origin in GLOSSARY:
            if term in (source, target):
                examples = [r["id"] for r in self.rows if r["zh"] and source in r["zh"]][:3]
                found.append(
                    {
                        "source": source,
                        "source_lang": slang,
                        "target": target,
                        "target_lang": tlang,
                        "count": count,
                        "score": score,
                        "origin": origin,
                        "examples": examples,
                    }
                )
        return found

    def hit(self, row: dict[str, Any], forms: list[str], score: float = 0.0) -> Hit:
        doc = {"id": row["doc"]["id"], "title": row["doc"]["title"]}
        sides = {
            lang: Side(row[lang], mark(row[lang], forms)) if row[lang] else None
            for lang in ("zh", "ja")
        }
        return Hit(
            row["id"], doc, row["path"], row["item"], row["order"], score, sides["zh"], sides["ja"]
        )

    # -- Engine -----------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        if len(request.q) > MAX_QUERY_CHARS:
            raise QueryError(f"query longer than {MAX_QUERY_CHARS} characters")
        terms = request.q.split()
        groups = [
            [t] + [e["target"] if e["source"] == t else e["source"] for e in self.entries(t)]
            for t in terms
        ]
        forms = [f for g in groups for f in g]

        def count(row: dict[str, Any], group: list[str]) -> int:
            return sum(((row["zh"] or "") + (row["ja"] or "")).count(f) for f in group)

        matched = [r for r in self.rows if groups and all(count(r, g) for g in groups)]
        fallback = False
        if groups and not matched:
            matched = [r for r in self.rows if any(count(r, g) for g in groups)]
            fallback = bool(matched) and len(groups) > 1
        doc_facets: dict[str, int] = {}
        for r in matched:
            doc_facets[r["doc"]["id"]] = doc_facets.get(r["doc"]["id"], 0) + 1
        if request.doc:
            matched = [r for r in matched if r["doc"]["id"] == request.doc]
        item_facets: dict[str, int] = {}
        for r in matched:
            if r["item"]:
                item_facets[r["item"]] = item_facets.get(r["item"], 0) + 1
        if request.item:
            matched = [r for r in matched if r["item"] == request.item]
        scored = [(float(sum(count(r, g) for g in groups)), r) for r in matched]
        if request.sort == "document":
            scored.sort(key=lambda sr: (sr[1]["doc"]["id"] != PLAN["id"], sr[1]["order"]))
        else:
            scored.sort(key=lambda sr: -sr[0])
        end = None if request.limit is None else request.offset + request.limit
        page = scored[request.offset : end]
        message = "empty query" if not terms else None
        if fallback:
            message = "no AND match; showing any term"
        expansions = [e for t in terms for e in self.entries(t)]
        return SearchResult(
            q=request.q,
            lang=request.lang,
            terms={"zh": [f for f in forms if not f.isascii()], "ja": []},
            fallback=fallback,
            total=len(matched),
            offset=request.offset,
            limit=request.limit,
            sort=request.sort,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            hits=[self.hit(r, forms, s) for s, r in page],
            facets={"doc": doc_facets, "item": item_facets},
            message=message,
            expansions=expansions,
        )

    def clause(self, clause_id: str) -> Hit | None:
        row = next((r for r in self.rows if r["id"] == clause_id), None)
        return self.hit(row, []) if row else None

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None:
        rows = [r for r in self.rows if r["doc"]["id"] == doc_id]
        if not rows:
            return None
        forms = []
        for t in (q or "").split():
            forms += [t] + [
                e["target"] if e["source"] == t else e["source"] for e in self.entries(t)
            ]
        return [self.hit(r, forms) for r in rows]

    def glossary(self, q: str) -> dict[str, Any]:
        terms = q.split() or [g[0] for g in GLOSSARY]
        return {"q": q, "entries": [e for t in terms for e in self.entries(t)]}

    def stats(self) -> dict[str, Any]:
        docs = []
        for doc in (PLAN, NOTE):
            rows = [r for r in self.rows if r["doc"] is doc]
            docs.append(
                {
                    **doc,
                    "clauses": len(rows),
                    "aligned": sum(1 for r in rows if r["zh"] and r["ja"]),
                }
            )
        return {
            "documents": docs,
            "clauses": len(self.rows),
            "index": {"built": "2026-01-01T00:00:00Z", "schema": 1},
        }
