"""Clause records: the readable contract between ingestion and indexing.

The clause file is JSON Lines, one aligned pair per line, so that a person can read,
diff and grep what the index is built from. Records are frozen so that no later stage
can quietly change what ingestion decided.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PathStep:
    """One heading on a clause's path, with its title in both languages.

    `level` is one of: "letter" (the reply letter), "point" (一、 of the letter),
    "attachment", "part" (一、 of the attachment), "section" (（一）), "item" (1.), and for
    laws "chapter", "division", "article", "paragraph", "subitem" (第X章 … 第X号, with the
    label as each text writes it, 第七条 / 第7条, as the title).
    `label` is the normalised number: "一", "（一）", "1".
    """

    level: str
    label: str
    zh: str = ""
    ja: str = ""

    def to_dict(self) -> dict[str, str]:
        # spelled out, in field order: `asdict` copies recursively, and clause files at
        # 188,000 pairs spent most of their writing time in it
        return {"level": self.level, "label": self.label, "zh": self.zh, "ja": self.ja}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PathStep:
        return cls(level=d["level"], label=d["label"], zh=d.get("zh", ""), ja=d.get("ja", ""))


@dataclass(frozen=True)
class Clause:
    """One aligned Chinese/Japanese clause pair; either side may be empty (1-0, 0-1).

    `id` is stable across rebuilds of an unchanged source (built from the document id
    and the heading path, not from a global counter), so permalinks survive.
    """

    id: str
    doc_id: str
    order: int
    path: tuple[PathStep, ...]
    kind: str  # "heading" | "text"
    zh: str
    ja: str
    confidence: float = 1.0
    link: str = "1-1"  # alignment bead: "1-1", "1-2", "2-1", "1-0", "0-1"
    sources: dict[str, str] = field(default_factory=dict)  # lang -> source file name
    note: str = ""  # a translator's note carried over from a TMX/XLIFF unit

    @property
    def item(self) -> str | None:
        """Number of the innermost numbered item (1.–26.) or article (第七条) on the path,
        else None."""
        for step in reversed(self.path):
            if step.level in ("item", "article"):
                return step.label
        return None

    @property
    def section(self) -> str | None:
        """Label of the innermost section/part/point on the path, else None."""
        for step in reversed(self.path):
            if step.level in ("section", "part", "point"):
                return step.label
        return None

    def to_dict(self) -> dict[str, Any]:
        return {  # in field order, as `asdict` would give it, without its deep copies
            "id": self.id,
            "doc_id": self.doc_id,
            "order": self.order,
            "path": [p.to_dict() for p in self.path],
            "kind": self.kind,
            "zh": self.zh,
            "ja": self.ja,
            "confidence": self.confidence,
            "link": self.link,
            "sources": dict(self.sources),
            "note": self.note,
        }

    @classmethod
    def from_dict(
        cls, d: dict[str, Any], paths: dict[Any, tuple[PathStep, ...]] | None = None
    ) -> Clause:
        """A clause from its JSON record; given `paths`, equal heading paths are one
        shared tuple (a section's clauses share theirs: 41 distinct paths at 188,000
        pairs, where a path of its own cost each clause ~1.8 KB)."""
        steps = d.get("path", ())
        if paths is None:
            path = tuple(PathStep.from_dict(p) for p in steps)
        else:
            key = tuple(tuple(sorted(p.items())) for p in steps)
            path = paths.get(key) or paths.setdefault(
                key, tuple(PathStep.from_dict(p) for p in steps)
            )
        return cls(
            id=d["id"],
            doc_id=d["doc_id"],
            order=int(d["order"]),
            path=path,
            kind=d.get("kind", "text"),
            zh=d.get("zh", ""),
            ja=d.get("ja", ""),
            confidence=float(d.get("confidence", 1.0)),
            link=d.get("link", "1-1"),
            sources=dict(d.get("sources", {})),
            note=d.get("note", ""),
        )


@dataclass(frozen=True)
class Document:
    """A document as described in the manifest (data/documents.toml)."""

    id: str
    number: str = ""
    date: str = ""
    issuer: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=d["id"],
            number=d.get("number", ""),
            date=d.get("date", ""),
            issuer=dict(d.get("issuer", {})),
            title=dict(d.get("title", {})),
        )


def write_jsonl(path: Path, records: Iterable[Clause | Document]) -> None:
    """Write records as JSON Lines, readable UTF-8 (no \\u escapes)."""
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def read_clauses(path: Path) -> Iterator[Clause]:
    """Read a clause file written by `write_jsonl` (equal heading paths shared)."""
    paths: dict[Any, tuple[PathStep, ...]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Clause.from_dict(json.loads(line), paths)
