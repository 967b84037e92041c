"""Words left unlinked, placed by the sentence: by their clause, or by their twin.

`one_left`: the one word left in a clause and the one word left where that clause is
translated.

Model 1 pairs words by how often they meet; a verb rendered many ways (提升 ↔ 引き上げる,
开展 ↔ 実施) meets each rendering too rarely to be learned, and a Japanese verb stands
after its object, far from the neighbours `repair.stray` and the leftover pairing look
beside. A clause is translated as a unit, though: when every content word of a Chinese
clause but one is linked, and the stretch of Japanese those links reach (`SPAN_JA` words
either side) leaves one run of content words no link explains, the two translate each
other (提升外汇资金结算效率 ↔ 外貨資金決済の効率を引き上げる). A guess by place:
probable (code a); a curated `!` entry blocks it.

Not left over: a Japanese word touching a linked word (経済 of 経済|貿易, linked to 经贸:
the rest of that compound), nor one sharing its kanji with a Chinese function word of the
pair (対する for 对: grammar the aligner leaves unlinked). Development cases: recall and
wrong marks unchanged (held out: recall +6 cases, wrong marks +1). A one-character word
touching a linked word (性 of 利便性) is that word's suffix: not a candidate at all, so
that 基本健全 ↔ 基本的に整備 finds 整備 beside two 利便性 (development cases: recall
+1, held out: recall +2 cases, wrong marks unchanged).
"""

from __future__ import annotations

import re
from itertools import pairwise

from indexer.links.pair_words import PairTokens, Side
from indexer.links.priors import Cell
from indexer.links.repair import SPAN_JA

Cells = dict[Cell, tuple[float, str]]
CLAUSE_END = re.compile(r"[，。；：！？,;:!?]")  # 、 joins items of one clause


def clauses(s: Side) -> list[list[int]]:
    """The word indices of each clause of a side, split at clause punctuation."""
    out: list[list[int]] = [[]]
    for w in range(len(s.spans)):
        if w and CLAUSE_END.search(s.text[s.spans[w - 1][1] : s.spans[w][0]]):
            out.append([])
        out[-1].append(w)
    return [c for c in out if c]


def one_left(cells: Cells, codes: dict[Cell, str], p: PairTokens) -> None:
    """Pair each clause's one unlinked content word with the one run of unlinked content
    words in the stretch of Japanese its other words' links reach (after `one_run_each`:
    a word's second, dropped counterpart is free again)."""
    by_zh: dict[int, list[int]] = {}
    for i, k in cells:
        by_zh.setdefault(i, []).append(k)
    done = {k for _, k in cells}
    grammar = {k for (i, k), cs in codes.items() if p.zh.function[i] and set(cs) & {"I", "K"}}
    for clause in clauses(p.zh):
        free = [i for i in clause if i not in by_zh and not p.zh.function[i]]
        reached = [k for i in clause for k in by_zh.get(i, [])]
        if len(free) != 1 or len(p.zh.keys[free[0]]) < 2 or not reached:
            continue
        i = free[0]
        lo, hi = min(reached) - SPAN_JA, max(reached) + SPAN_JA
        left = [
            k
            for k in range(max(lo, 0), min(hi + 1, len(p.ja.keys)))
            if k not in done
            and k not in grammar
            and not p.ja.function[k]
            and not _suffix(p.ja, k, done)
        ]
        if not left or not _one_term(p.ja, left, done):
            continue
        if any("X" in codes.get((i, k), "") for k in left):
            continue
        for k in left:
            cells[i, k] = (0.0, codes.get((i, k), "") + "a")
            done.add(k)
        by_zh[i] = left


def _one_term(s: Side, run: list[int], done: set[int]) -> bool:
    """Whether `run` is consecutive touching words (トップ|レベル) and touches no linked
    word (else it is the rest of that word's compound)."""
    touch = lambda a, b: s.spans[a][1] == s.spans[b][0]  # noqa: E731
    if any(b != a + 1 or not touch(a, b) for a, b in pairwise(run)):
        return False
    first, last = run[0], run[-1]
    before = first > 0 and first - 1 in done and touch(first - 1, first)
    after = last + 1 < len(s.spans) and last + 1 in done and touch(last, last + 1)
    return not (before or after)


def _suffix(s: Side, k: int, done: set[int]) -> bool:
    """Whether word `k` is one character touching a linked word: its suffix or prefix
    (性 of 利便性, 化 of 最適化), no word of its own."""
    a, b = s.spans[k]
    return b - a == 1 and any(
        n in done and (s.spans[n][1] == a or s.spans[n][0] == b)
        for n in (k - 1, k + 1)
        if 0 <= n < len(s.spans)
    )
