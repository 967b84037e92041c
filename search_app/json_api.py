"""The JSON API: the twins of the HTML pages, plus /healthz and the OpenAPI description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from search_app import params
from search_app.backend import get_engine
from search_app.errors import not_found, respond
from search_app.openapi import spec
from search_app.render import hit_json, result_json

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search() -> Response:
    """The search core's result object, with each side's marks also rendered as ``html``."""
    search_request = params.search_request(request.args, current_app.config["DEFAULT_LIMIT"])
    return jsonify(result_json(get_engine().search(search_request)))


@bp.get("/api/clause/<path:clause_id>")
def clause(clause_id: str) -> Response:
    hit = get_engine().clause(clause_id)
    if hit is None:
        raise not_found(f"No clause with id {clause_id!r}.")
    return jsonify(hit_json(hit))


@bp.get("/api/doc/<path:doc_id>")
def document(doc_id: str) -> Response:
    q = params.query(request.args)
    item = params.optional(request.args, "item")
    engine = get_engine()
    hits = engine.document(doc_id, q or None)
    if hits is None:
        raise not_found(f"No document with id {doc_id!r}.")
    info = next((d for d in engine.stats().get("documents", []) if d["id"] == doc_id), None)
    shown = [h for h in hits if h.item == item] if item else hits
    return jsonify(
        {
            "doc": _info(info)
            if info
            else {"id": doc_id, "title": hit_json(hits[0])["doc"]["title"]},
            "q": q,
            "item": item,
            "clauses": [hit_json(h) for h in shown],
        }
    )


@bp.get("/api/glossary")
def glossary() -> Response:
    return jsonify(get_engine().glossary(params.query(request.args)))


@bp.get("/api/stats")
def stats() -> Response:
    data = get_engine().stats()
    return jsonify({**data, "documents": [_info(d) for d in data.get("documents", [])]})


def _info(doc: dict) -> dict:
    """A document's facts as the schema states them: an issuer is both languages or absent
    (a document added without `--issuer` has none, and used to answer `issuer: {}`)."""
    issuer = doc.get("issuer")
    if issuer and issuer.get("zh") and issuer.get("ja"):
        return doc
    return {k: v for k, v in doc.items() if k != "issuer"}


@bp.get("/healthz")
def healthz() -> Response:
    """200 once the index passes its check and a real query ran; 503 otherwise.

    Load balancers route traffic on this answer, so "ready" must mean the analyzers are
    loaded (the first query no longer takes seconds) and the generation in use is sound;
    ``index.note`` says when it is not the one CURRENT names (a fallback).
    """
    engine = get_engine()
    health = getattr(engine, "health", None)
    state = health() if health else {}
    if state.get("problems"):
        message = "The search index is damaged: " + "; ".join(state["problems"][:3])
        return respond(503, "index_damaged", message)
    stats = engine.stats()
    index = {**stats.get("index", {}), **{k: v for k, v in state.items() if k != "problems"}}
    return jsonify(
        {
            "status": "ok",
            "documents": len(stats.get("documents", [])),
            "clauses": stats.get("clauses", 0),
            "index": index,
        }
    )


@bp.get("/api/openapi.json")
def openapi() -> Response:
    return jsonify(spec(request.script_root or "/"))
