"""Marks → HTML, and results → the JSON the API serves: the one place spans become markup.

The engine returns text with character spans (`engine.api.Mark`); pages, the embed view
and the API's `html` field (kept for clients written before `marks` existed) are all
rendered here, so escaping is done in one function. Each mark carries its kind as a
class and a `data-kind` attribute: the stylesheet gives query terms and counterparts
different colours *and* different underlines, so the difference never rests on hue alone.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from engine.api import Hit, SearchResult, Side
from engine.models import hit_dict, result_dict

MARK_CLASS = {"query": "m-query", "counterpart": "m-counterpart", "probable": "m-probable"}


def side_html(side: Side | None) -> Markup:
    """Escaped text with each mark wrapped in `<mark class=… data-kind=…>`."""
    if side is None:
        return Markup("")
    text, parts, pos = side.text, [], 0
    for m in side.marks:
        parts.append(escape(text[pos : m.start], quote=False))
        cls = MARK_CLASS.get(m.kind, "m-query")
        body = escape(text[m.start : m.end], quote=False)
        parts.append(f'<mark class="{cls}" data-kind="{m.kind}">{body}</mark>')
        pos = m.end
    parts.append(escape(text[pos:], quote=False))
    return Markup("".join(parts))


def has_marks(hit: Hit) -> bool:
    return any(s is not None and s.marks for s in (hit.zh, hit.ja))


def _with_html(hit: Hit, data: dict[str, Any]) -> dict[str, Any]:
    for lang in ("zh", "ja"):
        side = getattr(hit, lang)
        if side is not None:
            data[lang]["html"] = str(side_html(side))
    return data


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit as the API serves it: the engine's fields plus `html` per side."""
    return _with_html(hit, hit_dict(hit))


def result_json(result: SearchResult) -> dict[str, Any]:
    """A result as the API serves it (`/api/search`, `taiyaku search --json`, JSON export)."""
    data = result_dict(result)
    for hit, raw in zip(result.hits, data["hits"], strict=True):
        _with_html(hit, raw)
    return data
