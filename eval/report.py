"""The tables `python -m eval` prints: figures per source, kind and direction; stability."""

from __future__ import annotations

from collections.abc import Iterable

from eval.cases import Case, read_cases, read_seed_cases
from eval.metrics import Tally, wilson
from eval.runner import Asker, built_index, tally
from eval.sources import SOURCES

COLUMNS = ("recall", "wrong", "sure recall", "sure precision", "probable precision")


def load_cases(sources: Iterable[str], seed: bool, limit: int = 0) -> list[Case]:
    """The cases of `sources` (and the seed's when `seed`), the first `limit` of each."""
    groups = [read_cases(s) for s in sources] + ([read_seed_cases()] if seed else [])
    return [c for g in groups for c in (g[:limit] if limit else g)]


def _cell(k: int, n: int) -> str:
    if n == 0:
        return f"{'–':>22}"
    lo, hi = wilson(k, n)
    return f"{k / n:6.1%} [{lo:5.1%},{hi:6.1%}]".rjust(22)


def _label(source: str) -> str:
    if source == "seed":
        return "seed (in-sample)"
    return f"{source} ({SOURCES[source].split})"


def table(title: str, rows: dict[str, Tally]) -> None:
    """One table: a row per group with every figure and its interval."""
    print(f"\n{title}")
    print(f"  {'':<28}{'n':>5}" + "".join(f"{c:>22}" for c in COLUMNS) + "  no pair")
    for name, t in rows.items():
        cells = "".join(_cell(*t.figures()[c]) for c in COLUMNS)
        print(f"  {name:<28}{t.cases:>5}{cells}  {t.pair_missing:>7}")


def full(indexed: list[str], cases: list[Case], misses: bool = False) -> dict[str, Tally]:
    """Build once with every indexed source and print the figures."""
    with built_index(indexed) as index:
        asker = Asker(index)
        by_source = tally(asker, cases)
        table(
            "per source (recall over cases with a rendering; wrong = cases carrying a wrong"
            " mark; precision over marks; Wilson 95% intervals)",
            {_label(s): t for s, t in by_source.items()},
        )
        for source in by_source:
            mine = [c for c in cases if c.source == source]
            table(f"{_label(source)} by kind", tally(asker, mine, key=lambda c: c.kind))
            table(f"{_label(source)} by direction", tally(asker, mine, key=lambda c: c.dir))
        if misses:  # never a held-out source's: its failures are read only for the final note
            for source, t in by_source.items():
                if source in SOURCES and SOURCES[source].split != "dev":
                    continue
                print(f"\nmisses and wrong marks: {_label(source)}")
                for m in t.misses:
                    c = m["case"]
                    gold = "|".join(c.counterpart) or "-"
                    print(
                        f"  {m['why']:<6} {c.dir} {c.pair} {c.term} → {gold} [{c.kind}]"
                        f" marked: {', '.join(m['marked']) or 'nothing'}"
                    )
    return by_source


def stability(indexed: list[str], shown: list[str], cases: list[Case]) -> None:
    """How far each shown source's figures move when other sources are added: with each
    other source alone, and with every source, against the source with the seed only.
    "cases changed" counts the cases judged otherwise (found, found sure, wrong, marks of
    each kind): moves of opposite sign cancel in a figure, not there."""
    runs: dict[frozenset[str], dict[str, list[Tally]]] = {}

    def run(sources: frozenset[str]) -> dict[str, list[Tally]]:
        """Each case of the seed and `sources`, judged, in order, by source."""
        if sources not in runs:
            by: dict[str, list[Tally]] = {}
            with built_index(sorted(sources)) as index:
                asker = Asker(index)
                for c in cases:
                    if c.source in sources | {"seed"}:
                        by.setdefault(c.source, []).append(asker.judge(c))
            runs[sources] = by
        return runs[sources]

    print(
        "\nstability: each source's figures with other sources indexed, minus with the seed"
        " and that source only (points; target |Δ| ≤ 1)"
    )
    print(f"  {'':<34}" + "".join(f"{c:>20}" for c in COLUMNS) + "  cases changed")
    for s in ["seed", *shown]:
        mine = frozenset() if s == "seed" else frozenset({s})
        others = [o for o in indexed if o != s]
        settings = [(f"+ {o}", mine | {o}) for o in others] + [
            ("+ every source", frozenset(indexed))
        ]
        for label, sources in settings:
            base, more = run(mine).get(s), run(sources).get(s)
            if base and more:
                changed = sum(_outcome(a) != _outcome(b) for a, b in zip(more, base, strict=True))
                print(
                    f"  {_label(s) + ' ' + label:<34}"
                    + "".join(_delta(_sum(more), _sum(base), c) for c in COLUMNS)
                    + f"  {changed:>5} of {len(base)}"
                )


def _sum(judged: list[Tally]) -> Tally:
    total = Tally()
    for t in judged:
        total.add(t)
    return total


def _outcome(t: Tally) -> tuple[int, ...]:
    return (t.found, t.found_sure, t.wrong_cases, t.sure_marks, t.sure_right,
            t.probable_marks, t.probable_right)  # fmt: skip


def _delta(more: Tally, base: Tally, column: str) -> str:
    (k1, n1), (k2, n2) = more.figures()[column], base.figures()[column]
    return f"{100 * (k1 / n1 - k2 / n2):+.1f}".rjust(20) if n1 and n2 else f"{'–':>20}"
