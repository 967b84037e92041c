"""The engine's small interface: a request goes in, a framework-free result comes out.

The web API and `taiyaku search --json` print exactly `SearchResult.to_dict()`, so this
module is the single definition of the result object's shape. Another backend can be
added later by implementing `Engine` without touching the web layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

MAX_QUERY_CHARS = 1000  # longer queries are refused with a clear message (documented in README)
MAX_LIMIT = 1000  # per page; `limit=None` (research mode, `--all`) returns every hit
SORTS = ("relevance", "document")
LANGS = ("auto", "zh", "ja")
MODES = ("auto", "terms", "tm")  # recall (#11): tm = sentence lookup; auto = tm for long text


class QueryError(ValueError):
    """A request the engine refuses (too long, bad parameter); the message is for the user."""


@dataclass(frozen=True)
class SearchRequest:
    q: str
    lang: str = "auto"  # auto | zh | ja
    limit: int | None = 20  # None = every hit (research mode)
    offset: int = 0
    sort: str = "relevance"  # relevance | document
    doc: str | None = None  # filter: document id
    item: str | None = None  # filter: item number, e.g. "23"
    mode: str = "auto"  # recall (#11): auto | terms | tm (see engine/tm.py)


@dataclass(frozen=True)
class Side:
    text: str
    html: str  # HTML-escaped text with only <mark>…</mark> inserted

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "html": self.html}


@dataclass(frozen=True)
class Hit:
    id: str
    doc: dict[str, Any]  # {"id", "title": {"zh", "ja"}}
    path: list[dict[str, str]]  # [{"label", "zh", "ja"}]
    item: str | None
    order: int
    score: float
    zh: Side | None
    ja: Side | None
    # recall (#11): how the clause matched ("exact" | "fuzzy" | "substring" | "word"),
    # the sentence-lookup percentage (0-100) and, per side, the [start, end] spans that
    # differ from the pasted sentence (to become marks of kind "diff").
    match_kind: str | None = None
    similarity: float | None = None
    diff: dict[str, list[list[int]]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "path": self.path,
            "item": self.item,
            "order": self.order,
            "score": self.score,
            "zh": self.zh.to_dict() if self.zh else None,
            "ja": self.ja.to_dict() if self.ja else None,
            "match_kind": self.match_kind,  # recall (#11)
            "similarity": self.similarity,
            "diff": self.diff,
        }


@dataclass(frozen=True)
class SearchResult:
    q: str
    lang: str
    terms: dict[str, list[str]]  # {"zh": [...], "ja": [...]} terms actually searched
    fallback: bool  # True when no AND match existed and terms were OR-ed
    total: int
    offset: int
    limit: int | None
    sort: str
    took_ms: float
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # {"doc": {id: n}, "item": {"23": n}}
    message: str | None = None  # e.g. "empty query", "no AND match; showing any term"
    expansions: list[dict[str, Any]] = field(default_factory=list)  # glossary equivalents used
    matched_all: int | None = None  # hits with every term; the rest (listed after) have some
    suggestions: list[dict[str, Any]] = field(default_factory=list)  # recall (#11): suggest.py
    mode: str = "terms"  # recall (#11): "tm" when the hits are ranked by sentence similarity

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": {
                "q": self.q,
                "lang": self.lang,
                "terms": self.terms,
                "fallback": self.fallback,
                "message": self.message,
                "expansions": self.expansions,
                "matched_all": self.total if self.matched_all is None else self.matched_all,
                "mode": self.mode,  # recall (#11)
            },
            "suggestions": self.suggestions,  # recall (#11): [{text, lang, hits, why}]
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "sort": self.sort,
            "took_ms": self.took_ms,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
        }


class Engine(Protocol):
    """What the CLI and the web layer need from a search backend."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def clause(self, clause_id: str) -> Hit | None: ...

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None: ...

    def glossary(self, q: str) -> dict[str, Any]: ...

    def stats(self) -> dict[str, Any]: ...
