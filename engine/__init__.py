"""The search core: query parsing, expansion, ranking, highlighting, result objects.

No Flask here (see README.md in this folder): the CLI, the web app and the tests call it.
"""

from __future__ import annotations

from pathlib import Path

from engine.api import Engine, QueryError, SearchRequest, SearchResult
from indexer.index.store import IndexMissing


def open_engine(index_root: str | Path) -> Engine:
    """The engine over the index published under `index_root` (opened on first use)."""
    from engine.whoosh_engine import WhooshEngine

    return WhooshEngine(Path(index_root))


__all__ = ["Engine", "IndexMissing", "QueryError", "SearchRequest", "SearchResult", "open_engine"]
