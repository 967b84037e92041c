"""The search core: query parsing, expansion, ranking, marks, typed result objects.

No Flask and no HTML here (see README.md in this folder, enforced by import-linter): the
CLI, the web app and the tests call it.
"""

from __future__ import annotations

from pathlib import Path

from engine.api import Engine, QueryError, SearchRequest, SearchResult
from engine.port import IndexDamaged, IndexMissing
from engine.renderings import KEPT as PANELS_KEPT
from engine.results import MARKS_KEPT
from engine.service import SearchService


def open_engine(
    index_root: str | Path,
    panels_kept: int = PANELS_KEPT,
    marks_kept: int = MARKS_KEPT,
    queries_kept: bool = True,
) -> SearchService:
    """The search service over the index published under `index_root` (opened on first use);
    `panels_kept`, `marks_kept`, `queries_kept`: see `SearchService`."""
    from engine.backends.mapped import MappedBackend

    return SearchService(MappedBackend(Path(index_root)), panels_kept, marks_kept, queries_kept)


__all__ = [
    "Engine",
    "IndexDamaged",
    "IndexMissing",
    "QueryError",
    "SearchRequest",
    "SearchResult",
    "SearchService",
    "open_engine",
]
