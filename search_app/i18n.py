"""Interface labels in Chinese, Japanese and English.

Only the labels change language: the documents are always shown in both. The language is
chosen by ``?ui=`` (remembered in a cookie), then the cookie, then ``Accept-Language``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request

from engine.api import MAX_QUERY_CHARS

# One catalog per language in search_app/locales/<code>.json, keyed by message id; a new
# language is that file plus its code here (the completeness test checks every key).
UI_LANGS = ("zh", "ja", "en")
FALLBACK = "en"
COOKIE = "taiyaku_ui"
LOCALES = Path(__file__).with_name("locales")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def load_catalog(code: str) -> dict[str, str]:
    """The messages of ``code`` (without the ``_language`` block)."""
    data = json.loads((LOCALES / f"{code}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _language(code: str) -> dict[str, str]:
    return json.loads((LOCALES / f"{code}.json").read_text(encoding="utf-8"))["_language"]


CATALOGS: dict[str, dict[str, str]] = {code: load_catalog(code) for code in UI_LANGS}
HTML_LANG = {code: _language(code)["html_lang"] for code in UI_LANGS}
UI_NAMES = {code: _language(code)["name"] for code in UI_LANGS}


def placeholders(text: str) -> set[str]:
    """The ``{field}`` names a message fills in (the same in every language)."""
    return set(_PLACEHOLDER.findall(text))


def label(key: str, ui: str, **fields: object) -> str:
    """The label ``key`` in language ``ui``, with ``{fields}`` filled in."""
    catalog = CATALOGS.get(ui) or CATALOGS[FALLBACK]
    text = catalog.get(key)
    if text is None:
        return key
    return text.format(**fields) if fields else text


def plural_label(key: str, n: int, ui: str, /, **fields: object) -> str:
    """``key_one`` when ``n`` is 1 and that label exists, else ``key`` (English needs it:
    "1 document", "2 documents"; Chinese and Japanese do not inflect)."""
    one = f"{key}_one"
    return label(one if n == 1 and one in CATALOGS[FALLBACK] else key, ui, **fields)


def choose_ui() -> str:
    """``?ui=`` first, then the cookie, then Accept-Language, then the configured default."""
    asked = request.args.get("ui", "")
    if asked in UI_LANGS:
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in UI_LANGS:
        return cookie
    best = request.accept_languages.best_match(UI_LANGS)
    if best:
        return best
    default = current_app.config.get("DEFAULT_UI", "en")
    return default if default in UI_LANGS else FALLBACK


def current_ui() -> str:
    if "ui" not in g:
        g.ui = choose_ui()
    return g.ui


def remember_choice(response: Response) -> Response:
    """Keep an explicit ``?ui=`` choice in a cookie for the next pages."""
    asked = request.args.get("ui", "") if "ui" in request.args else ""  # no KeyError raised
    if asked in UI_LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE,
            asked,
            max_age=365 * 24 * 3600,
            path=request.script_root or "/",
            samesite="Lax",
        )
    return response


def ui_url(code: str) -> str:
    """This very page with the interface switched to ``code`` (respects the mount prefix)."""
    # A refused overlong value is not carried into the links (a 100,000-character query
    # once made the 400 page 2.85 MB: three language links, each repeating it).
    args = [
        (k, v) for k, v in request.args.items(multi=True) if k != "ui" and len(v) <= MAX_QUERY_CHARS
    ] + [("ui", code)]
    return f"{request.script_root}{request.path}?{urlencode(args)}"


def register(app: Flask) -> None:
    app.after_request(remember_choice)

    @app.context_processor
    def labels() -> dict[str, object]:
        def t(key: str, **fields: object) -> str:
            return label(key, current_ui(), **fields)

        def tn(key: str, n: int, /, **fields: object) -> str:
            return plural_label(key, n, current_ui(), **fields)

        return {
            "t": t,
            "tn": tn,
            "ui": current_ui(),
            "ui_langs": UI_LANGS,
            "ui_names": UI_NAMES,
            "html_lang": HTML_LANG[current_ui()],
            "ui_url": ui_url,
        }
