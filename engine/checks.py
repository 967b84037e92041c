"""A dataclass's declared limits, checked without pydantic: the common case made cheap.

`engine.api` declares each request field's type with its limits (`Annotated[int, Ge(0),
Le(1000)]`, `Literal[...]`, `| None`). pydantic validates from those declarations, but
importing it and building an adapter costs a one-shot search ~0.15 s, and a request
served ~0.1 ms. `accepts` reads the same declarations and says whether every value is
already exactly of its declared type and within its limits: then pydantic would return
the values unchanged, so the caller may skip it. Anything else (a string for a number,
a value out of range, an unexpected type) is not accepted here, and goes to pydantic,
which converts it or words the error.

>>> from engine.api import SearchRequest
>>> accepts(SearchRequest("跨境", limit=5)), accepts(SearchRequest("跨境", limit=-1))
(True, False)
>>> accepts(SearchRequest("跨境", limit="5")), accepts(SearchRequest("跨境", sort="x"))
(False, False)
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

Check = Callable[[Any], bool]


def accepts(obj: Any) -> bool:
    """True when every field of the dataclass `obj` is exactly of its declared type and
    within its declared limits (False means: ask pydantic)."""
    return all(check(getattr(obj, name)) for name, check in _checks(type(obj)))


@cache
def _checks(cls: type) -> tuple[tuple[str, Check], ...]:
    hints = get_type_hints(cls, include_extras=True)
    return tuple((f.name, _check(hints[f.name])) for f in dataclasses.fields(cls))


def _check(tp: Any) -> Check:
    """A predicate for one declared type; one that refuses everything for the unknown."""
    origin = get_origin(tp)
    if origin is Annotated:
        base, *limits = get_args(tp)
        inner, bounds = _check(base), [_limit(m) for m in limits]
        return lambda v: inner(v) and all(ok(v) for ok in bounds)
    if origin in (Union, types.UnionType):
        options = [_check(a) for a in get_args(tp)]
        return lambda v: any(ok(v) for ok in options)
    if origin is Literal:
        allowed = get_args(tp)
        return lambda v: any(type(v) is type(a) and v == a for a in allowed)
    if tp is type(None):
        return lambda v: v is None
    if tp in (str, int, float, bool):
        return lambda v: type(v) is tp
    return lambda v: False


_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "max_length": lambda v, b: len(v) <= b,
    "min_length": lambda v, b: len(v) >= b,
    "ge": lambda v, b: v >= b,
    "le": lambda v, b: v <= b,
    "gt": lambda v, b: v > b,
    "lt": lambda v, b: v < b,
}


def _limit(meta: Any) -> Check:
    """An `annotated_types` limit (MaxLen, MinLen, Len, Ge, Le, Gt, Lt) by its attributes;
    anything else refuses, so that pydantic decides."""
    bounds = [(ok, getattr(meta, a)) for a, ok in _BOUNDS.items() if hasattr(meta, a)]
    bounds = [(ok, b) for ok, b in bounds if b is not None]
    if not bounds:
        return lambda v: False
    return lambda v: all(ok(v, b) for ok, b in bounds)


def bounds(cls: type, name: str) -> tuple[Any, Any]:
    """The declared (lowest, highest) value of a numeric field of the dataclass `cls`,
    None where the declaration sets none: the web and the CLI read their limits here
    rather than repeating them.

    >>> from engine.api import MAX_LIMIT, SearchRequest
    >>> bounds(SearchRequest, "offset"), bounds(SearchRequest, "limit") == (0, MAX_LIMIT)
    ((0, 1000000000), True)
    """
    low = high = None
    for tp in _flat(get_type_hints(cls, include_extras=True)[name]):
        if get_origin(tp) is Annotated:
            for meta in get_args(tp)[1:]:
                low = getattr(meta, "ge", low)
                high = getattr(meta, "le", high)
    return low, high


def _flat(tp: Any) -> list[Any]:
    """The options of a union (`int | None` → [int, None]), else [tp]."""
    if get_origin(tp) in (Union, types.UnionType):
        return list(get_args(tp))
    return [tp]
