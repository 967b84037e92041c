"""One error shape for every failure: ``{"error": {"code", "message"}}``.

JSON clients (anything under /api, /healthz, or a request that prefers JSON) get that object;
people get an HTML page carrying the same message. Nothing a user can send produces a stack
trace: unexpected exceptions are logged and answered with a plain ``internal_error``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from engine.api import QueryError
from search_app.i18n import CATALOGS, current_ui, label

# HTTP status → the code used when a werkzeug HTTPException (404, 405 …) is raised.
HTTP_CODES = {
    400: "bad_parameter",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    503: "no_index",
}


class ApiError(Exception):
    """An error with a status, a stable machine code and a message meant for the user."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def bad_parameter(message: str, code: str = "bad_parameter") -> ApiError:
    return ApiError(400, code, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def wants_json() -> bool:
    """True for the API, the health check, exports in JSON and clients preferring JSON."""
    path = request.path
    if path.startswith("/api/") or path == "/api" or path == "/healthz":
        return True
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > 0


def respond(status: int, code: str, message: str, generic: bool = False) -> Response:
    """The error as JSON (the message as is) or as a page in the interface language.

    `generic`: the message is the server's own English (Werkzeug's 404 text …): the page
    says the catalog's sentence for the status instead. A parameter message keeps its
    detail (it names the parameter) after the catalog's lead, with quotes, not backticks.
    """
    if wants_json():
        response = jsonify(error_body(code, message))
    else:
        ui = current_ui()
        lead, detail = "", message.replace("`", "“", 1).replace("`", "”", 1)
        if generic and f"error_{status}" in CATALOGS[ui]:
            detail = label(f"error_{status}", ui)
        elif f"error_{code}" in CATALOGS[ui]:
            lead = label(f"error_{code}", ui)
        html = render_template("error.html", status=status, code=code, lead=lead, message=detail)
        response = current_app.response_class(html, mimetype="text/html")
    response.status_code = status
    return response


def handle_api_error(error: ApiError) -> Response:
    return respond(error.status, error.code, error.message)


def handle_query_error(error: QueryError) -> Response:
    return respond(400, "bad_parameter", str(error))


def handle_http(error: HTTPException) -> Response:
    status = error.code or 500
    code = HTTP_CODES.get(status, "http_error")
    response = respond(status, code, error.description or error.name, generic=True)
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_unexpected(error: Exception) -> Response:
    current_app.logger.exception("unhandled error on %s", request.path)
    return respond(
        500, "internal_error", "Internal error; the administrator can see the log.", generic=True
    )


def register(app: Flask) -> None:
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(QueryError, handle_query_error)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
