"""The mapped backend's `engine.port.Index`: postings, lengths, columns and stored fields.

Everything is read from the files a build derives from the Whoosh segments (`storage`):
posting lists are slices of the generation's mapped `postings.bin`, a clause's texts,
stored fields, Japanese words and links come from `views.bin`, field lengths and the sort
and facet columns from the docvalues. Whoosh is the writer of record and is never opened
to answer a query, so no unpickling happens per request and no segment is copied into a
searcher.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

import numpy as np

from engine.port import Postings
from storage.clause_views import Views
from storage.postings_file import PostingsFile


class MappedIndex:
    """One thread's view of a generation's mapped files, seen through the storage port."""

    def __init__(self, lists: PostingsFile, views: Views, values: dict[str, Any]):
        self.lists = lists
        self.views = views
        self.docvalues = values

    def doc_count(self) -> int:
        return len(self.views)

    def has_term(self, field: str, text: str) -> bool:
        a, b = self.lists.span(field, text)
        return b > a

    def postings(self, field: str, text: str, positions: bool = False) -> Postings:
        lists = self.lists
        a, b = lists.span(field, text)
        if not positions:
            return Postings(lists.docs[a:b], lists.tf[a:b], b - a)
        first = lists.pos_first[a : b + 1]
        pos = lists.pos[first[0] : first[-1]] if b > a else lists.pos[:0]
        return Postings(lists.docs[a:b], lists.tf[a:b], b - a, first - first[0], pos)

    def prefix_terms(self, field: str, prefix: str, limit: int | None) -> list[str]:
        terms = self.lists.lexicon(field)
        return terms.prefixed(prefix, limit) if terms else []

    def doc_frequency(self, field: str, text: str) -> int:
        a, b = self.lists.span(field, text)
        return b - a

    def lexicon(self, field: str) -> Iterable[str]:
        """Every term of `field`, in order."""
        return iter(self.lists.lexicon(field))

    def all_docs(self) -> Iterable[int]:
        return range(len(self.views))  # a generation is written whole: nothing is deleted

    def scorable_fields(self) -> list[str]:
        return list(self.docvalues["lengths"])

    def field_lengths(self, field: str) -> tuple[list[float], float]:
        """The (byte-quantised) lengths Whoosh scores with, and their exact average."""
        return self.docvalues["lengths"][field]

    def columns(self) -> dict[str, list[Any]]:
        return self.docvalues["columns"]

    def sentence_key_lengths(self, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.views.key_lengths(docnums)

    def stored(self, docnum: int) -> dict[str, Any]:
        """The clause's stored fields, from the generation's views."""
        return self._with_links(docnum, self.views.stored(docnum))

    def view(self, docnum: int) -> dict[str, Any]:
        """What marking reads of a clause, without the stored fields."""
        return self._with_links(docnum, self.views.get(docnum))

    def _with_links(self, docnum: int, f: dict[str, Any]) -> dict[str, Any]:
        f["links"] = partial(self.views.links, docnum)
        f["links_key"] = partial(self.views.links_key, docnum)
        return f

    def find(self, clause_id: str) -> dict[str, Any] | None:
        n = self.views.docnum(clause_id)
        return None if n is None else self.stored(n)

    def in_document(self, doc_id: str) -> list[dict[str, Any]]:
        """The document's clauses in reading order (the `order` column)."""
        cols = self.docvalues["columns"]
        order = cols["order"]
        docs = [n for n, d in enumerate(cols["doc"]) if d == doc_id]
        return [self.stored(n) for n in sorted(docs, key=order.__getitem__)]
