"""The JSON the app serves, written by orjson: the API's encoding in one place.

A search answer is a few tens of kilobytes of nested dicts; the standard library's
encoder spent a tenth of the server's CPU per request on it. orjson (MIT/Apache-2.0)
writes the same JSON: keys in insertion order, CJK as UTF-8 rather than `\\uXXXX`
escapes, dataclasses and dates natively; what it does not know (sets, `Markup`'s
relatives) goes through `default` as the standard provider would take it.
"""

from __future__ import annotations

import dataclasses
import decimal
from typing import Any

import orjson
from flask import Response
from flask.json.provider import JSONProvider


def _default(o: Any) -> Any:
    if isinstance(o, (set, frozenset)):
        return list(o)
    if isinstance(o, decimal.Decimal):
        return str(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


class OrjsonProvider(JSONProvider):
    """Flask's JSON provider over orjson (compact; keys in the order they were added)."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return orjson.dumps(obj, default=_default).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        body = orjson.dumps(obj, default=_default, option=orjson.OPT_APPEND_NEWLINE)
        return self._app.response_class(body, mimetype="application/json")
