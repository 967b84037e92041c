"""Error pages in the interface language, without backticks (issue #23); JSON unchanged."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from search_app import i18n


@pytest.mark.parametrize("ui", i18n.UI_LANGS)
def test_404_page_speaks_the_interface_language(client: FlaskClient, ui: str) -> None:
    response = client.get("/no/such/page", query_string={"ui": ui})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert i18n.label("error_404", ui) in html
    assert "The requested URL was not found" not in html  # Werkzeug's English


@pytest.mark.parametrize("ui", i18n.UI_LANGS)
def test_400_page_leads_in_the_interface_language_without_backticks(
    client: FlaskClient, ui: str
) -> None:
    response = client.get("/", query_string={"q": "跨境", "sort": "sideways", "ui": ui})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert i18n.label("error_bad_parameter", ui) in html
    assert "“sort”" in html and "`" not in html.split("<main")[1]


def test_json_errors_keep_their_message(client: FlaskClient) -> None:
    body = client.get("/api/search", query_string={"q": "跨境", "sort": "sideways"}).get_json()
    assert body["error"]["code"] == "bad_parameter" and "sort" in body["error"]["message"]
