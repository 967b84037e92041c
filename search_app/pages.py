"""HTML pages. Each has a JSON twin under /api taking the same parameters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, render_template, request

from engine.api import MAX_LIMIT, Hit, SearchRequest
from search_app import params
from search_app.backend import get_engine
from search_app.errors import not_found
from search_app.i18n import current_ui, label
from search_app.render import has_marks

bp = Blueprint("pages", __name__)

NEIGHBOURS = 2  # clauses shown before and after a permalinked clause


def doc_titles() -> dict[str, dict[str, Any]]:
    """Document id → stats entry (titles, numbers), for facets and headings."""
    return {d["id"]: d for d in get_engine().stats().get("documents", [])}


@bp.get("/")
def search() -> str:
    request_ = params.search_request(request.args, current_app.config["DEFAULT_LIMIT"])
    engine = get_engine()
    result = engine.search(request_)
    item_counts = result.facets.item
    if request_.item and request_.q:
        # keep every bar of the chart while one item is selected, so the choice stays visible
        unfiltered = engine.search(replace(request_, item=None, limit=1, offset=0))
        item_counts = unfiltered.facets.item or item_counts
    return render_template(
        "search.html",
        result=result,
        item_counts=item_counts,
        req=request_,
        docs=doc_titles(),
        stats=engine.stats(),
        api_url="api.search",
    )


@bp.get("/clause/<path:clause_id>")
def clause(clause_id: str) -> str:
    engine = get_engine()
    hit = engine.clause(clause_id)
    if hit is None:
        raise not_found(label("unknown_clause", current_ui()) + f" ({clause_id})")
    siblings = engine.document(hit.doc.id) or [hit]
    index = next((i for i, h in enumerate(siblings) if h.id == hit.id), 0)
    before = siblings[max(0, index - NEIGHBOURS) : index]
    after = siblings[index + 1 : index + 1 + NEIGHBOURS]
    return render_template("clause.html", hit=hit, before=before, after=after)


def outline(hits: list[Hit]) -> list[dict[str, Any]]:
    """Each heading once, in document order, with its depth and first clause as anchor."""
    seen: set[tuple[str, ...]] = set()
    entries = []
    for hit in hits:
        for depth, step in enumerate(hit.path):
            key = tuple(s.zh or s.label for s in hit.path[: depth + 1])
            if key not in seen:
                seen.add(key)
                entries.append({"depth": depth, "step": step, "anchor": hit.id})
    return entries


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str) -> str:
    q = params.query(request.args)
    item = params.optional(request.args, "item")
    hits = get_engine().document(doc_id, q or None)
    if hits is None:
        raise not_found(label("unknown_document", current_ui()) + f" ({doc_id})")
    shown = [h for h in hits if h.item == item] if item else hits
    title = {"zh": hits[0].doc.title.zh, "ja": hits[0].doc.title.ja} if hits else {}
    info = doc_titles().get(doc_id, {"id": doc_id, "title": title})
    matches = [h.id for h in shown if q and has_marks(h)]
    return render_template(
        "doc.html",
        doc=info,
        hits=shown,
        all_hits=hits,
        outline=outline(hits),
        q=q,
        item=item,
        matches=matches,
    )


@bp.get("/glossary")
def glossary() -> str:
    q = params.query(request.args)
    engine = get_engine()
    data = engine.glossary(q)
    examples = example_hits(data.get("entries", [])) if q else {}
    return render_template("glossary.html", data=data, q=q, examples=examples)


EXAMPLE_ENTRIES = 12  # entries whose example pairs are shown (each costs one search)
EXAMPLES_PER_ENTRY = 3


def example_hits(entries: list[dict[str, Any]]) -> dict[str, Hit]:
    """Example clauses, highlighted by searching the entry's term (the engine marks both)."""
    found: dict[str, Hit] = {}
    engine = get_engine()
    for entry in entries[:EXAMPLE_ENTRIES]:
        wanted = set(entry.get("examples", [])[:EXAMPLES_PER_ENTRY]) - found.keys()
        if not wanted:
            continue
        result = engine.search(SearchRequest(q=entry["source"], limit=MAX_LIMIT))
        found.update({h.id: h for h in result.hits if h.id in wanted})
        for clause_id in wanted - found.keys():  # not among the hits: show it unhighlighted
            if hit := engine.clause(clause_id):
                found[clause_id] = hit
    return found
