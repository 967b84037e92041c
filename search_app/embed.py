"""Embedding in an intranet: the compact ``/embed`` page and ``/opensearch.xml``.

``/embed`` is the only page other origins may frame (``FRAME_ANCESTORS``, enforced in
``security``); its links open the full app in a new tab.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from search_app import params
from search_app.backend import get_engine

bp = Blueprint("embed", __name__)

EMBED_LIMIT = 10


@bp.get("/embed")
def embed() -> str:
    search = params.search_request(request.args, EMBED_LIMIT)
    result = get_engine().search(search)
    return render_template("embed.html", result=result, req=search)


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    xml = render_template("opensearch.xml", app_name=current_app.config.get("SITE_NAME"))
    return Response(xml, mimetype="application/opensearchdescription+xml")
