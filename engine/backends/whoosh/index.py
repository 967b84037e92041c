"""The Whoosh backend's `engine.port.Index`: postings, lengths, columns and stored fields.

Posting lists are slices of the generation's mapped `postings.bin`, and what marking
reads of a clause comes from its `views.bin` (both written at build time from the Whoosh
segments by `indexer.index.postings` and `indexer.index.views`): no unpickling per request.
So is the lexicon (prefixes, vocabularies): `postings.bin` keeps every field's terms
sorted, where Whoosh has a term dictionary per segment. A Whoosh searcher (and Whoosh's
query and searching modules, ~25 ms of a one-shot `taiyaku search`) is only made for what
needs Whoosh's own search.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from whoosh import scoring
from whoosh.reading import IndexReader

from engine.port import Postings
from engine.scoring import K1, B
from indexer.index import docvalues
from indexer.index.postings import PostingsFile
from indexer.index.views import Views

if TYPE_CHECKING:
    from whoosh.searching import Searcher

WEIGHTING = scoring.BM25F(B=B, K1=K1)  # only for Whoosh's own search (tests, document order)


class WhooshIndex:
    """One thread's reader over a generation, seen through the storage port."""

    def __init__(
        self,
        reader: IndexReader,
        lists: PostingsFile,
        views: Views,
        values: dict[str, Any] | None = None,
    ):
        self.reader = reader
        self.lists = lists
        self.views = views
        self.docvalues = values
        self._searcher: Searcher | None = None

    @property
    def searcher(self) -> Searcher:
        """Whoosh's searcher over this reader, made on first need (see the module doc)."""
        if self._searcher is None:
            from whoosh.searching import Searcher

            self._searcher = Searcher(self.reader, weighting=WEIGHTING)
        return self._searcher

    def doc_count(self) -> int:
        return self.reader.doc_count_all()

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
        return self.reader.all_doc_ids()

    def scorable_fields(self) -> list[str]:
        return [name for name, fld in self.reader.schema.items() if fld.scorable]

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
        """The clause's stored fields, from the generation's views (`indexer.index.views`)."""
        f = self.views.stored(docnum)
        f["links"] = partial(self.views.links, docnum)
        f["links_key"] = partial(self.views.links_key, docnum)
        return f

    def view(self, docnum: int) -> dict[str, Any]:
        """What marking reads of a clause (`indexer.index.views`), without the stored fields."""
        f = self.views.get(docnum)
        f["links"] = partial(self.views.links, docnum)
        f["links_key"] = partial(self.views.links_key, docnum)
        return f

    def find(self, clause_id: str) -> dict[str, Any] | None:
        return self.searcher.document(id=clause_id)

    def in_document(self, doc_id: str) -> list[dict[str, Any]]:
        from whoosh import query as Q

        res = self.searcher.search(Q.Term("doc", doc_id), limit=None, sortedby="order")
        return [h.fields() for h in res]
