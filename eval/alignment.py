"""Alignment quality, measured outside the product: real outside pairs and damaged pairs.

Two measurements of link precision, recall and F1:

- Outside pairs (`tests/ingest/outside/`, see its SOURCES.md): public Chinese and
  Japanese translations of one text, kept as the two plain files a user would add, and a
  gold alignment written by reading them (`*.gold.tsv`). Each pair is added with
  `taiyaku add`'s code into a scratch data folder, unedited, and the clause records it
  makes are scored: a sentence of the gold is in a record when its snippet lies inside
  the record's text, and a record links every zh sentence in it with every ja sentence in
  it. Pairs are `dev` (looked at while the aligner was tuned) or `held-out` (measured at
  the end only), printed apart.
- Damaged pairs: aligned pairs (e.g. the seed document's) cut into runs, as a heading
  would cut them, each run written as a Chinese and a Japanese list of sentences and then
  damaged the way real sources are: one side omits a sentence, merges two neighbours,
  splits one at a comma, or swaps two neighbours. Every line remembers which original
  pairs it holds, so the true links are known.

Run: `python -m eval.alignment` (all outside pairs) or `python -m eval.alignment --dev`.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.ingest.sentence_align import align
from indexer.ingest.similarity import DEFAULT_RATIO
from indexer.records import Clause

PERTURBATIONS = ("omit", "merge", "split", "swap")
_COMMAS = {"zh": "，；、", "ja": "、，；"}


@dataclass(frozen=True)
class Line:
    """One sentence of a generated text and the original pairs it holds."""

    text: str
    ids: frozenset[int]


@dataclass(frozen=True)
class Case:
    """A generated run: both sides' lines and the links that are true."""

    zh: tuple[Line, ...]
    ja: tuple[Line, ...]

    @property
    def gold(self) -> set[tuple[int, int]]:
        return {
            (i, j) for i, z in enumerate(self.zh) for j, x in enumerate(self.ja) if z.ids & x.ids
        }


def perturb(pairs: Sequence[tuple[str, str]], rng: random.Random) -> Case:
    """The pairs as two texts, each perturbation applied once, on a random side."""
    sides = {
        "zh": [Line(z, frozenset([k])) for k, (z, _) in enumerate(pairs)],
        "ja": [Line(j, frozenset([k])) for k, (_, j) in enumerate(pairs)],
    }
    for op in PERTURBATIONS:
        lang = rng.choice(("zh", "ja"))
        _apply(op, sides[lang], lang, rng)
    return Case(tuple(sides["zh"]), tuple(sides["ja"]))


def _apply(op: str, lines: list[Line], lang: str, rng: random.Random) -> None:
    if len(lines) < 3:
        return
    k = rng.randrange(len(lines) - 1)
    if op == "omit":
        del lines[k]
    elif op == "merge":
        a, b = lines[k], lines.pop(k + 1)
        lines[k] = Line(a.text + b.text, a.ids | b.ids)
    elif op == "swap":
        lines[k], lines[k + 1] = lines[k + 1], lines[k]
    else:
        order = list(range(len(lines)))
        rng.shuffle(order)
        for at in order:
            halves = _halves(lines[at].text, lang)
            if halves:
                lines[at : at + 1] = [Line(h, lines[at].ids) for h in halves]
                return


def _halves(text: str, lang: str) -> tuple[str, str] | None:
    """The text cut after the comma nearest its middle, if both halves have some length."""
    cuts = [i + 1 for i, c in enumerate(text) if c in _COMMAS[lang]]
    cuts = [c for c in cuts if 6 <= c <= len(text) - 6]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: abs(c - len(text) / 2))
    return text[:cut], text[cut:]


def cases(
    pairs: Sequence[tuple[str, str]], run: int = 10, seeds: Sequence[int] = (0,)
) -> list[Case]:
    """Runs of `run` consecutive pairs, each perturbed once per seed."""
    out = []
    for seed in seeds:
        rng = random.Random(seed)
        for start in range(0, len(pairs) - run + 1, run):
            out.append(perturb(pairs[start : start + run], rng))
    return out


Aligner = Callable[[list[str], list[str], float], list]


def links(case: Case, aligner: Aligner = align, ratio: float = DEFAULT_RATIO) -> set:
    """The (zh line, ja line) links the aligner makes on a case."""
    beads = aligner([z.text for z in case.zh], [j.text for j in case.ja], ratio)
    return {(i, j) for b in beads for i in b.zh for j in b.ja}


def score(found: set, gold: set) -> tuple[float, float, float]:
    """Link precision, recall and F1."""
    hit = len(found & gold)
    p, r = hit / max(1, len(found)), hit / max(1, len(gold))
    return p, r, 2 * p * r / max(1e-9, p + r)


def evaluate(
    all_cases: Sequence[Case], aligner: Aligner = align, ratio: float = DEFAULT_RATIO
) -> tuple[float, float, float]:
    """Micro-averaged link precision, recall, F1 over the cases."""
    found: set = set()
    gold: set = set()
    for n, case in enumerate(all_cases):
        found |= {(n, *x) for x in links(case, aligner, ratio)}
        gold |= {(n, *x) for x in case.gold}
    return score(found, gold)


OUTSIDE = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "outside"
# name -> "dev" (looked at while tuning) or "held-out" (measured at the end only)
PAIRS = {"ingress-nginx": "dev", "sidecar": "dev", "covenant": "held-out"}


def squash(text: str) -> str:
    """Text as the gold and the records are compared: normalised, without whitespace."""
    from indexer.ingest.decoding import clean

    return "".join(clean(text).split())


@dataclass(frozen=True)
class Outcome:
    """One outside pair's figures."""

    name: str
    split: str
    records: int
    unaligned: int
    gold: int
    found: int
    hit: int

    @property
    def prf(self) -> tuple[float, float, float]:
        p, r = self.hit / max(1, self.found), self.hit / max(1, self.gold)
        return p, r, 2 * p * r / max(1e-9, p + r)


def gold_rows(path: Path) -> list[tuple[list[str], list[str]]]:
    """(zh snippets, ja snippets) per bead; "-" is an empty side."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            zh, ja = line.split("\t")
            rows.append(tuple([] if x.strip() == "-" else x.split(" | ") for x in (zh, ja)))
    return rows  # type: ignore[return-value]


def _positions(text: str, snippets: list[list[str]], what: str) -> list[list[int]]:
    """Where each row's snippets start in `text`, each searched after the end of the
    previous one (a heading 永久封禁 is not the end of the sentence before it)."""
    out, at = [], 0
    for row in snippets:
        found = []
        for snippet in row:
            key = squash(snippet)
            i = text.find(key, at)
            if i < 0:
                raise ValueError(f"{what}: snippet not found in order: {snippet}")
            found.append(i)
            at = i + len(key)
        out.append(found)
    return out


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Where each record's side lies in `text`: from its start to its end, in order."""
    spans, at = [], 0
    for piece in pieces:
        key = squash(piece)
        if not key:
            spans.append((-1, -1))
            continue
        head, tail = key[:8], key[-8:]
        start = text.find(head, at)
        start = start if start >= 0 else text.find(head)
        end = text.find(tail, start) + len(tail) if start >= 0 else -1
        spans.append((start, end) if start >= 0 and end >= start else (-1, -1))
        at = max(at, end)
    return spans


def score_pair(zh_text: str, ja_text: str, rows, clauses: list[Clause]) -> tuple[set, set]:
    """Gold and found links between gold sentences, (zh row.k, ja row.k) pairs."""
    zh, ja = squash(zh_text), squash(ja_text)
    zpos = _positions(zh, [r[0] for r in rows], "zh")
    jpos = _positions(ja, [r[1] for r in rows], "ja")
    gold = {(z, j) for zs, js in zip(zpos, jpos, strict=True) for z in zs for j in js}
    zunits = sorted(p for ps in zpos for p in ps)
    junits = sorted(p for ps in jpos for p in ps)
    zspans = _spans(zh, [c.zh for c in clauses])
    jspans = _spans(ja, [c.ja for c in clauses])
    found = set()
    for c, (zs, ze), (js, je) in zip(clauses, zspans, jspans, strict=True):
        if c.zh and c.ja:
            inz = [u for u in zunits if zs <= u < ze]
            inj = [u for u in junits if js <= u < je]
            found |= {(z, j) for z in inz for j in inj}
    return gold, found


def add_pair(name: str, folder: Path = OUTSIDE):
    """The pair added as a user would, unedited, into a scratch data folder (`Added`)."""
    from indexer.ingest.adding import add_document

    with tempfile.TemporaryDirectory() as tmp:
        files = [folder / f"{name}.zh.txt", folder / f"{name}.ja.txt"]
        return add_document(Path(tmp), files, name, {})


def run_pair(name: str, split: str, folder: Path = OUTSIDE, added=None) -> Outcome:
    """Add the pair (unless given as `added`) and score its records against the gold."""
    added = added or add_pair(name, folder)
    zh, ja = ((folder / f"{name}.{lang}.txt").read_text("utf-8") for lang in ("zh", "ja"))
    gold, found = score_pair(zh, ja, gold_rows(folder / f"{name}.gold.tsv"), list(added.clauses))
    unaligned = len(added.report.unaligned)
    return Outcome(
        name, split, len(added.clauses), unaligned, len(gold), len(found), len(gold & found)
    )


def main(argv: list[str] | None = None) -> None:
    """Print the per-pair table, dev and held-out apart."""
    parser = argparse.ArgumentParser(prog="python -m eval.alignment", description=__doc__)
    parser.add_argument("--dev", action="store_true", help="only the pairs tuned on")
    args = parser.parse_args(argv)
    print(
        f"{'pair':16} {'split':9} {'records':>7} {'unaligned':>9} {'gold':>5} "
        f"{'found':>5} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for split in ("dev", "held-out"):
        if args.dev and split != "dev":
            continue
        for name in (n for n, s in PAIRS.items() if s == split):
            o = run_pair(name, split)
            p, r, f = o.prf
            print(
                f"{o.name:16} {o.split:9} {o.records:>7} {o.unaligned:>9} {o.gold:>5} "
                f"{o.found:>5} {p:6.3f} {r:6.3f} {f:6.3f}"
            )


if __name__ == "__main__":
    main()
