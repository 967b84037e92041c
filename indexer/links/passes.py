"""The link model's passes: what runs on a pair's word cells after the aligner, in order.

Each pass is a named step with a contract (the first paragraph of its function's
docstring), and an ablation switch: `learn_links(skip={name})` leaves it out, as a letter
leaves out an evidence source. `bench/bench_passes.py` prints what each is worth.

A pass takes the pair's cells ((zh word, ja word) → (confidence, evidence codes)) and the
pair's context, and changes the cells in place. Passes marked `aligner` run only where
the aligner ran (both sides have words and the aligner is not switched off): they read
its posteriors or mend its guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from indexer.links.pair_words import PairTokens
from indexer.links.priors import Cell

Cells = dict[Cell, tuple[float, str]]


@dataclass
class Pair:
    """What a pass may read: the pair's words, its evidence codes, and the aligner's
    posteriors in both directions (None when the aligner is off)."""

    p: PairTokens
    codes: dict[Cell, str]
    forward: Any = None  # (ja words, 1 + zh words)
    backward: Any = None  # (zh words, 1 + ja words)


@dataclass(frozen=True)
class Pass:
    """One named step: `fn` is the function whose docstring is the contract, `run` calls
    it on (cells, pair)."""

    name: str
    fn: Callable[..., Any]
    run: Callable[[Cells, Pair], Any]
    aligner: bool = False

    @property
    def contract(self) -> str:
        """The first paragraph of the pass's docstring."""
        return " ".join((self.fn.__doc__ or "").strip().split("\n\n")[0].split())


def run_passes(passes: tuple[Pass, ...], cells: Cells, pair: Pair, skip: frozenset[str]) -> Cells:
    """Run the passes not in `skip` in order; the aligner's passes only where it ran."""
    aligned = pair.forward is not None and bool(pair.p.zh.keys) and bool(pair.p.ja.keys)
    for step in passes:
        if step.name in skip or (step.aligner and not aligned):
            continue
        out = step.run(cells, pair)
        if isinstance(out, dict):
            cells = out
    return cells
