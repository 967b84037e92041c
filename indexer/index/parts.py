"""Which Whoosh segments a build can take from the previous generation, and which it writes.

An index is a sequence of *parts*: each part is one Whoosh segment holding a contiguous run
of documents, in manifest order, so document numbers (which break score ties) follow the
manifest exactly as in a build from scratch. A part is identified in meta.json by its
segment id and the `(piece id, key, clauses)` of each piece of a document in it (a
document is cut into pieces of `piece_size()` clauses, so one huge document still spreads
over processes); a piece's key hashes every field Whoosh stores or indexes for it, the
document's rank included. A new build takes a part
from the previous generation (its segment file linked, never re-analysed) when the same
documents with the same keys sit at the same place of the new manifest, and the previous
generation was built by the same analysis code (`code_version`). Documents not covered
by such a part are *fresh*: they are grouped into runs and written as new parts.

A part is never edited in place (Whoosh would keep deleted documents in its term
statistics, and BM25 would drift from a full build's), so a changed document rewrites its
part, and removing a document rewrites the parts after it (their ranks moved).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from storage.schema import SCHEMA_VERSION

# Clauses per part written from scratch. Every segment costs each query a term lookup and
# a posting setup: 40 segments of a 10x corpus took 3.3x the p50 query CPU of one (21.6 vs
# 6.6 ms). Larger parts mean fewer segments, but an edited document re-analyses its part.
PART_CLAUSES = 10_000
SMALL_PART = PART_CLAUSES // 4  # a smaller reusable part next to fresh documents is redone
# Fresh clauses below which forking writer processes costs more than it saves (the workers
# inherit the parent's loaded analyzers, and overlap the glossary and links).
MP_THRESHOLD = 1000
ROOT = Path(__file__).resolve().parents[2]
CODE = ("analyzers", "storage/schema.py", "indexer/index/parts.py", "indexer/records.py")
PACKAGES = ("whoosh", "jieba", "fugashi", "unidic-lite")


def piece_size() -> int:
    """Clauses per piece of a document: a part holds whole pieces."""
    return max(1, PART_CLAUSES // 2)


@lru_cache(maxsize=1)
def _code_hash() -> str:
    h = hashlib.sha256(f"schema={SCHEMA_VERSION}\n".encode())
    for part in CODE:
        path = ROOT / part
        for p in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes())
    for name in PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none\n".encode())
    return h.hexdigest()


def code_version(userdict: Path | None) -> str:
    """Hash of what turns a document into index terms: analysis code, libraries, user dict.

    The data is not in it (that is what document keys are for): a new document keeps the
    other parts usable, a new tokenizer or user dictionary does not.
    """
    h = hashlib.sha256(_code_hash().encode())
    if userdict is not None and userdict.is_file():
        h.update(userdict.read_bytes())
    return h.hexdigest()


def document_key(rows: Sequence[dict[str, Any]]) -> str:
    """Hash of a document's Whoosh documents, exactly as they are added."""
    raw = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


Doc = tuple[str, str, int]  # (piece id, key, clauses)


@dataclass
class Part:
    """A run of documents in one segment: taken from the previous generation, or fresh."""

    docs: list[Doc] = field(default_factory=list)  # in manifest order
    segment: str | None = None  # the previous generation's segment id, when reused

    @property
    def fresh(self) -> bool:
        return self.segment is None

    @property
    def clauses(self) -> int:
        return sum(d[2] for d in self.docs)

    def to_meta(self, segment: str) -> dict[str, Any]:
        return {"segment": segment, "docs": [list(d) for d in self.docs]}


def plan(docs: Sequence[Doc], previous: Sequence[dict[str, Any]], procs: int = 1) -> list[Part]:
    """The parts of the new index, in manifest order.

    `docs` are in manifest order; `previous` the parts recorded in the previous
    generation's meta.json (empty for a build from scratch).
    """
    by_first = {p["docs"][0][0]: p for p in previous if p.get("docs")}
    items: list[Part] = []
    i = 0
    while i < len(docs):
        old = by_first.get(docs[i][0])
        span = [tuple(d) for d in old["docs"]] if old else []
        if span and [tuple(d) for d in docs[i : i + len(span)]] == span:
            items.append(Part(list(docs[i : i + len(span)]), old["segment"]))
            i += len(span)
        else:
            items.append(Part([tuple(docs[i])]))
            i += 1
    return _split(_absorb_small(items), procs)


def _absorb_small(items: list[Part]) -> list[Part]:
    """Redo small reused parts that touch fresh documents, so small segments do not pile up
    when documents are added one at a time; then join neighbouring fresh documents."""
    redo = [
        k
        for k, p in enumerate(items)
        if not p.fresh
        and p.clauses < SMALL_PART
        and any(q.fresh for q in items[max(0, k - 1) : k + 2] if q is not p)
    ]
    for k in redo:
        items[k].segment = None
    joined: list[Part] = []
    for p in items:
        if p.fresh and joined and joined[-1].fresh:
            joined[-1].docs += p.docs
        else:
            joined.append(p)
    return joined


def _split(items: list[Part], procs: int) -> list[Part]:
    """Cut each fresh run at document boundaries into parts of at most PART_CLAUSES clauses,
    and into at least `procs` parts when the run is big enough for processes to pay."""
    out: list[Part] = []
    for p in items:
        if not p.fresh:
            out.append(p)
            continue
        total = p.clauses
        pieces = -(-total // PART_CLAUSES)
        if total >= MP_THRESHOLD:
            pieces = max(pieces, procs)
        target = -(-total // max(1, pieces))
        cur = Part()
        for doc in p.docs:
            if cur.docs and cur.clauses + doc[2] > target:
                out.append(cur)
                cur = Part()
            cur.docs.append(doc)
        if cur.docs:
            out.append(cur)
    return out
