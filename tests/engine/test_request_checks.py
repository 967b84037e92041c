"""Requests are validated without pydantic when they can be: the outcome must not change.

`engine.models.validate` accepts an ordinary request from the declarations alone and sends
every other one to pydantic; for each request below the answer (the validated request,
or the `QueryError` message) is the one pydantic alone gives.
"""

from __future__ import annotations

import dataclasses

import pytest

from engine import QueryError, SearchRequest
from engine.api import MAX_LIMIT, MAX_QUERY_CHARS
from engine.models import request_adapter, validate

REQUESTS = [
    SearchRequest("跨境"),
    SearchRequest("跨境", "ja", None, 40, "document", "gh2020-123", "23", "tm"),
    SearchRequest("跨" * MAX_QUERY_CHARS, limit=MAX_LIMIT),
    SearchRequest("跨" * (MAX_QUERY_CHARS + 1)),
    SearchRequest("跨境", limit=MAX_LIMIT + 1),
    SearchRequest("跨境", limit=-1),
    SearchRequest("跨境", offset=-1),
    SearchRequest("跨境", limit="5"),  # type: ignore[arg-type]
    SearchRequest("跨境", limit=True),  # type: ignore[arg-type]
    SearchRequest("跨境", limit=2.0),  # type: ignore[arg-type]
    SearchRequest("跨境", sort="x"),  # type: ignore[arg-type]
    SearchRequest("跨境", lang="en"),  # type: ignore[arg-type]
    SearchRequest("跨境", mode=None),  # type: ignore[arg-type]
    SearchRequest("跨境", doc="d" * 201),
    SearchRequest("跨境", item=23),  # type: ignore[arg-type]
    SearchRequest(None),  # type: ignore[arg-type]
    SearchRequest("跨境\ud800数据"),
    SearchRequest("\ud800" + "跨" * MAX_QUERY_CHARS),
]


def pydantic_alone(request: SearchRequest) -> SearchRequest | str:
    """What validation answered before the declarations were read without pydantic."""
    from pydantic import ValidationError

    from engine.models import _message, _text

    raw = dataclasses.asdict(request)
    raw["q"] = _text(raw["q"])
    try:
        return request_adapter().validate_python(raw)
    except ValidationError as exc:
        return _message(request, exc)


def answer(request: SearchRequest) -> SearchRequest | str:
    try:
        return validate(request)
    except QueryError as exc:
        return str(exc)


@pytest.mark.parametrize("request_", REQUESTS, ids=[repr(r)[:60] for r in REQUESTS])
def test_validation_answers_as_pydantic_does(request_):
    got, expected = answer(request_), pydantic_alone(request_)
    assert got == expected
    if isinstance(got, SearchRequest):
        assert [type(v) for v in dataclasses.astuple(got)] == [
            type(v) for v in dataclasses.astuple(expected)
        ]


def test_refusals_still_say_what_to_fix():
    assert answer(SearchRequest("跨境", sort="x")) == "sort must be one of relevance, document"  # type: ignore[arg-type]
    assert answer(SearchRequest("跨境", limit="5")).limit == 5  # type: ignore[arg-type, union-attr]


def test_the_checks_module_examples_hold():
    import doctest

    import engine.checks

    assert doctest.testmod(engine.checks).failed == 0
