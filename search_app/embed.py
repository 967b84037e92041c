"""Embedding in an intranet: the compact ``/embed`` page and ``/opensearch.xml``.

``/embed`` is the only page other origins may frame (``FRAME_ANCESTORS``, enforced in
``security``); its links open the full app in a new tab.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request, url_for

from search_app import params
from search_app.backend import get_engine
from search_app.i18n import CATALOGS, FALLBACK

bp = Blueprint("embed", __name__)

EMBED_LIMIT = 10


@bp.get("/embed")
def embed() -> str:
    search = params.search_request(request.args, EMBED_LIMIT)
    result = get_engine().search(search)
    return render_template("embed.html", result=result, req=search)


# The messages widget.js shows, from the same catalogs as the pages (search_app/locales/).
WIDGET_KEYS = (
    "search", "n_results", "n_results_one", "no_results", "widget_down", "widget_cors",
    "match_some", "fallback", "match_apart", "match_words", "partial_hit", "substring_match",
    "match_pct",
    "legend", "legend_query", "legend_counterpart", "legend_probable", "suggestions",
    "help_link", "error", "only_excluded",
)  # fmt: skip


@bp.get("/widget/labels.js")
def widget_labels() -> Response:
    """The widget's labels in every interface language, as a script the widget loads.

    A script rather than JSON so that it loads on any page without CORS: the widget must
    be able to say, in the page's language, that CORS refused it.
    """
    labels = {code: {k: cat[k] for k in WIDGET_KEYS} for code, cat in CATALOGS.items()}
    body = f"window.TaiyakuLabels={json.dumps({'fallback': FALLBACK, 'labels': labels})};"
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    xml = render_template(
        "opensearch.xml", app_name=current_app.config.get("SITE_NAME"), absolute=absolute_url
    )
    return Response(xml, mimetype="application/opensearchdescription+xml")


def absolute_url(endpoint: str, **values: str) -> str:
    """An absolute URL that no client can steer: from ``PUBLIC_URL`` when set, else from
    the forwarded headers of trusted proxies, else from the address the server listens on.

    The request's own ``Host`` header is never used unless a trusted proxy set it: it used
    to be copied into opensearch.xml, so anyone could publish a search box pointing at
    their own site through ours.
    """
    path = url_for(endpoint, **values)
    public = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if public:
        return public + path[len(request.script_root) :]
    if int(current_app.config.get("TRUSTED_PROXY_HOPS") or 0) > 0:
        return request.host_url.rstrip("/") + path
    env = request.environ
    scheme, port = env.get("wsgi.url_scheme", "http"), str(env.get("SERVER_PORT", ""))
    default = (scheme, port) in (("http", "80"), ("https", "443"))
    host = env.get("SERVER_NAME", "localhost") + ("" if default or not port else f":{port}")
    return f"{scheme}://{host}{path}"
