"""Analyzer speed and reference-query recall on the seed corpus; prints figures, asserts nothing.

Speed: cold load (a fresh process importing both analyzers and analysing one string, timed
from outside so interpreter start-up counts) and throughput in chars/s of each analyzer in
index mode (positions + chars, as Whoosh indexes) beside raw `jieba.tokenize` and raw fugashi
parsing in the same run. Medians over `--repeat` runs, the rows timed in turn each run.

Recall: for each reference term, the corpus lines containing it are the relevant set; a
line matches when the query's tokens occur as a phrase in the line's tokens. Word phrases
(per-language analyzer) are compared with folded-bigram phrases, within a language and
across (a Chinese query against Japanese lines via folded forms, and back).

    .venv/bin/python bench/bench_analyzers.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.chinese import ChineseAnalyzer  # noqa: E402
from analyzers.detect import has_kana  # noqa: E402
from analyzers.folding import FoldedBigramAnalyzer, FoldFilter  # noqa: E402
from analyzers.japanese import JapaneseAnalyzer  # noqa: E402

ZH_TERMS = (
    "跨境 数据 区块链 知识产权 自动驾驶 仲裁 开源软件 负面清单 所得税 大兴国际机场 艺术品 "
    "单一窗口 外商投资"
)
JA_TERMS = (
    "クロスボーダー データ ブロックチェーン 知的財産権 自動運転 仲裁 オープンソースソフトウェア "
    "ネガティブリスト 所得税 大興国際空港 芸術品 単一窓口 外商投資"
)
COLD = (
    "import time; t=time.perf_counter();"
    "from analyzers.chinese import ChineseAnalyzer;"
    "from analyzers.japanese import JapaneseAnalyzer;"
    "from analyzers.folding import FoldedBigramAnalyzer;"
    "[list(a('数据贸易データ')) for a in (ChineseAnalyzer(), JapaneseAnalyzer(),"
    " FoldedBigramAnalyzer())];"
    "print(time.perf_counter()-t)"
)


def corpus() -> tuple[list[str], list[str]]:
    """Distinct non-empty lines of the seed files, split into (Chinese, Japanese) by kana."""
    lines = {
        ln.strip()
        for f in sorted((ROOT / "data").glob("0*.txt"))
        for ln in f.read_text(encoding="utf-8").splitlines()
        if ln.strip()
    }
    zh = sorted(ln for ln in lines if not has_kana(ln))
    ja = sorted(ln for ln in lines if has_kana(ln))
    return zh, ja


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cold_load(repeat: int) -> tuple[float, float]:
    """(in-process load+first use, whole process wall time), medians, in seconds."""
    inner, wall = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True
        )
        wall.append(time.perf_counter() - t)
        inner.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(inner), statistics.median(wall)


def throughput(zh: list[str], ja: list[str], repeat: int) -> None:
    import jieba
    from fugashi import Tagger

    from analyzers.chinese import segmenter

    tok, tagger = segmenter(), Tagger()
    zh_chars, ja_chars = sum(map(len, zh)), sum(map(len, ja))

    def run(analyzer, lines):
        return lambda: [
            (t.text, t.pos, t.startchar)
            for ln in lines
            for t in analyzer(ln, positions=True, chars=True, mode="index")
        ]

    rows = [
        ("raw jieba.tokenize", zh_chars, lambda: [list(tok.tokenize(ln)) for ln in zh]),
        ("raw jieba.dt.tokenize", zh_chars, lambda: [list(jieba.dt.tokenize(ln)) for ln in zh]),
        ("ChineseAnalyzer", zh_chars, run(ChineseAnalyzer(), zh)),
        ("raw fugashi", ja_chars, lambda: [[w.surface for w in tagger(ln)] for ln in ja]),
        ("raw fugashi+feature", ja_chars, lambda: [[w.feature for w in tagger(ln)] for ln in ja]),
        ("JapaneseAnalyzer", ja_chars, run(JapaneseAnalyzer(), ja)),
        ("FoldedBigram zh", zh_chars, run(FoldedBigramAnalyzer(), zh)),
        ("FoldedBigram ja", ja_chars, run(FoldedBigramAnalyzer(), ja)),
    ]
    for _, _, fn in rows:
        fn()  # warm caches (fold table, jieba lazy state, Japanese entry cache)
    # Round-robin: each repeat times every row once, so a burst of load from other
    # processes hits the raw libraries and the analyzers alike instead of one row.
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for name, _, fn in rows:
            times[name].append(median_time(fn, 1))
    rates = {}
    print(f"\n{'throughput (median of ' + str(repeat) + ')':<28}{'chars/s':>12}{'vs raw':>9}")
    for name, chars, _ in rows:
        rates[name] = chars / statistics.median(times[name])
        raw = rates["raw jieba.tokenize"] if "zh" in name or "Chinese" in name else None
        raw = rates.get("raw fugashi") if raw is None and "raw" not in name else raw
        ratio = f"{raw / rates[name]:.2f}x" if raw and "raw" not in name else ""
        print(f"  {name:<26}{rates[name]:>12,.0f}{ratio:>9}")
    print("  (vs raw = raw library chars/s ÷ analyzer chars/s; target ≤ 2x)")


def token_positions(analyzer, text: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for t in analyzer(text, positions=True, mode="index"):
        out[t.text].add(t.pos)
    return out


def phrase_in(query: list[str], doc: dict[str, set[int]]) -> bool:
    if not query or query[0] not in doc:
        return False
    return any(all(p + i in doc.get(w, ()) for i, w in enumerate(query)) for p in doc[query[0]])


def recall(zh: list[str], ja: list[str]) -> None:
    fields = {
        "zh word": ChineseAnalyzer() | FoldFilter(),
        "ja word": JapaneseAnalyzer() | FoldFilter(),
        "bigram": FoldedBigramAnalyzer(),
    }
    docs = {
        (name, lang): [token_positions(a, ln) for ln in lines]
        for name, a in fields.items()
        for lang, lines in (("zh", zh), ("ja", ja))
    }
    print("\nreference queries: matched relevant/relevant (+false matches); word vs bigram phrase")
    head = "".join(f"{h:>10}" for h in ("zh word", "zh bigr", "ja word", "ja bigr"))
    print(f"  {'query':<16}{'lang':<6}{head}")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for zt, jt in zip(ZH_TERMS.split(), JA_TERMS.split(), strict=True):
        for term, lang in ((zt, "zh"), (jt, "ja")):
            cells = []
            for doc_lang, lines, rel_term in (("zh", zh, zt), ("ja", ja, jt)):
                for kind in ("word", "bigram"):
                    field = f"{lang} word" if kind == "word" else "bigram"
                    q = [t.text for t in fields[field](term, mode="query")]
                    dl = "zh word" if doc_lang == "zh" else "ja word"
                    dd = docs[(dl if kind == "word" else "bigram", doc_lang)]
                    hit = [phrase_in(q, d) for d in dd]
                    rel = [rel_term in ln for ln in lines]
                    tp = sum(h and r for h, r in zip(hit, rel, strict=True))
                    fp = sum(h and not r for h, r in zip(hit, rel, strict=True))
                    cells.append(f"{tp}/{sum(rel)}" + (f"+{fp}" if fp else ""))
                    key = f"{lang}→{doc_lang} {kind}"
                    totals[key][0] += tp
                    totals[key][1] += sum(rel)
                    totals[key][2] += fp
            print(f"  {term:<16}{lang:<6}" + "".join(f"{c:>10}" for c in cells))
    print("\n  totals (matched/relevant, false):")
    for key, (tp, n, fp) in sorted(totals.items()):
        print(f"    {key:<18}{tp:>4}/{n:<4} recall {tp / max(n, 1):5.0%}  false {fp}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    zh, ja = corpus()
    print(
        f"seed corpus: {len(zh)} zh lines ({sum(map(len, zh)):,} chars), "
        f"{len(ja)} ja lines ({sum(map(len, ja)):,} chars)"
    )
    inner, wall = cold_load(max(3, args.repeat // 2))
    print(
        f"cold load, both analyzers + bigrams ready: {inner:.2f} s in-process, "
        f"{wall:.2f} s from process start (target ≤ 1.5 s)"
    )
    throughput(zh, ja, args.repeat)
    recall(zh, ja)


if __name__ == "__main__":
    main()
