"""``/help``: the query syntax, in the interface language, linked from every search form.

The syntax (AND/OR/NOT, phrases, prefixes, one-side and filter prefixes, sentence lookup)
was documented only in the README, which users of the web page never see. Each row is an
example query (a link that runs it) and what it finds; the explanations live in the
language catalogs (search_app/locales/).
"""

from __future__ import annotations

from flask import Blueprint, render_template

from search_app.i18n import current_ui, label

bp = Blueprint("help", __name__)

# (example query, extra URL parameters, catalog key of its explanation)
SYNTAX: list[tuple[str, dict[str, str], str]] = [
    ("跨境 数据", {}, "help_and"),
    ("金融 OR 保险", {}, "help_or"),
    ("北京 -金融", {}, "help_not"),
    ('"数字 贸易"', {}, "help_phrase"),
    ("財産*", {}, "help_prefix"),
    ("zh:跨境", {}, "help_side"),
    ("数据 item:24", {}, "help_filters"),
    ("推进资金跨境流动便利", {"mode": "tm"}, "help_tm"),
]

NOTES = ("help_note_1", "help_note_2", "help_note_3", "help_note_4")


@bp.get("/help")
def help_page() -> str:
    ui = current_ui()
    rows = [(q, extra, label(key, ui)) for q, extra, key in SYNTAX]
    notes = [label(key, ui) for key in NOTES]
    return render_template("help.html", rows=rows, notes=notes)
