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


def side_html(
    side: Side | None,
    diff: list[list[int]] | None = None,
    spoken: dict[str, str] | None = None,
) -> Markup:
    """Escaped text with each mark wrapped in `<mark class=… data-kind=…>`, and (a sentence
    match) the characters that differ from the pasted sentence in `<ins class="tm-diff">`,
    nested inside the marks so the markup stays well formed.

    `spoken`: what a screen reader says before each kind of mark ("your term", "its
    translation"), carried in `data-sr` and voiced by the stylesheet's `::before`."""
    if side is None:
        return Markup("")
    text, parts, pos = side.text, [], 0
    for m in side.marks:
        parts.append(_with_diff(text, pos, m.start, diff))
        cls = MARK_CLASS.get(m.kind, "m-query")
        body = _with_diff(text, m.start, m.end, diff)
        sr = f' data-sr="{escape(spoken[m.kind])}"' if spoken and m.kind in spoken else ""
        parts.append(f'<mark class="{cls}" data-kind="{m.kind}"{sr}>{body}</mark>')
        pos = m.end
    parts.append(_with_diff(text, pos, len(text), diff))
    return Markup("".join(parts))


def _with_diff(text: str, start: int, end: int, diff: list[list[int]] | None) -> str:
    """`text[start:end]` escaped, its differing characters (sorted, disjoint spans) wrapped."""
    if not diff:  # every hit but a sentence lookup's: escaping is all there is to do
        return escape(text[start:end], quote=False)
    out, pos = [], start
    for a, b in diff or ():
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        out.append(escape(text[pos:a], quote=False))
        out.append(f'<ins class="tm-diff">{escape(text[a:b], quote=False)}</ins>')
        pos = b
    out.append(escape(text[pos:end], quote=False))
    return "".join(out)


def has_marks(hit: Hit) -> bool:
    return any(s is not None and s.marks for s in (hit.zh, hit.ja))


def _with_html(hit: Hit, data: dict[str, Any]) -> dict[str, Any]:
    for lang in ("zh", "ja"):
        side = getattr(hit, lang)
        if side is not None:
            data[lang]["html"] = str(side_html(side, (hit.diff or {}).get(lang)))
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
