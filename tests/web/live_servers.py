"""Live servers for the browser tests: the app on one port, an 'intranet' host page on another.

Shared by the browser and accessibility tests (the `live` fixture in conftest.py starts
one pair per session), so the widget and the iframe are tried across two origins.
"""

from __future__ import annotations

import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

QUERY = "跨境"  # a term with glossary equivalents on both sides (クロスボーダー)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Live:
    """A WSGI app served in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, wsgi_app: Any) -> None:
        self.server: BaseWSGIServer = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


PAGE_HEAD = (
    "<!doctype html><meta charset=utf-8><link rel=icon href='data:,'><title>Intranet</title>"
)


def host_page(app_url: dict[str, str]) -> Any:
    """The 'intranet' site on the second port: one page with the widget, one with an iframe."""

    @Request.application
    def application(request: Request) -> Response:
        base = app_url["url"]
        limit = int(request.args.get("limit", "3"))
        if request.path == "/widget.html":
            body = (
                PAGE_HEAD + "<h1>Intranet portal</h1><p>Search the bilingual documents:</p>"
                f'<script src="{base}/static/widget.js" defer></script>'
                f'<div id="tw" data-taiyaku data-limit="{limit}" data-ui="ja"></div>'
            )
        elif request.path == "/iframe.html":
            body = (
                PAGE_HEAD + "<h1>Intranet portal</h1>"
                f'<iframe src="{base}/embed?q={QUERY}" width="760" height="520" '
                'title="Taiyaku"></iframe>'
            )
        else:
            return Response("not found", status=404)
        return Response(body, mimetype="text/html")

    return application
