"""UI text: one catalog per language (search_app/locales/), complete and consistent.

A new interface language is one catalog file plus its code in ``i18n.UI_LANGS``; these tests
are what make that safe: every catalog has every message, with the same ``{placeholders}``,
every message the templates and views ask for exists, and the widget reads the same text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from search_app import i18n
from search_app.embed import WIDGET_KEYS

APP = Path(i18n.__file__).parent
REFERENCE = i18n.CATALOGS[i18n.FALLBACK]


@pytest.mark.parametrize("code", i18n.UI_LANGS)
def test_every_catalog_has_every_key(code: str) -> None:
    assert set(i18n.CATALOGS[code]) == set(REFERENCE)


@pytest.mark.parametrize("code", i18n.UI_LANGS)
def test_same_placeholders_in_every_language(code: str) -> None:
    differ = {
        key: (i18n.placeholders(text), i18n.placeholders(REFERENCE[key]))
        for key, text in i18n.CATALOGS[code].items()
        if i18n.placeholders(text) != i18n.placeholders(REFERENCE[key])
    }
    assert differ == {}


@pytest.mark.parametrize("code", i18n.UI_LANGS)
def test_no_empty_message(code: str) -> None:
    assert [k for k, v in i18n.CATALOGS[code].items() if not v.strip()] == []


def test_every_catalog_file_is_a_listed_language() -> None:
    files = {p.stem for p in i18n.LOCALES.glob("*.json")}
    assert files == set(i18n.UI_LANGS)
    for code in i18n.UI_LANGS:
        meta = json.loads((i18n.LOCALES / f"{code}.json").read_text(encoding="utf-8"))
        assert meta["_language"]["html_lang"] and meta["_language"]["name"]


def _asked_keys() -> set[str]:
    """Message ids the templates and the Python views ask for by literal name."""
    found: set[str] = set()
    call = re.compile(r"""\b(?:t|tn|label|plural_label)\(\s*["']([a-z_0-9]+)["']\s*[,)]""")
    for path in [*APP.glob("templates/*.html"), *APP.glob("*.py")]:
        found |= set(call.findall(path.read_text(encoding="utf-8")))
    help_keys = re.findall(r'"(help_[a-z_0-9]+)"', (APP / "help_page.py").read_text("utf-8"))
    return found | set(help_keys) | set(WIDGET_KEYS)


def test_every_message_asked_for_exists() -> None:
    assert sorted(_asked_keys() - set(REFERENCE)) == []


def test_a_label_in_each_language_is_the_catalog_text(client: FlaskClient) -> None:
    for code in i18n.UI_LANGS:
        body = client.get(f"/help?ui={code}").get_data(as_text=True)
        assert i18n.CATALOGS[code]["help_title"] in body
        assert f'lang="{i18n.HTML_LANG[code]}"' in body


def test_widget_labels_come_from_the_same_catalogs(client: FlaskClient) -> None:
    response = client.get("/widget/labels.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    body = response.get_data(as_text=True)
    prefix = "window.TaiyakuLabels="
    assert body.startswith(prefix) and body.endswith(";")
    served = json.loads(body[len(prefix) : -1])
    assert served["fallback"] == i18n.FALLBACK
    for code in i18n.UI_LANGS:
        assert served["labels"][code] == {k: i18n.CATALOGS[code][k] for k in WIDGET_KEYS}


def test_widget_has_no_labels_of_its_own() -> None:
    js = (APP / "static" / "widget.js").read_text(encoding="utf-8")
    for code in i18n.UI_LANGS:
        for key in ("no_results", "partial_hit", "legend_counterpart"):
            assert i18n.CATALOGS[code][key] not in js
