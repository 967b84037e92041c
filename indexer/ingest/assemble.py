"""Put a document together: choose each part's source per language, align, make records.

Per language and per top-level part (the reply letter, each attachment) the part comes
from the highest-priority source that has it, so a clean single-language file can replace
the noisy half of a bilingual extraction without losing what only the latter contains.
Clauses are then grouped into runs under the same heading path (the same labels in both
languages) and each run is aligned on its own, so an alignment error cannot spread past
a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.langs import LANGS
from indexer.ingest.clauses import RecordBuilder, Unaligned, describe
from indexer.ingest.similarity import estimate_ratio
from indexer.ingest.structure import Outline, Path, Piece, Side
from indexer.records import Clause, Document

RunKey = tuple[Path, int]  # a heading path and which run under it (0 = first)


@dataclass(frozen=True)
class Assembled:
    """A document's clause records, what stayed unaligned and the length ratio used."""

    clauses: tuple[Clause, ...]
    unaligned: tuple[Unaligned, ...]
    ratio: float


def choose_sides(outlines: list[tuple[str, str, Outline]]) -> dict[str, dict[Path, Side]]:
    """Per language, top-level part → Side from the first (best) source that has it.

    `outlines` are (source file, language, outline) in priority order, best first.
    """
    chosen: dict[str, dict[Path, Side]] = {lang: {} for lang in LANGS}
    for source, lang, outline in outlines:
        tops: dict[Path, list[Piece]] = {}
        for piece in outline.pieces:
            tops.setdefault(piece.path[:1], []).append(piece)
        for top, pieces in tops.items():
            if top not in chosen[lang]:
                chosen[lang][top] = Side(source, tuple(pieces), outline.titles)
    return chosen


def _runs(sides: dict[Path, Side]) -> dict[RunKey, list[Piece]]:
    """Consecutive pieces under one path, keyed by path and occurrence, in document order."""
    runs: dict[RunKey, list[Piece]] = {}
    for top in sorted(sides, key=lambda t: (t[0].level != "letter", t[0].number)):
        seen: dict[Path, int] = {}
        previous: Path | None = None
        for piece in sides[top].pieces:
            if piece.path != previous:
                seen[piece.path] = seen.get(piece.path, -1) + 1
                previous = piece.path
            runs.setdefault((piece.path, seen[piece.path]), []).append(piece)
    return runs


def merge_orders(first: list[RunKey], second: list[RunKey]) -> list[RunKey]:
    """Union of two orders: `first` as is, items only in `second` after their predecessor."""
    result = list(first)
    present = set(first)
    previous: RunKey | None = None
    for key in second:
        if key not in present:
            at = result.index(previous) + 1 if previous is not None else 0
            result.insert(at, key)
            present.add(key)
        previous = key
    return result


def assemble(document: Document, chosen: dict[str, dict[Path, Side]]) -> Assembled:
    """Align every run of the document and build its clause records in document order."""
    zh_runs, ja_runs = _runs(chosen["zh"]), _runs(chosen["ja"])
    ratio = estimate_ratio(
        (_text(zh_runs[k]), _text(ja_runs[k])) for k in zh_runs if k in ja_runs and k[0]
    )
    builder = RecordBuilder(document, chosen, ratio)
    for key in merge_orders(list(zh_runs), list(ja_runs)):
        builder.add_run(key[0], zh_runs.get(key, []), ja_runs.get(key, []))
    return Assembled(tuple(builder.clauses), tuple(builder.unaligned), round(ratio, 3))


def _text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.kind == "text")


__all__ = ["Assembled", "Side", "Unaligned", "assemble", "choose_sides", "describe", "merge_orders"]
