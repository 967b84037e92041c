"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

The schemas mirror ``engine.api`` (``SearchResult.to_dict()`` and friends); the tests call
every operation and validate the real responses against them, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

from engine.api import LANGS, MAX_LIMIT, MAX_QUERY_CHARS, MODES, SORTS


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **optional},
    }


STR = {"type": "string"}
NULLABLE_STR = {"type": ["string", "null"]}
BILINGUAL = obj({"zh": STR, "ja": STR})

SCHEMAS: dict[str, Any] = {
    "Error": obj({"error": obj({"code": STR, "message": STR})}),
    "Side": obj({"text": STR, "html": {**STR, "description": "escaped text, only <mark>"}}),
    "PathStep": obj({"label": STR, "zh": STR, "ja": STR}),
    "Hit": obj(
        {
            "id": STR,
            "doc": obj({"id": STR, "title": BILINGUAL}),
            "path": {"type": "array", "items": ref("PathStep")},
            "item": NULLABLE_STR,
            "order": {"type": "integer"},
            "score": {"type": "number"},
            "zh": {"oneOf": [ref("Side"), {"type": "null"}]},
            "ja": {"oneOf": [ref("Side"), {"type": "null"}]},
            # recall (#11): how the clause matched; sentence-lookup percentage and diff spans
            "match_kind": {"enum": ["exact", "fuzzy", "substring", "word", None]},
            "similarity": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
            "diff": {"type": ["object", "null"], "additionalProperties": {"type": "array"}},
        }
    ),
    "GlossaryEntry": obj(
        {
            "source": STR,
            "source_lang": {"enum": ["zh", "ja"]},
            "target": STR,
            "target_lang": {"enum": ["zh", "ja"]},
            "count": {"type": "integer"},
            "score": {"type": "number"},
            "origin": {"enum": ["learned", "curated", "folding"]},
            "examples": {"type": "array", "items": STR},
        }
    ),
    "SearchResult": obj(
        {
            "query": obj(
                {
                    "q": STR,
                    "lang": {"enum": list(LANGS)},
                    "terms": {"type": "object", "additionalProperties": {"type": "array"}},
                    "fallback": {"type": "boolean"},
                    "message": NULLABLE_STR,
                    "expansions": {"type": "array", "items": ref("GlossaryEntry")},
                }
            ),
            "total": {"type": "integer", "minimum": 0},
            "offset": {"type": "integer", "minimum": 0},
            "limit": {"type": ["integer", "null"]},
            "sort": {"enum": list(SORTS)},
            "took_ms": {"type": "number"},
            "hits": {"type": "array", "items": ref("Hit")},
            "suggestions": {"type": "array", "items": ref("Suggestion")},  # recall (#11)
            "facets": obj(
                {
                    "doc": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "item": {"type": "object", "additionalProperties": {"type": "integer"}},
                }
            ),
        }
    ),
    "Suggestion": obj(  # recall (#11): other spellings the corpus uses, checked to have hits
        {
            "text": STR,
            "lang": {"enum": ["zh", "ja"]},
            "hits": {"type": "integer"},
            "why": {"enum": ["folding", "glossary", "spelling", "dictionary"]},
        }
    ),
    "Glossary": obj({"q": STR, "entries": {"type": "array", "items": ref("GlossaryEntry")}}),
    "DocumentInfo": obj(
        {"id": STR, "title": BILINGUAL},
        number=NULLABLE_STR,
        date=NULLABLE_STR,
        clauses={"type": "integer"},
        aligned={"type": "integer"},
    ),
    "Document": obj(
        {
            "doc": ref("DocumentInfo"),
            "q": STR,
            "item": NULLABLE_STR,
            "clauses": {"type": "array", "items": ref("Hit")},
        }
    ),
    "Stats": obj(
        {
            "documents": {"type": "array", "items": ref("DocumentInfo")},
            "clauses": {"type": "integer"},
            "index": {"type": "object"},
        }
    ),
    "Health": obj(
        {
            "status": {"const": "ok"},
            "documents": {"type": "integer"},
            "clauses": {"type": "integer"},
            "index": {"type": "object"},
        }
    ),
}


def param(name: str, schema: dict[str, Any], description: str, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


Q = param("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, "Chinese or Japanese query")
SEARCH_PARAMS = [
    Q,
    param("lang", {"enum": list(LANGS)}, "language of the query; auto detects"),
    param(
        "limit",
        {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}, {"const": "all"}]},
        f"hits per page (1–{MAX_LIMIT}); `all` returns every hit",
    ),
    param("all", {"enum": ["0", "1"]}, "1 = every hit (research mode), same as limit=all"),
    param("offset", {"type": "integer", "minimum": 0}, "hits to skip"),
    param("sort", {"enum": list(SORTS)}, "relevance or document order"),
    param("mode", {"enum": list(MODES)}, "tm = sentence lookup; auto = tm for long text (#11)"),
    param("doc", {"type": "string"}, "filter: document id"),
    param("item", {"type": "string"}, "filter: item number, e.g. 23"),
]


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
    clause_id = param("clause_id", STR, "stable clause id", "path")
    doc_id = param("doc_id", STR, "stable document id", "path")
    item = param("item", {"type": "string"}, "only the clauses of this item")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Taiyaku API",
            "version": "1.0.0",
            "description": "Chinese ↔ Japanese bilingual full-text search over aligned "
            'clauses. Every error is `{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": server}],
        "paths": {
            "/api/search": operation("Search aligned clauses", "SearchResult", SEARCH_PARAMS, BAD),
            "/api/clause/{clause_id}": operation("One clause", "Hit", [clause_id], NOT_FOUND),
            "/api/doc/{doc_id}": operation(
                "A whole document, highlighted for q", "Document", [doc_id, Q, item], BAD, NOT_FOUND
            ),
            "/api/glossary": operation("Learned and curated equivalents", "Glossary", [Q], BAD),
            "/api/stats": operation("Documents and index facts", "Stats", []),
            "/healthz": operation("Health check", "Health", []),
        },
        "components": {"schemas": SCHEMAS},
    }
