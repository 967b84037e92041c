"""Taiyaku's web layer: a Flask app factory, blueprints for pages, API, export and embedding.

The web layer holds no search logic: it validates parameters (``params``), asks the engine
(``backend.get_engine``) and renders. ``taiyaku serve`` runs ``create_app()`` under waitress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` may carry ``"ENGINE": engine`` to inject a backend.

    Flask is imported here, not at package import: `taiyaku search` lives in this package
    and starts faster without it.
    """
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    from search_app.config import build_config
    from search_app.json_provider import OrjsonProvider
    from search_app.security import SafePrefix

    class App(Flask):
        json_provider_class = OrjsonProvider  # CJK as UTF-8, keys as added

    app = App(__name__)
    app.config.from_mapping(build_config(test_config))

    hops = int(app.config.get("TRUSTED_PROXY_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = SafePrefix(  # type: ignore[method-assign]
            ProxyFix(
                app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
            )
        )

    from search_app import (
        backend,
        embed,
        errors,
        export,
        help_page,
        i18n,
        json_api,
        pages,
        security,
        views,
    )

    errors.register(app)
    backend.register(app)
    security.register(app)
    i18n.register(app)
    views.register(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(json_api.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(help_page.bp)
    return app
