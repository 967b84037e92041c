"""Fixtures for the web layer, flaskr style: ``engine`` → ``app`` → ``client``.

Every test gets its engine from the ``engine`` fixture: the real engine over the seed
index built once per session (``seed_index`` in tests/conftest.py). The tests read ids,
titles and counts from the engine itself rather than hard-coding them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Playwright, sync_playwright

from engine import open_engine
from engine.api import Engine, SearchRequest
from search_app import create_app

from .live_servers import QUERY, Live, host_page


@pytest.fixture(scope="session")
def engine(seed_index: Any) -> Engine:
    """The search backend under test: the real engine over the seed corpus."""
    return open_engine(seed_index)


def make_app(engine: Engine | None, **config: Any) -> Flask:
    return create_app({"TESTING": True, "ENGINE": engine, **config})


@pytest.fixture
def app(engine: Engine, tmp_path: Any) -> Iterator[Flask]:
    yield make_app(engine, INDEX_DIR=str(tmp_path / "no-index"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def no_index_client(tmp_path: Any) -> FlaskClient:
    """An app with no engine and an empty index directory: everything answers 503."""
    return make_app(None, INDEX_DIR=str(tmp_path / "missing")).test_client()


@pytest.fixture(scope="session")
def sample(engine: Engine) -> dict[str, Any]:
    """Ids and values taken from the engine, so tests survive the swap to the real one."""
    result = engine.search(SearchRequest(q=QUERY, limit=None))
    first = result.hits[0]
    with_item = next(h for h in result.hits if h.item)
    return {
        "q": QUERY,
        "total": result.total,
        "clause": first.id,
        "doc": first.doc.id,
        "item_hit": with_item,
        "items": result.facets.item,
        "docs": result.facets.doc,
    }


@pytest.fixture(scope="session")
def live(engine: Engine) -> Iterator[dict[str, str]]:
    """The app (CORS and framing allowed for the host page) and the host page, live."""
    app_url: dict[str, str] = {}
    host = Live(host_page(app_url))
    app = make_app(engine, CORS_ORIGINS=[host.url], FRAME_ANCESTORS=f"'self' {host.url}")
    server = Live(app)
    app_url["url"] = server.url
    yield {"app": server.url, "host": host.url}
    server.stop()
    host.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright per session: the sync API refuses a second one while one runs, so
    every browser test module launches its Chromium from this one."""
    with sync_playwright() as p:
        yield p
