"""How the web layer gets its engine: injected by configuration, else opened lazily.

Tests (and embedders) pass ``{"ENGINE": engine}`` to ``create_app``. In production the
engine is opened from ``INDEX_DIR`` on the first request that needs it, so the app starts
(and answers /healthz with a clear 503) before any index exists. The engine reopens itself
when ``taiyaku build`` swaps a new index in; a failed open is retried on the next request.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, Response, current_app

from engine.api import Engine
from search_app.errors import ApiError, respond

_EXTENSION = "taiyaku.engine"
_lock = threading.Lock()

NO_INDEX_MESSAGE = "No search index yet: run `taiyaku build` to create it, then reload."


def no_index(detail: str = "") -> ApiError:
    return ApiError(503, "no_index", NO_INDEX_MESSAGE + (f" ({detail})" if detail else ""))


def _open(index_dir: str) -> Engine:
    if not Path(index_dir).is_dir():
        raise no_index()
    try:
        from engine import open_engine  # imported late: the engine may not be installed yet
    except ImportError as exc:
        raise no_index("search engine not available") from exc
    try:
        return open_engine(index_dir)
    except Exception as exc:  # an empty, partial or old index: tell the operator, not a 500
        current_app.logger.warning("cannot open index %s: %s", index_dir, exc)
        raise no_index("the index could not be opened") from exc


def get_engine() -> Engine:
    """The app's engine; raises the 503 ``no_index`` error when there is none."""
    app = current_app
    engine = app.config.get("ENGINE") or app.extensions.get(_EXTENSION)
    if engine is not None:
        return engine
    with _lock:
        engine = app.extensions.get(_EXTENSION)
        if engine is None:
            engine = _open(app.config["INDEX_DIR"])
            app.extensions[_EXTENSION] = engine
    return engine


def register(app: Flask) -> None:
    """The real engine opens its index on first use and raises ``IndexMissing`` from any
    call while none is published: answer those with the same 503 as a missing directory."""
    try:
        from storage.errors import IndexDamaged, IndexMissing
    except ImportError:  # the indexer is optional for a web layer given an ENGINE
        return

    def handle(error: Exception) -> Response:
        return respond(503, "no_index", NO_INDEX_MESSAGE)

    def damaged(error: Exception) -> Response:
        current_app.logger.error("index damaged: %s", error)
        message = "The search index is damaged: run `taiyaku check`, then `taiyaku build`."
        return respond(503, "index_damaged", message)

    app.register_error_handler(IndexMissing, handle)
    app.register_error_handler(IndexDamaged, damaged)
