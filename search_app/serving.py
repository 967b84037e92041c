"""How `taiyaku serve` runs the app under waitress: connection limits, timeouts, proxies.

waitress's defaults let 100 idle sockets lock everyone else out (its `connection_limit`),
dropped the X-Forwarded-* headers the app was told to trust, and answered its own errors
(431 for a 256 KB URL, 400 for a malformed request) in plain text. Here: a generous
connection limit with a short idle timeout, so slow or idle clients are cut before they
can fill it; forwarded headers passed through only when proxy hops are trusted (then
`ProxyFix` applies them); and waitress's own errors in the app's JSON error shape.
Request bodies: the app only answers GET, yet waitress accepted 1 GiB bodies and spooled
them to disk (4 x 400 MiB took 1.5 GiB of temporary disk before the 405); a body over
`max_request_body_size` is now refused from its Content-Length with a 413, and one that
small stays in memory. Stopping, the watchdog and SIGHUP: `search_app.lifecycle`.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Callable
from typing import Any

from flask import Flask

# Every open socket costs a file descriptor and a little memory, no thread: 1,000 idle
# sockets are cheap, and `channel_timeout` closes each after this many idle seconds.
SERVE_DEFAULTS: dict[str, Any] = {
    "connection_limit": 1000,
    "channel_timeout": 15,
    "cleanup_interval": 5,
    "backlog": 2048,
    "max_request_header_size": 64 * 1024,
    "max_request_body_size": 64 * 1024,  # GET-only: no request needs a body
    "asyncore_use_poll": True,  # select() fails above 1,024 descriptors
}
ERROR_CODES = {400: "bad_request", 413: "too_large", 431: "too_large", 500: "internal_error"}
# waitress rejects a request line with raw (not percent-encoded) non-ASCII bytes, as curl
# sends `?q=跨境` typed in a shell; browsers always encode. Say how to send it.
BAD_URI_HINT = (
    "the URL has characters that are not percent-encoded (跨境 is %E8%B7%A8%E5%A2%83). "
    "With curl: curl -G URL --data-urlencode q=跨境"
)


def waitress_options(app: Flask, threads: int, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments for `waitress.serve`, from defaults, config and the command line."""
    options = dict(SERVE_DEFAULTS)
    for key in SERVE_DEFAULTS:
        value = app.config.get("WAITRESS_" + key.upper())
        if value not in (None, ""):
            options[key] = value
    options.update({k: v for k, v in overrides.items() if v is not None})
    options["threads"] = threads
    options["ident"] = "taiyaku"
    if int(app.config.get("TRUSTED_PROXY_HOPS") or 0) > 0:
        options["clear_untrusted_proxy_headers"] = False  # ProxyFix trusts exactly `hops`
    return options


def json_error_task() -> type:
    """waitress's ErrorTask, answering in the app's `{"error": {code, message}}` shape."""
    from waitress.task import ErrorTask

    class JsonErrorTask(ErrorTask):
        def execute(self) -> None:
            e = self.request.error
            code = ERROR_CODES.get(e.code, "bad_request")
            detail = BAD_URI_HINT if str(e.body) == "Bad URI" else str(e.body)[:200]
            message = f"{e.reason}: {detail}"
            body = json.dumps(
                {"error": {"code": code, "message": message}}, ensure_ascii=False
            ).encode()
            self.status = f"{e.code} {e.reason}"
            self.response_headers.append(("Content-Type", "application/json"))
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    return JsonErrorTask


# Rendered once before the workers fork: the API's serialisers (pydantic, imported on
# first need) and the page's templates are built here, not on each worker's first answer.
WARM_PATHS = ("/api/search?q=%E4%B8%AD%E5%9B%BD&limit=5", "/?q=%E4%B8%AD%E5%9B%BD")


def warm(app: Flask) -> bool:
    """Open the index and run a query of each shape now (`SearchService.health`), then
    render a search as the API and the page do (`WARM_PATHS`), so that no user pays
    analyzer loading, first-use imports or template compiling; /healthz says ready only
    after this has succeeded. False when there is no index yet (each worker then warms
    itself on its first /healthz)."""
    with app.app_context():
        from search_app.backend import get_engine

        try:
            health = getattr(get_engine(), "health", None)
            if health:
                health()
        except Exception as exc:  # no index yet: /healthz keeps saying so
            app.logger.warning("warm-up failed: %s", exc)
            return False
    client = app.test_client()
    for path in WARM_PATHS:
        status = client.get(path).status_code
        if status != 200:
            app.logger.warning("warm-up: %s answered %s", path, status)
    return True


def serve(
    app: Flask,
    host: str,
    port: int,
    threads: int,
    workers: int = 1,
    on_listening: Callable[[], None] | None = None,
    **overrides: Any,
) -> None:
    """Run the app under waitress in `workers` processes (0: one per core); blocks.

    The socket is bound first (clients queue in its backlog), then everything is warmed,
    then the workers are forked (`search_app.workers`): nothing is served cold.
    `on_listening` runs once the address is bound, so "serving on …" is never printed
    for a port that is taken.
    """
    import waitress
    from waitress.channel import HTTPChannel

    from search_app.lifecycle import (
        DRAIN_SECONDS,
        WATCHDOG_SECONDS,
        Heartbeats,
        bound_queue_logging,
        drain_on_sigterm,
        log_sighup,
        stamp_each_turn,
    )
    from search_app.workers import (
        cores,
        freeze,
        limit_malloc_arenas,
        listen,
        own_socket,
        run_workers,
    )

    limit_malloc_arenas()
    HTTPChannel.error_task_class = json_error_task()
    bound_queue_logging()
    options = waitress_options(app, threads, **overrides)
    workers = workers or cores()
    sock = listen(host, port, options["backlog"], shared=workers > 1 and hasattr(os, "fork"))
    if on_listening is not None:
        on_listening()
    warm(app)
    drain = float(app.config.get("DRAIN_SECONDS") or DRAIN_SECONDS)
    freeze()

    def work(slot: int = 0, beats: Heartbeats | None = None) -> None:
        logging.basicConfig()  # as waitress.serve does: its warnings on stderr
        mine = sock if beats is None else own_socket(sock, slot, options["backlog"])
        server = waitress.create_server(app, sockets=[mine], **options)
        if beats is not None:
            stamp_each_turn(server, lambda: beats.beat(slot))
        # alone, this process also takes Ctrl-C; a worker leaves it to the parent
        drain_on_sigterm(server, drain, () if beats is not None else (signal.SIGINT,))
        server.run()

    if workers == 1 or not hasattr(os, "fork"):
        log_sighup("server")
        work()
    else:
        watchdog = float(app.config.get("WATCHDOG_SECONDS") or WATCHDOG_SECONDS)
        run_workers(workers, work, on_stop=sock.close, watchdog=watchdog, drain=drain)
