"""A bilingual glossary learned from the aligned pairs, with curated entries that win.

Terms with no shared kanji (跨境 ↔ クロスボーダー, 数据 ↔ データ) can only be bridged by
evidence: the aligned clauses. For every Chinese word n-gram and Japanese word n-gram
that recur, we count in how many aligned pairs they occur together and score the
association with the Dice coefficient. Kanji folding is a strong prior (贸易 ↔ 貿易 is
right even when rare). Among nested Japanese candidates with the same evidence
(クロス, ボーダー, クロスボーダー) the longest wins, so a compound is looked up whole.

Identical pairs (the same clause repeated in several documents) are counted once:
repetition is not independent evidence, and it keeps learning linear in distinct text.

Curated entries live in `data/glossary.tsv` (`zh<TAB>ja` per line, `#` comments, a line
starting with `!` blocks a learned pair) and always win.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from analyzers import chinese, japanese
from analyzers.folding import fold
from indexer.records import Clause

MAX_N = {"zh": 3, "ja": 5}  # longest word n-gram considered per language
MIN_PAIR_COUNT = 2  # co-occurrences needed before a learned pair is believed
MIN_DICE = 0.35
MAX_TARGETS = 3
EXAMPLES = 3

Glossary = dict[str, dict[str, list[dict[str, Any]]]]  # lang -> source -> entries


def ngrams(text: str, lang: str) -> set[str]:
    """Surfaces of runs of 1..N adjacent content words (no particle or gap between them)."""
    words = (chinese.words if lang == "zh" else japanese.words)(text, mode="query")
    out: set[str] = set()
    for i in range(len(words)):
        end = words[i][2]
        out.add(text[words[i][1] : end])
        for j in range(i + 1, min(i + MAX_N[lang], len(words))):
            if words[j][1] != end:
                break
            end = words[j][2]
            out.add(text[words[i][1] : end])
    return {s for s in out if _worth(s)}


def _worth(s: str) -> bool:
    """Single kana or Han characters and bare numbers carry no terminology."""
    if len(s) < 2 and not ("\u4e00" <= s <= "\u9fff"):
        return False
    return not s.replace(".", "").replace(",", "").isdigit() and len(s) > 1


def learn(clauses: Sequence[Clause], curated: Path | None = None) -> Glossary:
    """Learn zh→ja and ja→zh equivalents from the aligned pairs (both sides non-empty)."""
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[str, set[str], set[str]]] = []
    for c in clauses:
        if c.zh and c.ja and (c.zh, c.ja) not in seen:
            seen.add((c.zh, c.ja))
            pairs.append((c.id, ngrams(c.zh, "zh"), ngrams(c.ja, "ja")))
    count = {"zh": Counter(), "ja": Counter()}
    for _, zs, js in pairs:
        count["zh"].update(zs)
        count["ja"].update(js)
    joint: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid, zs, js in pairs:
        zs = {z for z in zs if count["zh"][z] >= MIN_PAIR_COUNT}
        js = {j for j in js if count["ja"][j] >= MIN_PAIR_COUNT}
        for z in zs:
            for j in js:
                joint[z, j] += 1
                if len(examples[z, j]) < EXAMPLES:
                    examples[z, j].append(cid)
    gloss: Glossary = {"zh": {}, "ja": {}}
    by_source: dict[str, dict[str, list[tuple[str, int]]]] = {"zh": {}, "ja": {}}
    for (z, j), n in joint.items():
        if n >= MIN_PAIR_COUNT or fold(z) == fold(j):
            by_source["zh"].setdefault(z, []).append((j, n))
            by_source["ja"].setdefault(j, []).append((z, n))
    for lang, other in (("zh", "ja"), ("ja", "zh")):
        for src, cands in by_source[lang].items():
            entries = _choose(src, cands, count[lang][src], count[other], lang)
            for e in entries:
                key = (src, e["target"]) if lang == "zh" else (e["target"], src)
                e["examples"] = examples[key]
            if entries:
                gloss[lang][src] = entries
    apply_curated(gloss, curated)
    return gloss


def _choose(
    src: str, cands: list[tuple[str, int]], n_src: int, n_other: Counter, lang: str
) -> list[dict[str, Any]]:
    """Rank targets by Dice (folding match first) and drop nested ones that add nothing."""
    scored = []
    for tgt, n in cands:
        dice = 2 * n / (n_src + n_other[tgt])
        same = fold(src) == fold(tgt)
        if same or dice >= MIN_DICE:
            score = max(dice, 0.9) if same else dice
            scored.append((score, len(tgt), tgt, n, "folding" if same else "learned"))
    scored.sort(key=lambda s: (-round(s[0], 2), -s[1]))
    chosen: list[tuple[float, int, str, int, str]] = []
    for s in scored:
        if any(s[2] in c[2] and s[0] <= c[0] + 0.1 for c in chosen):
            continue  # a sub-span of a chosen compound with no better evidence
        if chosen and s[0] < 0.6 * chosen[0][0]:
            break
        chosen.append(s)
        if len(chosen) == MAX_TARGETS:
            break
    return [
        {"target": t, "count": n, "score": round(sc, 3), "origin": origin}
        for sc, _, t, n, origin in chosen
    ]


def read_curated(path: Path) -> Iterable[tuple[bool, str, str]]:
    """(blocked, zh, ja) for each non-comment line of a curated glossary file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        blocked = line.startswith("!")
        parts = line.lstrip("!").split("\t")
        if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
            yield blocked, parts[0].strip(), parts[1].strip()


def apply_curated(gloss: Glossary, path: Path | None) -> None:
    """Curated pairs go first in both directions; blocked pairs are removed."""
    if path is None or not path.is_file():
        return
    for blocked, zh, ja in read_curated(path):
        for lang, src, tgt in (("zh", zh, ja), ("ja", ja, zh)):
            entries = [e for e in gloss[lang].get(src, []) if e["target"] != tgt]
            if not blocked:
                entries.insert(
                    0, {"target": tgt, "count": 0, "score": 1.0, "origin": "curated", "examples": []}
                )
            if entries:
                gloss[lang][src] = entries
            else:
                gloss[lang].pop(src, None)


def save(gloss: Glossary, path: Path) -> None:
    path.write_text(json.dumps(gloss, ensure_ascii=False), encoding="utf-8")


def load(path: Path) -> Glossary:
    return json.loads(path.read_text(encoding="utf-8"))
