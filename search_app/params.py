"""Query string → ``SearchRequest``, or a 400 with a message that says what to fix.

Every route that searches (the page, the API, the embed page, the export) goes through
``search_request`` so the HTML page and its JSON twin accept exactly the same parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from engine.api import MAX_LIMIT, MAX_QUERY_CHARS, SearchRequest
from engine.checks import bounds
from engine.models import MODES, QUERY_LANGS, SORTS
from search_app.errors import ApiError, bad_parameter
from search_app.kwic import SORT_KEYS

MAX_FILTER_CHARS = 200
PAD_CHARS = 100  # surrounding whitespace tolerated beyond a limit (it is stripped)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def text(args: Mapping[str, str], name: str, max_chars: int = MAX_FILTER_CHARS) -> str:
    """A free-text parameter, trimmed; control characters and overlong values refused."""
    value = args.get(name, "") or ""
    # Length of the raw parameter first, before any other work on it: an overlong query
    # costs nothing but this comparison, whatever its length.
    if len(value) > max_chars + PAD_CHARS:
        value = value[: max_chars + PAD_CHARS + 1]
    if _CONTROL.search(value):
        raise bad_parameter(f"`{name}` contains control characters.")
    value = value.strip()
    if len(value) > max_chars or len(args.get(name, "") or "") > max_chars + PAD_CHARS:
        if name == "q":
            raise ApiError(
                400,
                "query_too_long",
                f"The query is {len(args.get(name) or '')} characters long; "
                f"the limit is {max_chars}.",
            )
        raise bad_parameter(f"`{name}` is longer than {max_chars} characters.")
    return value


def query(args: Mapping[str, str]) -> str:
    return text(args, "q", MAX_QUERY_CHARS)


def choice(args: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = (args.get(name) or default).strip()
    if value not in allowed:
        raise bad_parameter(f"`{name}` must be one of {', '.join(allowed)}; got {value!r:.40}.")
    return value


def flag(args: Mapping[str, str], name: str) -> bool:
    value = (args.get(name) or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise bad_parameter(f"`{name}` must be 1 or 0; got {value!r:.40}.")


MAX_DIGITS = 12  # a number parameter longer than this is refused before it is parsed
OFFSET_LOW, OFFSET_HIGH = bounds(SearchRequest, "offset")


def integer(args: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    """A whole-number parameter within `low`..`high` (the engine's declared limits; None:
    as many digits as `MAX_DIGITS` allows)."""
    high = 10**MAX_DIGITS - 1 if high is None else high
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not re.fullmatch(rf"[0-9]{{1,{MAX_DIGITS}}}", raw):
        raise bad_parameter(f"`{name}` must be a whole number from {low} to {high}.")
    value = int(raw)
    if not low <= value <= high:
        raise bad_parameter(f"`{name}` must be from {low} to {high}; got {value}.")
    return value


def limit(args: Mapping[str, str], default: int) -> int | None:
    """Page size; ``None`` (every hit) for ``limit=all`` or ``all=1`` (research mode)."""
    if flag(args, "all") or (args.get("limit") or "").strip().lower() == "all":
        return None
    return integer(args, "limit", default, 1, MAX_LIMIT)


def optional(args: Mapping[str, str], name: str) -> str | None:
    return text(args, name) or None


def search_request(args: Mapping[str, str], default_limit: int = 20) -> SearchRequest:
    """The one mapping from query parameters to a ``SearchRequest``.

    Read from a plain dict of each parameter's first value: Werkzeug's ``MultiDict.get``
    raises (and catches) an HTTP exception object for every parameter a request leaves
    out, ten of them for a plain ``?q=``, on every search served.
    """
    args = dict(args.items())
    return SearchRequest(
        q=query(args),
        lang=choice(args, "lang", QUERY_LANGS, "auto"),
        limit=limit(args, default_limit),
        offset=integer(args, "offset", 0, OFFSET_LOW, OFFSET_HIGH),
        sort=choice(args, "sort", SORTS, "relevance"),
        doc=optional(args, "doc"),
        item=optional(args, "item"),
        mode=choice(args, "mode", MODES, "auto"),  # recall (#11): sentence lookup
    )


VIEWS = ("list", "kwic")


def view(args: Mapping[str, str]) -> str:
    """``list`` (aligned pairs) or ``kwic`` (one concordance line per occurrence)."""
    return choice(args, "view", VIEWS, "list")


def kwic_sort(args: Mapping[str, str]) -> str:
    return choice(args, "ksort", SORT_KEYS, "hit")


def rendering(args: Mapping[str, str]) -> str | None:
    """The concordance's rendering filter (``rendering=クロスボーダー``), or None."""
    return text(args, "rendering") or None
