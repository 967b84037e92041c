"""The text `taiyaku corpus` prints: what ingestion made of each document.

It is meant to be read by the person adding a document: counts first, then every clause
left without a counterpart (with the reason), then the pairs the aligner trusts least,
so extraction faults and misalignments can be checked by eye.
"""

from __future__ import annotations

from indexer.ingest.corpus import Corpus, DocumentReport

WIDTH = 120


def _clip(text: str, width: int = WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(corpus: Corpus, lowest: int = 10, only: str | None = None) -> str:
    """Per document: clauses, aligned pairs, unaligned clauses, lowest-confidence pairs."""
    lines: list[str] = []
    for doc, report in zip(corpus.documents, corpus.reports, strict=True):
        if only is not None and doc.id != only:
            continue
        lines += _summary(doc.id, doc.number, doc.title.get("zh", ""), report)
        lines += _unaligned(report)
        # A pre-aligned file's pairs are as the file says: every one would show 1.00.
        pairs = [] if report.prealigned else corpus.lowest_confidence(doc.id, lowest)
        if pairs:
            lines.append(f"  lowest-confidence pairs ({len(pairs)}):")
        for c in pairs:
            lines.append(f"    {c.confidence:.2f} {c.link} {c.id}")
            lines.append(f"      zh: {_clip(c.zh)}")
            lines.append(f"      ja: {_clip(c.ja)}")
        lines.append("")
    total = len(corpus.clauses)
    n = len(corpus.documents)
    lines.append(
        f"{n} document{'' if n == 1 else 's'}, {total} clause record{'' if total == 1 else 's'}"
    )
    return "\n".join(lines)


def _summary(doc_id: str, number: str, title: str, r: DocumentReport) -> list[str]:
    head = f"{doc_id}  {number}  {_clip(title, 60)}".rstrip()
    sources = "; ".join(f"{lang}: {', '.join(files)}" for lang, files in r.sources.items())
    return [
        head,
        f"  sources: {sources}",
        f"  clauses: {r.clauses}  aligned pairs: {r.aligned}  unaligned: {len(r.unaligned)}"
        + (
            "  (pre-aligned: paired as the file pairs them)"
            if r.prealigned
            else f"  (ja/zh length ratio {r.ratio:.2f})"
        ),
    ]


def _unaligned(r: DocumentReport) -> list[str]:
    if not r.unaligned:
        return []
    lines = [f"  unaligned clauses ({len(r.unaligned)}):"]
    for u in r.unaligned:
        lines.append(f"    {u.clause_id} [{u.lang}] {u.reason}")
        lines.append(f"      {_clip(u.text)}")
    return lines
