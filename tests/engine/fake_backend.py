"""A complete in-memory backend of `engine.port`: proof that the port is all the search
service needs, and a template for a new backend.

Documents are analysed with the index schema's own analyzers (so terms are the ones the
engine asks for); postings are plain dicts, handed out as the port's numpy arrays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from analyzers.sentence_key import sentence_key
from engine.glossary_index import GlossaryIndex
from engine.port import Postings
from engine.scoring import IndexStats
from indexer import glossary as glossary_mod
from indexer.records import Clause, Document
from storage.glossary_table import entries_by_key
from storage.schema import build_schema

TEXT_FIELDS = {"zh": lambda c: c.zh, "ja": lambda c: c.ja, "han": lambda c: c.zh + "\n" + c.ja}


class InMemory(dict):
    """Glossary entries by folded source key, held in memory: the table a backend gives
    `GlossaryIndex` (the mapped backend maps `glossary.bin` instead)."""

    def sources(self):
        for entries in self.values():
            for lang, src, _ in entries:
                yield lang, src


class FakeIndex:
    def __init__(self, documents: Sequence[Document], clauses: Sequence[Clause]):
        schema = build_schema()
        rank = {d.id: i for i, d in enumerate(documents)}
        self.docs = [self._stored(c) for c in clauses]
        self.cols = {
            "doc": [c.doc_id for c in clauses],
            "item": [c.item or "" for c in clauses],
            "order": [c.order for c in clauses],
            "doc_rank": [rank.get(c.doc_id, len(rank)) for c in clauses],
        }
        self.inv: dict[str, dict[str, dict[int, list[int]]]] = {}
        self.lengths: dict[str, list[float]] = {}
        for name, text_of in TEXT_FIELDS.items():
            analyzer = schema[name].analyzer
            inv: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
            lengths = []
            for n, c in enumerate(clauses):
                tokens = [(t.text, t.pos) for t in analyzer(text_of(c), positions=True)]
                for text, pos in tokens:
                    inv[text][n].append(pos)
                lengths.append(float(len(tokens)))
            self.inv[name], self.lengths[name] = inv, lengths
        for name in ("doc", "item"):
            ids: dict[str, dict[int, list[int]]] = defaultdict(dict)
            for n, value in enumerate(self.cols[name]):
                ids[value][n] = [0]
            self.inv[name] = ids

    @staticmethod
    def _stored(c: Clause) -> dict[str, Any]:
        return {
            "id": c.id,
            "doc": c.doc_id,
            "item": c.item or "",
            "order": c.order,
            "path": [p.to_dict() for p in c.path],
            "zh_text": c.zh,
            "ja_text": c.ja,
        }

    # -- the port --------------------------------------------------------------------------
    def doc_count(self) -> int:
        return len(self.docs)

    def has_term(self, field: str, text: str) -> bool:
        return text in self.inv.get(field, {})

    def postings(self, field: str, text: str, positions: bool = False) -> Postings:
        found = self.inv.get(field, {}).get(text, {})
        ids = sorted(found)
        tf = np.array([float(len(found[n])) for n in ids])
        if not positions:
            return Postings(np.array(ids, dtype=np.int64), tf, len(ids))
        flat = [p for n in ids for p in found[n]]
        first = np.cumsum([0] + [len(found[n]) for n in ids])
        return Postings(np.array(ids, dtype=np.int64), tf, len(ids), first, np.array(flat))

    def prefix_terms(self, field: str, prefix: str, limit: int | None) -> list[str]:
        terms = sorted(t for t in self.inv.get(field, {}) if t.startswith(prefix))
        return terms if limit is None else terms[:limit]

    def doc_frequency(self, field: str, text: str) -> int:
        return len(self.inv.get(field, {}).get(text, {}))

    def lexicon(self, field: str) -> Iterable[str]:
        return sorted(self.inv.get(field, {}))

    def all_docs(self) -> Iterable[int]:
        return range(len(self.docs))

    def scorable_fields(self) -> list[str]:
        return list(TEXT_FIELDS)

    def field_lengths(self, field: str) -> tuple[list[float], float]:
        lengths = self.lengths[field]
        return lengths, sum(lengths) / max(1, len(lengths))

    def columns(self) -> dict[str, list[Any]]:
        return self.cols

    def sentence_key_lengths(self, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        docs = [self.docs[n] for n in docnums.tolist()]
        return tuple(  # type: ignore[return-value]
            np.array([len(sentence_key(d[f"{side}_text"] or "")) for d in docs], dtype=np.int64)
            for side in ("zh", "ja")
        )

    def stored(self, docnum: int) -> dict[str, Any]:
        return self.docs[docnum]

    def view(self, docnum: int) -> dict[str, Any]:
        return {k: self.docs[docnum][k] for k in ("id", "zh_text", "ja_text")}

    def find(self, clause_id: str) -> dict[str, Any] | None:
        return next((d for d in self.docs if d["id"] == clause_id), None)

    def in_document(self, doc_id: str) -> list[dict[str, Any]]:
        return sorted((d for d in self.docs if d["doc"] == doc_id), key=lambda d: d["order"])


class FakeGeneration:
    name = "fake"

    def __init__(self, documents: Sequence[Document], clauses: Sequence[Clause]):
        self._index = FakeIndex(documents, clauses)
        self.gloss = GlossaryIndex(
            InMemory(entries_by_key(glossary_mod.learn(list(clauses), None)))
        )
        self.docs = {d.id: {**d.to_dict(), "clauses": 0, "aligned": 0} for d in documents}
        self.meta = {
            "schema": 0,
            "built": "now",
            "documents": list(self.docs.values()),
            "clauses": len(clauses),
        }
        self._stats = IndexStats(self._index)

    def variants(self, folded: str) -> list[str]:
        return []

    def links(self, clause_id: str) -> list[Any]:
        return []

    def index(self) -> FakeIndex:
        return self._index

    def stats(self) -> IndexStats:
        return self._stats


class FakeBackend:
    note = ""
    on_open = None  # one generation: nothing is ever published later

    def __init__(self, documents: Sequence[Document], clauses: Sequence[Clause]):
        self.gen = FakeGeneration(documents, clauses)

    def current(self) -> FakeGeneration:
        return self.gen

    def problems(self, gen: FakeGeneration) -> list[str]:
        return []

    def recover(self, gen: FakeGeneration) -> bool:
        return False
