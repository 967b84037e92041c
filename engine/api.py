"""The engine's contract: one request model in, one result model out, both typed.

These dataclasses are the single definition of what a search accepts and returns. The
web parameters, the CLI options and the engine's own validation read their limits and
choices from `SearchRequest` (see `engine.models`); the JSON API and `taiyaku search
--json` serialise `SearchResult` with the same `TypeAdapter` that generates the OpenAPI
schema, so a field cannot be emitted without being declared.

Results carry data, never HTML or prose: each side of a hit has `marks`, character spans
of `text` with a kind, and the result states how the query matched (`Match`). Views (the
page, the terminal, the widget) render and translate these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Protocol

from annotated_types import Ge, Le, MaxLen

MAX_QUERY_CHARS = 1000  # longer queries are refused with a clear message (documented in README)
MAX_LIMIT = 1000  # per page; `limit=None` (research mode, `--all`) returns every hit
MAX_OFFSET = 10**9  # the deepest page start a request may ask for

Lang = Literal["auto", "zh", "ja"]
Sort = Literal["relevance", "document"]
Mode = Literal["auto", "terms", "tm"]  # tm = sentence lookup; auto = tm for long plain text
MatchKind = Literal["exact", "fuzzy", "substring", "word"]
MarkKind = Literal["query", "counterpart", "probable"]
MatchStatus = Literal["all", "some", "any", "apart", "words", "none"]

# pydantic's `ConfigDict` is a plain dict: written as one, so that declaring the models
# does not import pydantic (`engine.models` loads it when it is needed).
_STRICT = {"extra": "forbid", "json_schema_serialization_defaults_required": True}


class QueryError(ValueError):
    """A request the engine refuses (too long, bad parameter); the message is for the user."""


@dataclass(frozen=True)
class SearchRequest:
    """What a search asks for; every entry point (web, CLI, tests) builds one of these."""

    __pydantic_config__ = _STRICT

    q: Annotated[str, MaxLen(MAX_QUERY_CHARS)]
    lang: Lang = "auto"
    limit: Annotated[int, Ge(0), Le(MAX_LIMIT)] | None = 20  # None = every hit (research)
    offset: Annotated[int, Ge(0), Le(MAX_OFFSET)] = 0
    sort: Sort = "relevance"
    doc: Annotated[str, MaxLen(200)] | None = None  # filter: document id
    item: Annotated[str, MaxLen(200)] | None = None  # filter: item number, e.g. "23"
    mode: Mode = "auto"  # see engine/tm.py


@dataclass(frozen=True)
class Mark:
    """Characters `text[start:end]` of a side, marked as `kind`.

    `query`: what the user typed, or a variant of it (folded kanji, inflection);
    `counterpart`: its translation on the other side; `probable`: a counterpart that only
    weak evidence supports.
    """

    __pydantic_config__ = _STRICT

    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class Side:
    """One language of a clause pair: its text and the marks in it (sorted, disjoint)."""

    __pydantic_config__ = _STRICT

    text: str
    marks: list[Mark] = field(default_factory=list)


@dataclass(frozen=True)
class Title:
    __pydantic_config__ = _STRICT

    zh: str = ""
    ja: str = ""


@dataclass(frozen=True)
class DocRef:
    __pydantic_config__ = _STRICT

    id: str
    title: Title


@dataclass(frozen=True)
class PathStep:
    """A heading above the clause: its number label and its title in both languages.

    `level`: "point", "part", "section", "item", … and for laws "chapter", "division",
    "article", "paragraph", "subitem" (whose `label` is the bare number and whose titles
    are the label as each text writes it: 第七条 / 第7条)."""

    __pydantic_config__ = _STRICT

    label: str
    zh: str = ""
    ja: str = ""
    level: str = ""


@dataclass(frozen=True)
class Hit:
    __pydantic_config__ = _STRICT

    id: str
    doc: DocRef
    path: list[PathStep]
    item: str | None
    order: int
    score: float
    zh: Side | None
    ja: Side | None
    all_terms: bool = True  # False: the clause has only some of the query's terms
    # How the clause matched: a sentence-lookup match ("exact" | "fuzzy", with its
    # percentage and, per side, the [start, end] spans that differ from the pasted
    # sentence), a word match, or a match only inside longer words ("substring").
    match_kind: MatchKind | None = None
    similarity: float | None = None
    diff: dict[str, list[list[int]]] | None = None
    # The glossary equivalent through which the clause was reached, when it has a query
    # term itself on neither side (クロスボーダー searched, 跨境 found): "跨境".
    via: str | None = None


@dataclass(frozen=True)
class Match:
    """How the query matched, for the views to state honestly.

    `all`: every hit has every term; `some`: the first `all` hits have every term, the
    next `some` only some of them; `any`: no clause has every term, so the hits have any
    of them; `apart`: no clause has a term as written, its words matched apart; `words`:
    no clause has a term's words even apart, so the hits have some of them; `none`:
    nothing matched (or nothing to look for).
    """

    __pydantic_config__ = _STRICT

    status: MatchStatus
    all: int = 0
    some: int = 0


@dataclass(frozen=True)
class Equivalent:
    """A glossary equivalent used to reach the other language (跨境 → クロスボーダー ×12).

    `count` is the term panel's count of that rendering (pairs containing the typed term
    that mark it, `Rendering.count`), so "Equivalents used" and "Renderings" never give one
    rendering two numbers; `learned` is how many pairs the glossary learned the entry
    from (its evidence, also on the glossary page)."""

    __pydantic_config__ = _STRICT

    source: str
    source_lang: Literal["zh", "ja"]
    target_lang: Literal["zh", "ja"]
    target: str
    count: int
    score: float
    origin: str
    examples: list[str] = field(default_factory=list)
    learned: int = 0


@dataclass(frozen=True)
class Suggestion:
    """Another query that finds clauses, offered when a search finds few or none."""

    __pydantic_config__ = _STRICT

    text: str
    lang: Literal["zh", "ja"]
    hits: int
    why: Literal["folding", "spelling", "glossary", "dictionary"]


@dataclass(frozen=True)
class Rendering:
    """How the matching pairs render a query term: a counterpart span as marked, the
    number of pairs marking it, and some of those pairs (clause ids, best ranked first).

    Counted from the marks themselves (`engine.renderings`), so the panel says what the
    pages show: クロスボーダー ×11 · 越境 ×1 for 跨境.
    """

    __pydantic_config__ = _STRICT

    term: str  # the query term as typed
    text: str  # the rendering as it is written in the clauses
    lang: Literal["zh", "ja"]
    count: int  # matching pairs where it is marked as the term's counterpart
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QueryInfo:
    __pydantic_config__ = _STRICT

    q: str
    lang: Lang
    terms: dict[str, list[str]]  # {"zh": [...], "ja": [...]} terms actually searched
    match: Match
    expansions: list[Equivalent] = field(default_factory=list)
    fallback: bool = False  # kept for API clients: match.status == "any"
    matched_all: int = 0  # kept for API clients: match.all
    mode: Literal["terms", "tm"] = "terms"  # "tm": hits ranked by sentence similarity
    # The term panel: renderings marked as counterpart in the matching pairs, most
    # frequent first; counted over the first `renderings_scanned` matching clauses in
    # relevance order (all of them unless the result has more than engine.renderings.SCAN).
    renderings: list[Rendering] = field(default_factory=list)
    renderings_scanned: int = 0
    # What `-X` / `NOT X` left out. With no other term the result is every clause without
    # them, in document order (`sort` says "document").
    excluded: list[str] = field(default_factory=list)
    # Of the scanned clauses, those reached only through a glossary equivalent (`Hit.via`):
    # counted apart, their renderings are not the typed term's.
    renderings_via: int = 0


@dataclass(frozen=True)
class Facets:
    __pydantic_config__ = _STRICT

    doc: dict[str, int]  # document id → matching clauses, first appearance order
    item: dict[str, int]  # item number → matching clauses, item order


@dataclass(frozen=True)
class SearchResult:
    __pydantic_config__ = _STRICT

    query: QueryInfo
    total: int
    offset: int
    limit: int | None
    sort: Sort
    took_ms: float
    hits: list[Hit]
    facets: Facets
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def match(self) -> Match:
        return self.query.match


class Engine(Protocol):
    """What the CLI and the web layer need from the search core."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def clause(self, clause_id: str) -> Hit | None: ...

    def document(self, doc_id: str, q: str | None = None) -> list[Hit] | None: ...

    def glossary(self, q: str) -> dict[str, Any]: ...

    def stats(self) -> dict[str, Any]: ...
