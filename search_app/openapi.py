"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

Generated, not written: the search request and result schemas come from the engine's
models (`engine.models.schemas()`), and the query parameters of `/api/search` from the
request model's properties, so a limit or a field is declared exactly once. The web
layer adds what it owns: the error shape, `html` on each side (rendered from `marks`),
and the lookups' envelopes. Every object forbids undeclared properties, and
tests/web/test_api.py validates real responses of every route against this document.
"""

from __future__ import annotations

from typing import Any

from engine.api import MAX_LIMIT
from engine.models import request_adapter, schemas

REF = "#/components/schemas/{model}"


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def obj(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **optional},
        "additionalProperties": False,
    }


STR = {"type": "string"}
INT = {"type": "integer"}
NULLABLE_STR = {"type": ["string", "null"]}
BILINGUAL = obj({"zh": STR, "ja": STR})
COUNTS = {"type": "object", "additionalProperties": INT}

WEB_SCHEMAS: dict[str, Any] = {
    "Error": obj({"error": obj({"code": STR, "message": STR})}),
    "GlossaryEntry": obj(
        {
            "source": STR,
            "source_lang": {"enum": ["zh", "ja"]},
            "target": STR,
            "target_lang": {"enum": ["zh", "ja"]},
            "count": INT,
            "score": {"type": "number"},
            "origin": {"enum": ["links", "learned", "curated", "folding", "weak"]},
            "examples": {"type": "array", "items": STR},
        }
    ),
    "Glossary": obj({"q": STR, "entries": {"type": "array", "items": ref("GlossaryEntry")}}),
    "DocumentInfo": obj(
        {"id": STR, "title": BILINGUAL},
        number=NULLABLE_STR,
        date=NULLABLE_STR,
        issuer=BILINGUAL,
        clauses=INT,
        aligned=INT,
    ),
    "Document": obj(
        {
            "doc": ref("DocumentInfo"),
            "q": STR,
            "item": NULLABLE_STR,
            "clauses": {"type": "array", "items": ref("Hit")},
        }
    ),
    "IndexInfo": obj(
        {"built": STR, "schema": INT, "generation": STR},
        note={**STR, "description": "why this is not the generation CURRENT names, if so"},
    ),
    "Stats": obj(
        {
            "documents": {"type": "array", "items": ref("DocumentInfo")},
            "clauses": INT,
            "index": ref("IndexInfo"),
        }
    ),
    "Health": obj(
        {"status": {"const": "ok"}, "documents": INT, "clauses": INT, "index": ref("IndexInfo")}
    ),
}


def component_schemas() -> dict[str, Any]:
    """The engine's generated schemas, plus `html` on a side, plus the web layer's own."""
    generated = schemas(REF)
    side = generated["Side"]
    side["properties"]["html"] = {
        "type": "string",
        "description": "the text escaped, each mark as <mark class data-kind> (from marks)",
    }
    return {**generated, **WEB_SCHEMAS}


def param(name: str, schema: dict[str, Any], description: str, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


def search_params() -> list[dict[str, Any]]:
    """`/api/search`'s parameters: the request model's fields, as query strings."""
    props = request_adapter().json_schema()["properties"]
    out = []
    for name, schema in props.items():
        schema = {k: v for k, v in schema.items() if k not in ("title", "default")}
        if name == "limit":
            schema = {
                "oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}, {"const": "all"}]
            }
        out.append(param(name, schema, DESCRIPTIONS.get(name, name)))
    out.append(param("all", {"enum": ["0", "1"]}, "1 = every hit (research mode), as limit=all"))
    return out


DESCRIPTIONS = {
    "q": "Chinese or Japanese query (syntax: README, Query syntax)",
    "lang": "language of the query; auto detects",
    "limit": f"hits per page (1–{MAX_LIMIT}); `all` returns every hit",
    "offset": "hits to skip",
    "sort": "relevance or document order",
    "doc": "filter: document id",
    "item": "filter: item number, e.g. 23",
    "mode": "terms, tm (sentence lookup with a match percentage) or auto (tm for long text)",
}


def response(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


BAD = {"400": response("bad parameter or query over the length limit", "Error")}
NOT_FOUND = {"404": response("unknown id", "Error")}
NO_INDEX = {"503": response("no index yet: run `taiyaku build`", "Error")}


def operation(summary: str, ok: str, parameters: list, *errors: dict) -> dict:
    responses = {"200": response("success", ok)}
    for error in (*errors, NO_INDEX):
        responses.update(error)
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def spec(server: str = "/") -> dict[str, Any]:
    """The whole document; ``server`` is the mount point (respects a reverse-proxy prefix)."""
    params = search_params()
    q = next(p for p in params if p["name"] == "q")
    clause_id = param("clause_id", STR, "stable clause id", "path")
    doc_id = param("doc_id", STR, "stable document id", "path")
    item = param("item", {"type": "string"}, "only the clauses of this item")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Taiyaku API",
            "version": "2.0.0",
            "description": "Chinese ↔ Japanese bilingual full-text search over aligned "
            'clauses. Every error is `{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": server}],
        "paths": {
            "/api/search": operation("Search aligned clauses", "SearchResult", params, BAD),
            "/api/clause/{clause_id}": operation("One clause", "Hit", [clause_id], NOT_FOUND),
            "/api/doc/{doc_id}": operation(
                "A whole document, marked for q", "Document", [doc_id, q, item], BAD, NOT_FOUND
            ),
            "/api/glossary": operation("Learned and curated equivalents", "Glossary", [q], BAD),
            "/api/stats": operation("Documents and index facts", "Stats", []),
            "/healthz": operation("Health check", "Health", []),
        },
        "components": {"schemas": component_schemas()},
    }
