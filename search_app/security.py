"""Security headers on every response, and CORS for the JSON API only.

The CSP allows no inline script and no inline style, so templates carry neither (bar
heights are CSS classes). ``/embed`` may be framed by the origins in ``FRAME_ANCESTORS``;
every other page only by its own origin. Browsers on other origins may read ``/api/*``
when their origin is listed in ``CORS_ORIGINS``. Both refusals happen in the visitor's
browser, out of the server's sight, so each is also explained once per origin in the log.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from flask import Flask, Response, current_app, request

EMBED_PATHS = ("/embed",)
ALLOW_HEADERS = "Accept, Accept-Language, Content-Type"
# A forwarded prefix is a plain absolute path: /tools/taiyaku. Never //host, a scheme, a
# backslash or a dot segment, which would turn every link of the app into one elsewhere.
_PLAIN_PATH = re.compile(r"(/[A-Za-z0-9._~%!$'()*+,;=:@-]+)*/?")
log = logging.getLogger("taiyaku.proxy")
embed_log = logging.getLogger("taiyaku.embed")
_warned: set[tuple[str, str]] = set()  # (kind, origin) already explained in the log


def plain_prefix(value: str) -> bool:
    """Whether an X-Forwarded-Prefix value is a safe path prefix for the app's links."""
    if not _PLAIN_PATH.fullmatch(value) or value.startswith("//"):
        return False
    return not any(seg in (".", "..") for seg in value.split("/"))


class SafePrefix:
    """WSGI middleware in front of ProxyFix: drop (and log) a forwarded prefix that is not
    a plain path. With trusted hops, `X-Forwarded-Prefix: //evil.example` was copied into
    every link of every page."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        raw = environ.get("HTTP_X_FORWARDED_PREFIX")
        if raw is not None:
            prefixes = [p.strip() for p in raw.split(",")]
            if not all(plain_prefix(p) for p in prefixes):
                log.warning("ignored X-Forwarded-Prefix %r: not a plain path", raw[:200])
                del environ["HTTP_X_FORWARDED_PREFIX"]
        return self.app(environ, start_response)


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


def warn_once(kind: str, origin: str, message: str) -> None:
    """Tell the administrator, once per origin, why a browser will refuse an embedding."""
    if (kind, origin) not in _warned and len(_warned) < 1000:
        _warned.add((kind, origin))
        embed_log.warning(message)


def explain_refusals() -> None:
    """Log the CORS refusal of the widget and the frame-ancestors refusal of /embed.

    Browsers keep both refusals to themselves (the host page only sees a network error or
    an empty frame), so the log is where an administrator learns which setting to change.
    """
    origin = request.headers.get("Origin", "")
    if origin and is_api() and origin != _own() and allowed_origin(origin) is None:
        warn_once(
            "cors",
            origin,
            f"refused a browser call to {request.path} from {origin} (CORS): add it "
            "to TAIYAKU_CORS_ORIGINS to let the widget on that site use the API",
        )
    if request.path in EMBED_PATHS and request.headers.get("Sec-Fetch-Dest") == "iframe":
        referrer = request.headers.get("Referer", "")
        parent = "/".join(referrer.split("/")[:3]) if "://" in referrer else ""
        if parent and parent != _own() and not frame_allowed(parent):
            warn_once(
                "frame",
                parent,
                f"{parent} framed /embed but its frame-ancestors ({frame_ancestors()}) do "
                "not include it, so the browser shows an empty frame: add it to "
                "TAIYAKU_FRAME_ANCESTORS",
            )


def _own() -> str:
    """This server's origin, computed only when a request names another one to compare."""
    return request.host_url.rstrip("/")


def frame_allowed(origin: str) -> bool:
    sources = frame_ancestors().split()
    return "*" in sources or origin.rstrip("/") in {s.rstrip("/") for s in sources}


def is_api() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def add_headers(response: Response) -> Response:
    """The security headers a view did not set itself, and CORS on the API.

    Checked against one set of the names present: `Headers.setdefault` scans and
    lower-cases the whole list for each header, on every response served.
    """
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}
    for name, value in _security_headers(request.path in EMBED_PATHS, frame_ancestors()):
        if name.lower() not in present:
            headers.add(name, value)
    if is_api():
        origin = allowed_origin(request.headers.get("Origin"))
        if origin:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            headers["Access-Control-Max-Age"] = "600"
        headers.add("Vary", "Origin")
    return response


@lru_cache(maxsize=64)
def _security_headers(embed: bool, ancestors: str) -> tuple[tuple[str, str], ...]:
    """The fixed headers of a response (they change only with FRAME_ANCESTORS)."""
    fixed = (
        ("Content-Security-Policy", csp(ancestors)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    )
    return fixed if embed else (*fixed, ("X-Frame-Options", "SAMEORIGIN"))


def register(app: Flask) -> None:
    app.before_request(explain_refusals)
    app.after_request(add_headers)
