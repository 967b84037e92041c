"""What each recall mechanism is worth on the reference queries: an ablation, printed.

Runs tests/reference/public.json through the engine with the full expansion and with one
mechanism switched off at a time (folded character bigrams, the learned glossary, the
loose AND of a Chinese term's words), and prints the figures the tests assert: item
recall of the term queries, counterpart marking, on-topic share of the first ten hits,
nDCG@10 of the topics, variants reached. It is how "keep what wins" was decided.
Run: `.venv/bin/python bench/bench_reference.py` (builds the seed index in a temp dir).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from engine import SearchRequest, open_engine
from engine import expand as expand_mod
from indexer.pipeline import build
from settings import PROJECT_ROOT

REF = json.loads((PROJECT_ROOT / "tests/reference/public.json").read_text(encoding="utf-8"))
WS = re.compile(r"\s+")


def squash(s: str | None) -> str:
    return WS.sub("", s or "")


def side(hit, lang: str) -> tuple[str, list[str]]:
    """The side's text (no spaces) and its runs of touching marks, as text."""
    s = hit.zh if lang == "zh" else hit.ja
    if not s:
        return "", []
    runs: list[list[int]] = []
    for m in s.marks:
        if runs and m.start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], m.end)
        else:
            runs.append([m.start, m.end])
    return squash(s.text), [s.text[a:b] for a, b in runs]


def ndcg10(items: list[str | None], rel: dict[str, int]) -> float:
    seen: list[str] = []
    for it in items:
        if it is not None and it not in seen:
            seen.append(it)
    dcg = sum(rel.get(it, 0) / math.log2(i + 2) for i, it in enumerate(seen[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def measure(engine) -> dict[str, float]:
    recall, marked, p10 = [], [], []
    for t in REF["terms"]:
        for lang, other in (("zh", "ja"), ("ja", "zh")):
            hits = engine.search(SearchRequest(t[lang], limit=None)).hits
            want = set(t[f"{lang}_items"])
            recall.append(len(want & {h.item for h in hits}) / len(want))
            xs = [h for h in hits if t[other] in side(h, other)[0]]
            marked += [any(t[other] in squash(m) for m in side(h, other)[1]) for h in xs]
            top = hits[:10]
            ok = [h for h in top if t["zh"] in side(h, "zh")[0] or t["ja"] in side(h, "ja")[0]]
            p10.append(len(ok) / len(top) if top else 0.0)
    topics = [
        ndcg10([h.item for h in engine.search(SearchRequest(t["q"], limit=None)).hits], t["rel"])
        for t in REF["topics"]
    ]
    variants = [
        set(v["expect_items"])
        <= {h.item for h in engine.search(SearchRequest(v["q"], limit=None)).hits}
        for v in REF["variants"]
    ]
    return {
        "term_item_recall": round(sum(recall) / len(recall), 3),
        "counterpart_marked": round(sum(marked) / max(1, len(marked)), 3),
        "p10_min": round(min(p10), 2),
        "topics_ndcg10": round(sum(topics) / len(topics), 3),
        "variants_ok": f"{sum(variants)}/{len(variants)}",
    }


@contextmanager
def without(name: str):
    if name == "full":
        yield
        return
    # the loose AND becomes an OR of nothing (matches no clause); the others add nothing
    nothing = expand_mod.E.Or(()) if name == "loose" else []
    replacement = lambda *a, **k: nothing  # noqa: E731
    with mock.patch.object(expand_mod, f"_{name}", replacement):
        yield


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "index"
        build(PROJECT_ROOT / "data", root)
        engine = open_engine(root)
        print(f"{'switched off':<14} " + "  ".join(measure(engine)))
        for name in ("full", "ngrams", "glossary", "loose"):
            with without(name):
                figures = measure(engine)
            print(f"{name:<14} " + "  ".join(f"{v!s:>{len(k)}}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
