"""Validation, serialisation and JSON Schema of the engine's models, from one definition.

`engine.api` declares the request and the result as dataclasses with their limits; here
pydantic's `TypeAdapter`s turn that one declaration into the engine's validation (with
messages meant for users), the JSON the API and `--json` print, and the schema the
OpenAPI document publishes (`additionalProperties: false` everywhere, so a field cannot
be emitted without being declared: tests/web/test_openapi.py walks real responses).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError

from engine.api import (
    MAX_QUERY_CHARS,
    Hit,
    Lang,
    Mode,
    QueryError,
    SearchRequest,
    SearchResult,
    Sort,
)

REQUEST: TypeAdapter[SearchRequest] = TypeAdapter(SearchRequest)


@cache
def adapter(kind: type) -> TypeAdapter[Any]:
    """The result and hit adapters, built on first use: a one-shot `taiyaku search` that
    prints text never needs them, and building them costs a tenth of a second."""
    return TypeAdapter(kind)


QUERY_LANGS: tuple[str, ...] = get_args(Lang)
SORTS: tuple[str, ...] = get_args(Sort)
MODES: tuple[str, ...] = get_args(Mode)


def validate(request: SearchRequest) -> SearchRequest:
    """The request checked against its declared limits; `QueryError` says what to fix."""
    raw = dataclasses.asdict(request)
    raw["q"] = _text(raw["q"])
    try:
        return REQUEST.validate_python(raw)
    except ValidationError as exc:
        raise QueryError(_message(request, exc)) from None


def _text(q: object) -> object:
    """Lone surrogates (pasted from broken sources) dropped: a query never fails on them."""
    if isinstance(q, str):
        try:
            q.encode("utf-8")
        except UnicodeEncodeError:
            return q.encode("utf-8", "ignore").decode("utf-8")
    return q


def _message(request: SearchRequest, exc: ValidationError) -> str:
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else "request"
    if name == "q" and err["type"] == "string_too_long":
        return f"query is {len(request.q)} characters; the limit is {MAX_QUERY_CHARS}"
    if err["type"] == "literal_error":
        return f"{name} must be one of {', '.join(_choices(name))}"
    return f"{name}: {err['msg']}"


def _choices(name: str) -> list[str]:
    prop = REQUEST.json_schema()["properties"].get(name, {})
    return prop.get("enum") or [e.get("const") for e in prop.get("anyOf", []) if "const" in e]


def result_dict(result: SearchResult) -> dict[str, Any]:
    """The JSON object of a result (what `/api/search` and `taiyaku search --json` print)."""
    return adapter(SearchResult).dump_python(result, mode="json")


def hit_dict(hit: Hit) -> dict[str, Any]:
    return adapter(Hit).dump_python(hit, mode="json")


def schemas(ref_template: str = "#/components/schemas/{model}") -> dict[str, Any]:
    """JSON Schemas of the request and the result, for the OpenAPI document."""
    _, defs = TypeAdapter.json_schemas(
        [("request", "validation", REQUEST), ("result", "serialization", adapter(SearchResult))],
        ref_template=ref_template,
    )
    return defs.get("$defs", {})
