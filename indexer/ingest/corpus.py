"""Build the corpus from data/: manifest → readers → structure → alignment → clause records.

`build_corpus` either returns a complete corpus or raises IngestError; nothing is written
on the way, and `write_clause_file` replaces the previous clause file atomically, so a
failed build never leaves a half-built file where the last good one was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.errors import IngestError
from indexer.ingest.assemble import Unaligned, assemble, choose_sides
from indexer.ingest.decoding import clean
from indexer.ingest.limits import bounded, check_size
from indexer.ingest.manifest import DocumentSpec, SourceSpec, load_manifest
from indexer.ingest.paragraphs import Paragraph, ReadContext
from indexer.ingest.readers import FORMATS, Reading
from indexer.ingest.structure import Outline, parse_structure
from indexer.ingest.units import Unit, unit_clauses
from indexer.records import Clause, Document, write_jsonl


@dataclass(frozen=True)
class DocumentReport:
    """What ingestion made of one document, for `taiyaku corpus`."""

    doc_id: str
    clauses: int
    aligned: int
    unaligned: tuple[Unaligned, ...]
    ratio: float
    sources: dict[str, tuple[str, ...]]  # lang -> files the text came from
    prealigned: bool = False  # TMX, XLIFF, table: the file pairs the text (no ratio, no scores)


@dataclass(frozen=True)
class Corpus:
    """All documents, all clause records in document order, and a report per document."""

    documents: list[Document]
    clauses: list[Clause]
    reports: list[DocumentReport]

    def lowest_confidence(self, doc_id: str, n: int) -> list[Clause]:
        """The `n` aligned pairs (both sides present) of a document with least confidence."""
        pairs = [c for c in self.clauses if c.doc_id == doc_id and c.zh and c.ja]
        return sorted(pairs, key=lambda c: (c.confidence, c.order))[:n]


def build_corpus(data_dir: Path, cache_dir: Path | None = None) -> Corpus:
    """Read and align every document of the manifest in `data_dir`.

    With `cache_dir`, documents whose sources, entry and ingestion code are unchanged are
    taken from the cache instead of being ingested again (see `indexer.ingest.cache`).
    """
    from indexer.ingest import cache

    documents: list[Document] = []
    clauses: list[Clause] = []
    reports: list[DocumentReport] = []
    keys: set[str] = set()
    for spec in load_manifest(data_dir):
        key = cache.document_key(spec, data_dir) if cache_dir else ""
        hit = cache.load(cache_dir, key) if cache_dir else None
        if hit is not None:
            doc_clauses, report = hit[0], DocumentReport(**hit[1])
        else:
            doc_clauses, report = build_document(spec, data_dir)
            if cache_dir:
                cache.store(cache_dir, key, doc_clauses, report)
        keys.add(key)
        documents.append(spec.document)
        clauses.extend(doc_clauses)
        reports.append(report)
    if cache_dir:
        cache.prune(cache_dir, keys)
    return Corpus(documents, clauses, reports)


def build_document(spec: DocumentSpec, data_dir: Path) -> tuple[list[Clause], DocumentReport]:
    """Clause records and report of one manifest entry."""
    readings = [(source, _read(source, spec, data_dir)) for source in spec.sources]
    aligned = [(s, r) for s, r in readings if r and isinstance(r[0], Unit)]
    if aligned:
        return _aligned_document(spec, aligned[0][0], aligned[0][1])
    outlines = _outlines(spec, data_dir, readings)
    chosen = choose_sides(outlines)
    for lang, name in (("ja", "Japanese"), ("zh", "Chinese")):
        if not chosen[lang]:
            files = ", ".join(s.file for s in spec.sources)
            raise IngestError(f"document '{spec.document.id}': no {name} text in {files}")
    result = assemble(spec.document, chosen)
    report = DocumentReport(
        doc_id=spec.document.id,
        clauses=len(result.clauses),
        aligned=sum(1 for c in result.clauses if c.zh and c.ja),
        unaligned=result.unaligned,
        ratio=result.ratio,
        sources={
            lang: tuple(sorted({side.source for side in chosen[lang].values()})) for lang in chosen
        },
    )
    return list(result.clauses), report


def _read(source: SourceSpec, spec: DocumentSpec, data_dir: Path) -> Reading:
    """What the source's reader makes of its bytes: paragraphs or aligned units."""
    path = data_dir / source.file
    try:
        check_size(path)
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"{path}: cannot read: {err.strerror}") from err
    if not data.strip():
        raise IngestError(f"{path}: file is empty")
    ctx = ReadContext(str(path), source.languages, spec.shared_lines)
    return FORMATS[source.format].read(data, ctx)


def _aligned_document(
    spec: DocumentSpec, source: SourceSpec, units: list[Unit]
) -> tuple[list[Clause], DocumentReport]:
    """A pre-aligned source (TMX, XLIFF, table): its units are the pairs, no re-alignment."""
    units = [replace(u, zh=clean(u.zh), ja=clean(u.ja)) for u in units]
    clauses, unaligned = unit_clauses(spec.document, units, source.file)
    report = DocumentReport(
        doc_id=spec.document.id,
        clauses=len(clauses),
        aligned=sum(1 for c in clauses if c.zh and c.ja),
        unaligned=tuple(unaligned),
        ratio=0.0,
        sources={"zh": (source.file,), "ja": (source.file,)},
        prealigned=True,
    )
    return clauses, report


def _outlines(
    spec: DocumentSpec, data_dir: Path, readings: list[tuple[SourceSpec, Reading]]
) -> list[tuple[str, str, Outline]]:
    """(file, language, outline) for every source and language, best source first."""
    outlines = []
    for source, paragraphs in readings:
        path = data_dir / source.file
        if _paragraphs(paragraphs):
            paragraphs = bounded(paragraphs, str(path))  # type: ignore[arg-type]
        for lang in source.languages:
            mine = [p for p in paragraphs if p.lang == lang]
            if mine:
                outlines.append((source.file, lang, parse_structure(mine, str(path), lang)))
    return outlines


def write_clause_file(corpus: Corpus, path: Path) -> None:
    """Write the clause file atomically: a temp file in the same directory, then replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write_jsonl(tmp, corpus.clauses)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _paragraphs(reading: Reading) -> bool:
    """Whether a reading is paragraphs (to be checked and cut), not pre-aligned units."""
    return all(isinstance(p, Paragraph) for p in reading)
