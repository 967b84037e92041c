"""Validation, serialisation and JSON Schema of the engine's models, from one definition.

`engine.api` declares the request and the result as dataclasses with their limits; here
pydantic's `TypeAdapter`s turn that one declaration into the engine's validation (with
messages meant for users), the JSON the API and `--json` print, and the schema the
OpenAPI document publishes (`additionalProperties: false` everywhere, so a field cannot
be emitted without being declared: tests/web/test_openapi.py walks real responses).

pydantic is imported on first need, not with this module: a one-shot `taiyaku search`
printing text needs none of it, and importing it and building the adapters cost ~0.15 s
of every such process. An ordinary request is checked against the same declarations
(`engine.checks`, read from the annotations) without pydantic; a request those checks do
not accept as it is goes to pydantic, which coerces it or says what to fix.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

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
from engine.checks import accepts

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

QUERY_LANGS: tuple[str, ...] = get_args(Lang)
SORTS: tuple[str, ...] = get_args(Sort)
MODES: tuple[str, ...] = get_args(Mode)


@cache
def adapter(kind: type) -> TypeAdapter[Any]:
    """The `TypeAdapter` of a model (request, result, hit), built on first use."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def request_adapter() -> TypeAdapter[SearchRequest]:
    return adapter(SearchRequest)


def validate(request: SearchRequest) -> SearchRequest:
    """The request checked against its declared limits; `QueryError` says what to fix."""
    q = _text(request.q)
    clean = request if q is request.q else dataclasses.replace(request, q=q)  # type: ignore[arg-type]
    if accepts(clean):
        return clean  # what pydantic would return: every value already of its type
    return _validate_with_pydantic(request, clean)


def _validate_with_pydantic(request: SearchRequest, clean: SearchRequest) -> SearchRequest:
    from pydantic import ValidationError

    try:
        return request_adapter().validate_python(dataclasses.asdict(clean))
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
    prop = request_adapter().json_schema()["properties"].get(name, {})
    return prop.get("enum") or [e.get("const") for e in prop.get("anyOf", []) if "const" in e]


def result_dict(result: SearchResult) -> dict[str, Any]:
    """The JSON object of a result (what `/api/search` and `taiyaku search --json` print)."""
    return adapter(SearchResult).dump_python(result, mode="json")


def hit_dict(hit: Hit) -> dict[str, Any]:
    return adapter(Hit).dump_python(hit, mode="json")


def schemas(ref_template: str = "#/components/schemas/{model}") -> dict[str, Any]:
    """JSON Schemas of the request and the result, for the OpenAPI document."""
    from pydantic import TypeAdapter

    _, defs = TypeAdapter.json_schemas(
        [
            ("request", "validation", request_adapter()),
            ("result", "serialization", adapter(SearchResult)),
        ],
        ref_template=ref_template,
    )
    return defs.get("$defs", {})
