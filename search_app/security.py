"""Security headers on every response, and CORS for the JSON API only.

The CSP allows no inline script and no inline style, so templates carry neither (bar
heights are CSS classes). ``/embed`` may be framed by the origins in ``FRAME_ANCESTORS``;
every other page only by its own origin. Browsers on other origins may read ``/api/*``
when their origin is listed in ``CORS_ORIGINS``.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

EMBED_PATHS = ("/embed",)


def csp(frame_ancestors: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def frame_ancestors() -> str:
    """The configured list for /embed, same-origin for everything else."""
    if request.path in EMBED_PATHS:
        value = current_app.config.get("FRAME_ANCESTORS") or "'self'"
        return " ".join(value) if isinstance(value, list | tuple) else str(value)
    return "'self'"


def allowed_origin(origin: str | None) -> str | None:
    """The value for Access-Control-Allow-Origin, or None when the origin is not allowed."""
    if not origin:
        return None
    allowed = current_app.config.get("CORS_ORIGINS") or []
    if "*" in allowed:
        return "*"
    return origin if origin.rstrip("/") in {a.rstrip("/") for a in allowed} else None


def is_api() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", csp(frame_ancestors()))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.path not in EMBED_PATHS:
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    if is_api():
        origin = allowed_origin(request.headers.get("Origin"))
        if origin:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            headers["Access-Control-Max-Age"] = "600"
        headers.add("Vary", "Origin")
    return response


def register(app: Flask) -> None:
    app.after_request(add_headers)
