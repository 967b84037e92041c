"""The Whoosh backend's `engine.port.Index`: postings, lengths, columns and stored fields.

Posting lists are read block by block through Whoosh 2.7's `W3LeafMatcher` internals
(one unpickle per block, no per-posting calls); this is the only module that touches
them, and the pinned `whoosh-reloaded` version is what it was written against.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from itertools import accumulate, islice
from pickle import loads
from typing import Any

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

from engine.port import Postings
from indexer.index import docvalues


class WhooshIndex:
    """One thread's searcher over a generation, seen through the storage port."""

    def __init__(self, searcher: Searcher, values: dict[str, Any] | None = None):
        self.searcher = searcher
        self.docvalues = values
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self._bases = [base for _, base in self.leaves]

    def doc_count(self) -> int:
        return self.searcher.doc_count_all()

    def has_term(self, field: str, text: str) -> bool:
        btext = text.encode("utf-8")
        return any((field, btext) in leaf for leaf, _ in self.leaves)

    def postings(self, field: str, text: str, positions: bool = False) -> Postings:
        ids: list[int] = []
        weights: list[float] = []
        values: list[Hashable] = []
        df = 0
        btext = text.encode("utf-8")
        for leaf, base in self.leaves:
            if (field, btext) not in leaf:
                continue
            df += leaf.doc_frequency(field, btext)
            m = leaf.postings(field, btext)
            if type(m) is W3LeafMatcher:
                _read_blocks(m, base, ids, weights, values if positions else None)
            else:  # inlined postings, or deletions filtered out: the generic matcher API
                while m.is_active():
                    ids.append(base + m.id())
                    weights.append(m.weight())
                    if positions:
                        values.append(m.value())
                    m.next()
        return Postings(ids, weights, values, df)

    def positions(self, value: Hashable) -> list[int]:
        """Positions from an encoded `Positions` value (as `Positions.decode_positions`)."""
        assert isinstance(value, bytes)
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(loads(value[4:])))

    def prefix_terms(self, field: str, prefix: str, limit: int | None) -> list[str]:
        terms = islice(self.reader.expand_prefix(field, prefix), limit)
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in terms]

    def doc_frequency(self, field: str, text: str) -> int:
        return self.reader.doc_frequency(field, text)

    def lexicon(self, field: str) -> Iterable[str]:
        """Every term of `field`, in order."""
        return (
            t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.lexicon(field)
        )

    def all_docs(self) -> Iterable[int]:
        return self.reader.all_doc_ids()

    def scorable_fields(self) -> list[str]:
        return [name for name, fld in self.searcher.schema.items() if fld.scorable]

    def field_lengths(self, field: str) -> tuple[list[float], float]:
        """The (byte-quantised) lengths Whoosh scores with, and their exact average."""
        return self._docvalues()["lengths"][field]

    def columns(self) -> dict[str, list[Any]]:
        return self._docvalues()["columns"]

    def _docvalues(self) -> dict[str, Any]:
        """Stored at build time (`indexer.index.docvalues`), else decoded here, once."""
        if self.docvalues is None:
            self.docvalues = docvalues.decode(self.searcher)
        return self.docvalues

    def stored(self, docnum: int) -> dict[str, Any]:
        """The clause's stored fields, read from its segment's column directly.

        Whoosh's reader also filters every field through the schema (for fields removed
        after writing, which a generation never has): a quarter of the cost of a read,
        and the term panel reads up to 200 clauses a request.
        """
        i = bisect_right(self._bases, docnum) - 1
        leaf, base = self.leaves[i]
        return leaf._perdoc.stored_fields(docnum - base)

    def find(self, clause_id: str) -> dict[str, Any] | None:
        return self.searcher.document(id=clause_id)

    def in_document(self, doc_id: str) -> list[dict[str, Any]]:
        res = self.searcher.search(Q.Term("doc", doc_id), limit=None, sortedby="order")
        return [h.fields() for h in res]


def _read_blocks(
    m: W3LeafMatcher, base: int, ids: list[int], weights: list[float], values: list[Any] | None
) -> None:
    """Append a posting list block by block (one unpickle per block, no per-posting calls)."""
    while m.is_active():
        m._read_data()
        raw = m._data[0]
        block = raw if m._byteids else accumulate(raw)  # what `_read_ids` delta-decodes
        if base:
            ids.extend([base + n for n in block])
        else:
            ids.extend(block)
        m._read_weights()
        weights.extend(m._weights)
        if values is not None:
            m._read_values()
            values.extend(m._values)
        m._next_block()
