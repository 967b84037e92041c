"""HTML pages. Each has a JSON twin under /api taking the same parameters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, render_template, request

from engine.api import MAX_LIMIT, Hit, SearchRequest, SearchResult
from search_app import kwic, params
from search_app.backend import get_engine
from search_app.errors import not_found
from search_app.i18n import current_ui, label
from search_app.render import has_marks

bp = Blueprint("pages", __name__)

NEIGHBOURS = 2  # clauses shown before and after a permalinked clause


def doc_titles() -> dict[str, dict[str, Any]]:
    """Document id → stats entry (titles, numbers), for facets and headings."""
    return {d["id"]: d for d in get_engine().stats().get("documents", [])}


KWIC_MAX_HITS = MAX_LIMIT  # hits read for a concordance (sorting needs them all at once)


@bp.get("/")
def search() -> str:
    request_ = params.search_request(request.args, current_app.config["DEFAULT_LIMIT"])
    view, ksort = params.view(request.args), params.kwic_sort(request.args)
    engine = get_engine()
    if view == "kwic" and request_.q:
        request_ = replace(request_, limit=KWIC_MAX_HITS, offset=0)
    result = engine.search(request_)
    found, chosen = [], params.rendering(request.args)
    if view == "kwic":
        found = kwic.lines(result.hits, result.query.expansions)
    shown = kwic.lines(result.hits, result.query.expansions, rendering=chosen) if chosen else found
    return render_template(
        "search.html",
        result=result,
        facets=facet_counts(engine, request_, result),
        req=request_,
        view=view,
        ksort=ksort,
        kwic_lines=kwic.sort_lines(shown, ksort),
        kwic_renderings=kwic.renderings_of(found),
        kwic_rendering=chosen,
        lang_counts=lang_counts(engine, request_, result),
        docs=doc_titles(),
        stats=engine.stats(),
        api_url="api.search",
    )


def facet_counts(engine: Any, req: SearchRequest, result: SearchResult) -> dict[str, Any]:
    """Counts per document and per item that a filter does not hide.

    With a document selected, the other documents keep their counts (so the choice can be
    changed); with an item selected, every bar stays. `other` counts hits outside any
    numbered item, which the chart shows as its last bar.
    """
    docs, items, total = result.facets.doc, result.facets.item, result.total
    if req.q and req.item:
        unfiltered = engine.search(replace(req, item=None, limit=1, offset=0))
        items, total = unfiltered.facets.item or items, unfiltered.total
    if req.q and req.doc:
        docs = engine.search(replace(req, doc=None, item=None, limit=1, offset=0)).facets.doc
    return {"doc": docs, "item": items, "other": max(0, total - sum(items.values()))}


def lang_counts(engine: Any, req: SearchRequest, result: SearchResult) -> dict[str, int]:
    """Hits when the query is read as Chinese only or as Japanese only, offered when the
    search found few clauses (a Han term may be read in either language)."""
    if not req.q or result.total >= FEW_HITS or req.lang != "auto":
        return {}
    return {
        lang: engine.search(replace(req, lang=lang, limit=1, offset=0)).total
        for lang in ("zh", "ja")
    }


FEW_HITS = 3  # below this many hits the page offers suggestions, switches and syntax help


@bp.get("/clause/<path:clause_id>")
def clause(clause_id: str) -> str:
    """The permalink page: the pair between its neighbours; `q` marks the query in place."""
    q = params.query(request.args)
    engine = get_engine()
    hit = engine.clause(clause_id)
    if hit is None:
        raise not_found(label("unknown_clause", current_ui()) + f" ({clause_id})")
    siblings = engine.document(hit.doc.id, q or None) or [hit]
    index = next((i for i, h in enumerate(siblings) if h.id == hit.id), None)
    if index is None:
        siblings, index = [hit], 0
    before = siblings[max(0, index - NEIGHBOURS) : index]
    after = siblings[index + 1 : index + 1 + NEIGHBOURS]
    return render_template("clause.html", hit=siblings[index], before=before, after=after, q=q)


FIRST_WORDS = 14  # characters of a clause that stand in for a heading with no title


def outline(hits: list[Hit]) -> list[dict[str, Any]]:
    """Each heading once, in document order, with its depth and first clause as anchor.

    A numbered point with no title of its own (the 一 二 三 of a reply letter) is shown
    with the first words of its first clause, so the outline says what each point is.
    """
    seen: set[tuple[str, ...]] = set()
    entries = []
    for hit in hits:
        for depth, step in enumerate(hit.path):
            key = tuple(s.zh or s.label for s in hit.path[: depth + 1])
            if key not in seen:
                seen.add(key)
                # an article's title is its number (第七条): its first words say what it is
                untitled = not (step.zh or step.ja) or step.level == "article"
                entries.append(
                    {
                        "depth": depth,
                        "step": step,
                        "anchor": hit.id,
                        "first": first_words(hit) if untitled else {},
                    }
                )
    return entries


def first_words(hit: Hit) -> dict[str, str]:
    """The opening characters of each side of a clause, cut with an ellipsis."""
    out = {}
    for lang in ("zh", "ja"):
        side = getattr(hit, lang)
        text = (side.text if side else "").strip()
        out[lang] = text[:FIRST_WORDS] + ("…" if len(text) > FIRST_WORDS else "")
    return out


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
