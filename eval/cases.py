"""Hand-checked spotting cases: the outside sources' `cases.tsv` and the seed's JSON Lines.

`cases.tsv` is written by hand, one case a line, tab-separated:

    draw  dir  pair  term  counterpart  kind  note

- `draw`: the draw number of `python -m eval.draw` for a random case, `-` for a hard one;
- `dir`: `zh2ja` (the term is in the pair's Chinese, its rendering in the Japanese) or
  `ja2zh`;
- `pair`: the pair's id in the source's `pairs.tsv`;
- `term`: an exact substring of the source side, as a user would type it;
- `counterpart`: the exact substring(s) of the other side that translate it, `|` between
  pieces or alternatives; `-` when the translation leaves the term out;
- `kind`: `random`, or a hard kind: `name` (a person or place), `loanword` (a katakana
  word, a transliteration), `rare` (a word seen once or twice in the source), `omitted`
  (the translation leaves it out), `idiom` (rendered by a paraphrase);
- `note`: free text.
Lines starting with `#` are comments. The seed document's cases (`tests/spotting/`) keep
their JSON Lines format and are read here in the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from eval.sources import SOURCES, read_pairs
from indexer.ingest.decoding import clean
from settings import PROJECT_ROOT

SEED_CASES = (
    PROJECT_ROOT / "tests" / "spotting" / "cases.jsonl",
    PROJECT_ROOT / "tests" / "spotting" / "cases_unseen.jsonl",
)
KINDS = frozenset({"random", "name", "loanword", "rare", "omitted", "idiom"})


@dataclass(frozen=True)
class Case:
    """One spotting case: search `term` in `lang`; `counterpart` spans must be marked."""

    source: str
    dir: str
    pair: str  # the clause id in the index
    term: str
    counterpart: tuple[str, ...]
    kind: str
    note: str = ""

    @property
    def src_lang(self) -> str:
        return self.dir[:2]

    @property
    def dst_lang(self) -> str:
        return self.dir[3:]


def clause_id(source: str, pair: str) -> str:
    """The id a case names its pair by: `SOURCE.u.ID`, as `taiyaku add` names a table row
    with a short id column. A row whose id the ingester does not keep (over 40 characters)
    gets another clause id: `eval.runner.Asker` finds it by the row's order instead."""
    return f"{source}.u.{pair}"


def read_cases(source: str) -> list[Case]:
    """The hand-checked cases of an outside source, checked against its pairs."""
    path = SOURCES[source].cases_file
    if not path.is_file():
        return []
    pairs = read_pairs(source)
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), ""][:7]
        _, direction, pair, term, cps, kind, note = (c.strip() for c in cells)
        where = f"{path}:{n}"
        if direction not in ("zh2ja", "ja2zh") or kind not in KINDS:
            raise ValueError(f"{where}: bad direction or kind: {direction!r} {kind!r}")
        if pair not in pairs:
            raise ValueError(f"{where}: no pair {pair!r} in {source}")
        src, dst = (clean(x) for x in (pairs[pair] if direction == "zh2ja" else pairs[pair][::-1]))
        term = clean(term)  # the index holds normalised text (NFKC): so do the cases
        counterpart = () if cps == "-" else tuple(clean(c) for c in cps.split("|"))
        if term not in src or any(c not in dst for c in counterpart):
            raise ValueError(f"{where}: {term!r} or {counterpart} not in the pair's text")
        out.append(Case(source, direction, clause_id(source, pair), term, counterpart, kind, note))
    return out


def read_seed_cases() -> list[Case]:
    """The seed document's cases (in-sample: the spotting rules were grown on them)."""
    out = []
    for path in SEED_CASES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                kind = c.get("kind", "random")
                out.append(
                    Case("seed", c["dir"], c["pair"], c["term"], tuple(c["counterpart"]), kind)
                )
    return out
