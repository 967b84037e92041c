"""Alignment accuracy on the hand-checked fixture pair (reordered, merged, split, omitted).

Prints link precision / recall / F1 of the aligner against `align_gold.tsv`, beside the
target and two baselines: the aligner before merge guards and reorder pairing, and the
same DP on length alone (no lexical evidence).
Run: `.venv/bin/python bench/bench_align.py`.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from indexer.ingest import align as align_module
from indexer.ingest import similarity as sim
from indexer.ingest.align import align

FIX = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "fixtures"
TARGET_F1 = 0.9


def load() -> tuple[list[str], list[str], set[tuple[int, int]]]:
    zh = (FIX / "align.zh.txt").read_text(encoding="utf-8").split("\n")[:-1]
    ja = (FIX / "align.ja.txt").read_text(encoding="utf-8").split("\n")[:-1]
    gold = set()
    for line in (FIX / "align_gold.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        z, _, j = line.partition("\t")
        gold |= {(int(a), int(b)) for a in z.split(",") if a for b in j.split(",") if b}
    return zh, ja, gold


def links(zh: list[str], ja: list[str]) -> set[tuple[int, int]]:
    return {(i, j) for b in align(zh, ja, sim.DEFAULT_RATIO) for i in b.zh for j in b.ja}


def score(found: set, gold: set) -> tuple[float, float, float]:
    p = len(found & gold) / max(1, len(found))
    r = len(found & gold) / max(1, len(gold))
    return p, r, 2 * p * r / max(1e-9, p + r)


def main() -> None:
    zh, ja, gold = load()
    p, r, f = score(links(zh, ja), gold)
    with mock.patch.multiple(align_module, UNSUPPORTED_PART=0.0, WEAK=0.0, REORDER_MIN=9.0):
        op, o_r, of = score(links(zh, ja), gold)
    sim.features.cache_clear()
    with mock.patch.object(sim, "_content", lambda fz, fj, zh, ja: 0.0):
        bp, br, bf = score(links(zh, ja), gold)
    print(f"links  precision {p:.2f} recall {r:.2f} F1 {f:.2f}  (target F1 ≥ {TARGET_F1})")
    print(f"baseline, previous aligner: precision {op:.2f} recall {o_r:.2f} F1 {of:.2f}")
    print(f"baseline, length only: precision {bp:.2f} recall {br:.2f} F1 {bf:.2f}")


if __name__ == "__main__":
    main()
