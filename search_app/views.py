"""Template helpers: links that keep the current parameters, facet bars, pagination, paths.

Pure presentation; nothing here searches. Bar heights are CSS classes (``h-0`` … ``h-20``,
steps of 5 %) because the CSP forbids inline styles.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, g, request, url_for
from markupsafe import Markup

from engine.api import MAX_QUERY_CHARS, Hit, PathStep, SearchResult, Side
from search_app.backend import get_engine
from search_app.i18n import current_ui, label
from search_app.render import has_marks, side_html

# Parameters that describe a search; anything else in the URL (ui=…) is not carried along.
SEARCH_KEYS = (
    "q",
    "lang",
    "sort",
    "doc",
    "item",
    "limit",
    "all",
    "offset",
    "mode",
    "view",
    "ksort",
    "rendering",
)
RESETS_OFFSET = {"q", "lang", "sort", "doc", "item", "limit", "all", "mode", "view"}


def current_search_args() -> dict[str, str]:
    return {k: v for k in SEARCH_KEYS if (v := request.args.get(k, "")) != ""}


def search_url(endpoint: str | None = None, **changes: Any) -> str:
    """The current search with ``changes`` applied (``None`` removes a parameter)."""
    args = current_search_args()
    if RESETS_OFFSET & changes.keys():
        args.pop("offset", None)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = str(value)
    if "limit" in changes or "all" in changes:
        for key in ("limit", "all"):
            if key not in changes:
                args.pop(key, None)
    return url_for(endpoint or "pages.search", **args)


def natural_key(value: str) -> tuple[Any, ...]:
    """Sort "2" before "10" and keep non-numeric labels stable after the numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", value) if p != "")


LABEL_EVERY = 5  # with many bars, only every fifth (and the first and last) is labelled
MANY_BARS = 12


def item_bars(counts: dict[str, int], other: int = 0) -> list[dict[str, Any]]:
    """One bar per item in document order, plus an `other` bar for hits outside any item.

    Heights are classes in 5 % steps; every bar fits the chart's width (no hidden bars to
    scroll to), and with many bars only some carry a label, the rest a tooltip.
    """
    if not counts and not other:
        return []
    top = max([*counts.values(), other]) or 1
    keys = sorted(counts, key=lambda k: natural_key(str(k)))
    bars = []
    for i, number in enumerate(keys):
        count = counts[number]
        selected = request.args.get("item") == str(number)
        labelled = len(keys) <= MANY_BARS or i in (0, len(keys) - 1) or (i + 1) % LABEL_EVERY == 0
        bars.append(
            {
                "item": str(number),
                "count": count,
                "height": _height(count, top),
                "selected": selected,
                "labelled": labelled,
                "url": search_url(None, item=None if selected else number),
            }
        )
    if other:
        bars.append(
            {
                "item": "",
                "count": other,
                "height": _height(other, top),
                "selected": False,
                "labelled": True,
                "url": "",
                "other": True,
            }
        )
    return bars


def _height(count: int, top: int) -> str:
    return f"h-{max(1, round(count / top * 20)) * 5}"


def pagination(result: SearchResult, endpoint: str | None = None) -> dict[str, Any]:
    """Previous/next and a window of page numbers; empty in research mode."""
    if result.limit is None or result.total <= result.limit:
        return {"pages": [], "prev": None, "next": None}
    size = result.limit
    current = result.offset // size
    last = (result.total - 1) // size
    window = sorted({0, last, *range(max(0, current - 2), min(last, current + 2) + 1)})
    pages: list[dict[str, Any]] = []
    for previous, number in zip([None, *window], window, strict=False):
        if previous is not None and number - previous > 1:
            pages.append({"gap": True})
        pages.append(
            {
                "number": number + 1,
                "current": number == current,
                "url": search_url(endpoint, offset=number * size or None),
            }
        )
    return {
        "pages": pages,
        "prev": search_url(endpoint, offset=(current - 1) * size or None) if current else None,
        "next": search_url(endpoint, offset=(current + 1) * size) if current < last else None,
    }


def breadcrumbs(hit: Hit, ui: str, with_doc: bool = True) -> list[dict[str, str]]:
    """document › part › section › item, each with zh/ja text for the tooltip.

    `with_doc=False` leaves the document out, for lists that head each group of hits
    with the document's title once instead of repeating it on every hit.
    """
    lang = "ja" if ui == "ja" else "zh"
    crumbs = [
        {
            "text": getattr(hit.doc.title, lang) or hit.doc.id,
            "title": " / ".join(filter(None, (hit.doc.title.zh, hit.doc.title.ja))),
            "url": url_for("pages.document", doc_id=hit.doc.id),
        }
    ][: 1 if with_doc else 0]
    for step in hit.path:
        crumbs.append(
            {
                "text": step_text(step, lang),
                "title": " / ".join(filter(None, (step.zh, step.ja))),
                "url": "",
            }
        )
    if hit.item and crumbs:
        crumbs[-1]["url"] = url_for("pages.document", doc_id=hit.doc.id, item=hit.item)
    return crumbs


LEGAL_LEVELS = ("chapter", "division", "article", "paragraph", "subitem")


def step_text(step: PathStep | dict[str, str], lang: str) -> str:
    """A heading with its number: "三 主要任务", "23 推进资金跨境流动便利"; a law's unit as
    its text writes it: "第七条", "第二章 总则" (the label is the bare number "7")."""
    raw = step if isinstance(step, dict) else {"label": step.label, lang: getattr(step, lang)}
    label, text = (raw.get("label") or "").strip(), (raw.get(lang) or "").strip()
    level = raw.get("level") if isinstance(step, dict) else step.level
    if level in LEGAL_LEVELS:
        return text or label
    if label and text and not text.startswith(label):
        return f"{label} {text}"
    return text or label


def path_text(hit: Hit, lang: str = "zh") -> str:
    """The path as one line for exports: document › part › section › item."""
    parts = [getattr(hit.doc.title, lang) or hit.doc.id]
    parts += [step_text(step, lang) for step in hit.path]
    return " › ".join(p for p in parts if p)


def citation(hit: Hit, lang: str = "zh") -> str:
    """How to cite a clause: the document's number (else title) and its article with any
    paragraph and item (网信办令第1号 第三条（一）), else its numbered item; "" if neither."""
    docs = getattr(g, "_taiyaku_docs", None)
    if docs is None:
        docs = g._taiyaku_docs = {d["id"]: d for d in get_engine().stats().get("documents", [])}
    info = docs.get(hit.doc.id, {})
    source = info.get("number") or getattr(hit.doc.title, lang) or hit.doc.id
    legal = [step_text(s, lang) for s in hit.path if s.level in LEGAL_LEVELS[2:]]
    if legal:
        return f"{source} {''.join(legal)}"
    if hit.item:
        return f"{source} {label('item', current_ui(), n=hit.item)}"
    return ""


def spoken_side_html(side: Side | None, diff: list[list[int]] | None = None) -> Markup:
    """`side_html` with each mark's kind said to screen readers in the interface language."""
    ui = current_ui()
    spoken = {kind: label(f"legend_{kind}", ui) for kind in ("query", "counterpart", "probable")}
    return side_html(side, diff, spoken)


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        search_url=search_url,
        item_bars=item_bars,
        pagination=pagination,
        breadcrumbs=breadcrumbs,
        step_text=step_text,
        citation=citation,
        side_html=spoken_side_html,
        has_marks=has_marks,
        max_query_chars=MAX_QUERY_CHARS,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
