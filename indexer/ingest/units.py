"""Pre-aligned sources (TMX, XLIFF, two-column tables): translation units become records.

A translation memory or a bilingual spreadsheet already says which Chinese goes with
which Japanese; re-aligning it could only lose that. Such readers return `Unit`s and
`unit_clauses` turns them straight into Clause records, one per unit, with the unit's own
id in the clause id when it has a usable one (so a permalink follows the unit across
re-exports), else its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.ingest.clauses import Unaligned
from indexer.records import Clause, Document

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Unit:
    """One aligned pair as the source gives it; `kind` is "heading" for a titled row."""

    zh: str
    ja: str
    unit_id: str = ""
    note: str = ""
    kind: str = "text"


def unit_clauses(
    document: Document, units: list[Unit], source: str
) -> tuple[list[Clause], list[Unaligned]]:
    """Clause records of a pre-aligned source, in source order; one-sided units reported."""
    clauses: list[Clause] = []
    unaligned: list[Unaligned] = []
    used: set[str] = set()
    for n, unit in enumerate(units, 1):
        key = unit.unit_id if _SAFE_ID.match(unit.unit_id) else str(n)
        if key in used:
            key = f"{key}-{n}"
        used.add(key)
        clause_id = f"{document.id}.u.{key}"
        sources = {lang: source for lang, t in (("zh", unit.zh), ("ja", unit.ja)) if t}
        clauses.append(
            Clause(
                id=clause_id,
                doc_id=document.id,
                order=n - 1,
                path=(),
                kind=unit.kind,
                zh=unit.zh,
                ja=unit.ja,
                confidence=1.0 if unit.zh and unit.ja else 0.0,
                link="1-1" if unit.zh and unit.ja else ("1-0" if unit.zh else "0-1"),
                sources=sources,
                note=unit.note,
            )
        )
        if not (unit.zh and unit.ja):
            lang, text = ("zh", unit.zh) if unit.zh else ("ja", unit.ja)
            other = "Japanese" if lang == "zh" else "Chinese"
            unaligned.append(Unaligned(clause_id, lang, text, f"unit has no {other} text"))
    return clauses, unaligned
