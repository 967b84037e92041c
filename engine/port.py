"""The storage port: the few operations a backend offers the search service.

The service (`engine.service`) does everything that does not depend on how the index is
stored: validate, parse, expand, evaluate the query tree set-at-a-time with BM25
(`engine.evaluate`, `engine.scoring`), rank in tiers, page, mark. A backend only has to
answer these questions about one immutable index generation:

- `postings(field, term)`: the documents holding a term, with term frequencies, document
  frequency and (on request) word positions, as numpy arrays;
- `field_lengths(field)`: per-document field lengths and their average, for BM25;
- `columns()`: per-document values for sorting and facets (`doc`, `item`, `order`,
  `doc_rank`);
- `stored(docnum)`, `find(clause_id)`, `in_document(doc_id)`: the stored clause fields;
  `view(docnum)`: only what marking reads (id and texts; the Japanese words if stored).

`Backend.current()` returns the live generation (a backend follows rebuilds itself);
`problems(gen)` and `recover(gen)` let the service serve around a damaged one.
To add a backend: implement `Generation` and `Index` in `engine/backends/<name>/`, and
name it in `engine.open_engine`. `tests/engine/fake_backend.py` is a complete in-memory
one in under 150 lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, Protocol

import numpy as np

from engine.glossary_index import GlossaryIndex
from storage.errors import IndexDamaged, IndexMissing

__all__ = ["Backend", "Generation", "Index", "IndexDamaged", "IndexMissing", "Postings"]


class Postings(NamedTuple):
    """A term's posting list: parallel arrays in ascending document-number order.

    Positions, when asked for, are flat: posting `i`'s word positions are
    `pos[pos_first[i]:pos_first[i + 1]]` (`pos_first` has one entry more than `ids`).
    """

    ids: np.ndarray  # document numbers (integers, ascending, unique)
    tf: np.ndarray  # term frequency per document (any numeric type: widen to compute)
    df: int  # document frequency
    pos_first: np.ndarray | None = None  # unsigned or signed integers of any width
    pos: np.ndarray | None = None


class Index(Protocol):
    """One request's view of a generation (used from one thread)."""

    def doc_count(self) -> int: ...

    def has_term(self, field: str, text: str) -> bool: ...

    def postings(self, field: str, text: str, positions: bool = False) -> Postings: ...

    def prefix_terms(self, field: str, prefix: str, limit: int | None) -> list[str]: ...

    def doc_frequency(self, field: str, text: str) -> int: ...

    def lexicon(self, field: str) -> Iterable[str]: ...

    def all_docs(self) -> Iterable[int]: ...

    def scorable_fields(self) -> list[str]: ...

    def field_lengths(self, field: str) -> tuple[list[float], float]: ...

    def columns(self) -> dict[str, list[Any]]: ...

    def sentence_key_lengths(
        self, docnums: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]: ...  # zh, ja of each (engine.tm)

    def stored(self, docnum: int) -> dict[str, Any]: ...

    def view(self, docnum: int) -> dict[str, Any]: ...  # id, zh_text, ja_text (+ ja_words)

    def find(self, clause_id: str) -> dict[str, Any] | None: ...

    def in_document(self, doc_id: str) -> list[dict[str, Any]]: ...


class Generation(Protocol):
    """One opened, immutable index generation and what was built with it."""

    name: str
    meta: dict[str, Any]  # meta.json: schema, built, documents, clauses
    docs: dict[str, dict[str, Any]]  # document id → manifest entry
    gloss: GlossaryIndex

    def links(
        self, clause_id: str
    ) -> list[Any]: ...  # a pair's word links, as storage decodes them

    def variants(self, folded: str) -> list[str]: ...  # corpus words of a dictionary sense

    def index(self) -> Index: ...

    def stats(self) -> Any: ...  # engine.scoring.IndexStats, built once per generation


class Backend(Protocol):
    """Follows the live generation; checks it and moves off it when it is damaged."""

    note: str  # why the generation served is not the one published last, if so
    # Run on a newly published generation before it is served (the service's warm-up):
    # requests meanwhile stay on the previous one, so no request pays a first-use cost.
    on_open: Callable[[Generation], None] | None

    def current(self) -> Generation: ...

    def problems(self, gen: Generation) -> list[str]: ...

    def recover(self, gen: Generation) -> bool: ...
