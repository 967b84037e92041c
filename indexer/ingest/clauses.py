"""Turn aligned runs into Clause records with stable ids, paths and unaligned reasons.

Ids are doc id + path codes + the clause's index under that path (e.g.
gh2020-123.a.3.2.11.4), so an unchanged source rebuilds to the same ids and permalinks
survive; a global counter would shift every id after a one-line edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.ingest.sentence_align import Bead, align
from indexer.ingest.similarity import similarity
from indexer.ingest.structure import LETTER, Path, Piece, Side
from indexer.records import Clause, Document, PathStep

HEADING_FLOOR = 0.5  # headings are paired by their numbers; content only adds to that


@dataclass(frozen=True)
class Unaligned:
    """A clause left without a counterpart, and why (for the corpus report)."""

    clause_id: str
    lang: str
    text: str
    reason: str


def describe(path: Path) -> str:
    """Where a run sits, for messages: 'item 23.', 'section （二）', 'the main text'.

    Any document's text outside attachments and numbered headings is its main text (a
    reply letter in the seed document, an article elsewhere): messages name no genre.
    """
    step = path[-1]
    if step.level in ("chapter", "division", "article", "paragraph", "subitem"):
        return f"{step.level} {step.label}"
    return {
        "letter": "the main text",
        "attachment": f"attachment {step.label}",
        "point": f"point {step.label}、",
        "part": f"part {step.label}、",
        "section": f"section {step.label}",
        "item": f"item {step.label}.",
    }[step.level]


class RecordBuilder:
    """Accumulates the records of one document, run by run."""

    def __init__(self, document: Document, chosen: dict[str, dict[Path, Side]], ratio: float):
        self.document = document
        self.chosen = chosen
        self.ratio = ratio
        self.clauses: list[Clause] = []
        self.unaligned: list[Unaligned] = []
        self.index: dict[Path, int] = {}

    def add_run(self, path: Path, zh: list[Piece], ja: list[Piece]) -> None:
        """Align a run: its leading headings by their order, then its text.

        Headings inside the text (a plain file's section titles, which carry no number to
        cut runs by) are aligned with it in document order, so records keep that order.
        """
        if _inner_headings(zh) or _inner_headings(ja):
            zs, js = [p.text for p in zh], [p.text for p in ja]
            for bead in align(zs, js, self.ratio):
                kinds = {zh[i].kind for i in bead.zh} | {ja[j].kind for j in bead.ja}
                kind = "heading" if kinds == {"heading"} else "text"
                self._record(path, kind, bead, zs, js, whole_side_missing=not zh or not ja)
            return
        for kind in ("heading", "text"):
            zs = [p.text for p in zh if p.kind == kind]
            js = [p.text for p in ja if p.kind == kind]
            beads = _pair_headings(zs, js, self.ratio) if kind == "heading" else None
            beads = beads if beads is not None else align(zs, js, self.ratio)
            for bead in beads:
                self._record(path, kind, bead, zs, js, whole_side_missing=not zh or not ja)

    def _record(self, path, kind, bead: Bead, zs, js, whole_side_missing: bool) -> None:
        n = self.index[path] = self.index.get(path, 0) + 1
        clause_id = ".".join([self.document.id, *(s.code for s in path), str(n)])
        zh = "".join(zs[i] for i in bead.zh)
        ja = "".join(js[i] for i in bead.ja)
        sources = {lang: self._source(lang, path) for lang, t in (("zh", zh), ("ja", ja)) if t}
        self.clauses.append(
            Clause(
                id=clause_id,
                doc_id=self.document.id,
                order=len(self.clauses),
                path=self._path_steps(path),
                kind=kind,
                zh=zh,
                ja=ja,
                confidence=bead.confidence,
                link=bead.link,
                sources=sources,
            )
        )
        if not zh or not ja:
            lang, text = ("zh", zh) if zh else ("ja", ja)
            other = "Japanese" if lang == "zh" else "Chinese"
            if whole_side_missing:
                reason = f"{describe(path)} has no {other} text"
            else:
                where = "" if path == (LETTER,) else f" in {describe(path)}"
                reason = f"no {other} counterpart found{where} (an omission, or a misalignment)"
            self.unaligned.append(Unaligned(clause_id, lang, text, reason))

    def _source(self, lang: str, path: Path) -> str:
        side = self.chosen[lang].get(path[:1])
        return side.source if side else ""

    def _path_steps(self, path: Path) -> tuple[PathStep, ...]:
        steps = []
        for depth, step in enumerate(path, 1):
            prefix = path[:depth]
            titles = {}
            for lang in ("zh", "ja"):
                side = self.chosen[lang].get(path[:1])
                titles[lang] = side.titles.get(prefix, "") if side else ""
            steps.append(PathStep(step.level, step.label, titles["zh"], titles["ja"]))
        return tuple(steps)


def _inner_headings(pieces: list[Piece]) -> bool:
    """Whether a heading follows text in the run (not only leading titles)."""
    seen_text = False
    for p in pieces:
        if p.kind == "text":
            seen_text = True
        elif seen_text:
            return True
    return False


def _pair_headings(zs: list[str], js: list[str], ratio: float) -> list[Bead] | None:
    """Headings under one path pair in order; leave unequal counts to the aligner."""
    if len(zs) != len(js):
        return None
    return [
        Bead((i,), (i,), round(HEADING_FLOOR + (1 - HEADING_FLOOR) * similarity(z, j, ratio), 3))
        for i, (z, j) in enumerate(zip(zs, js, strict=True))
    ]
