"""``/export``: every hit of a query (never one page) as CSV, JSON or TMX 1.4.

CSV starts with a UTF-8 BOM so Excel detects the encoding; TMX carries only pairs with both
sides, as ``zh-CN``/``ja`` segments with the clause id as ``tuid`` and the path as a prop,
which is what CAT tools (Trados, memoQ, OmegaT) import as a translation memory. Every
format says how each hit matched (every term or only some; word, substring, exact or fuzzy),
and ``view=kwic`` exports the concordance as CSV, one row per occurrence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from flask import Blueprint, Response, current_app, request

from engine.api import Hit, SearchResult
from search_app import kwic, params
from search_app.backend import get_engine
from search_app.errors import bad_parameter
from search_app.render import result_json
from search_app.views import path_text

bp = Blueprint("export", __name__)

CSV_COLUMNS = [
    "id", "document", "item", "path_zh", "path_ja", "zh", "ja", "score", "all_terms", "match_kind"
]  # fmt: skip
KWIC_COLUMNS = ["id", "document", "item", "lang", "left", "keyword", "right", "counterpart",
                "counterpart_kind", "all_terms", "match_kind", "other_lang", "other_left",
                "other_keyword", "other_right"]  # fmt: skip
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def side_text(hit: Hit, lang: str) -> str:
    side = hit.zh if lang == "zh" else hit.ja
    return side.text if side else ""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell that Excel or LibreOffice will not run as a formula (OWASP CSV injection).

    A text cell starting with `= + - @`, tab or carriage return is prefixed with a single
    quote, which spreadsheets show as text; numbers (scores) are left as numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet(columns: list[str], rows: Iterable[list[object]]) -> str:
    """CSV as Excel opens it: UTF-8 with a BOM, CRLF, formula-like cells neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def to_csv(hits: Iterable[Hit]) -> str:
    """Every hit, one row each (the columns of CSV_COLUMNS)."""
    return spreadsheet(
        CSV_COLUMNS,
        (
            [
                hit.id,
                hit.doc.id,
                hit.item or "",
                path_text(hit, "zh"),
                path_text(hit, "ja"),
                side_text(hit, "zh"),
                side_text(hit, "ja"),
                hit.score,
                int(hit.all_terms),
                hit.match_kind or "",
            ]
            for hit in hits
        ),
    )


def to_kwic_csv(found: Iterable[kwic.Line]) -> str:
    """The concordance as CSV: one row per occurrence, in the order shown on the page."""
    return spreadsheet(KWIC_COLUMNS, (_kwic_row(line) for line in found))


def _kwic_row(line: kwic.Line) -> list[object]:
    hit = line.hit
    kind = ("probable" if line.probable else "counterpart") if line.counterpart else ""
    return [
        hit.id,
        hit.doc.id,
        hit.item or "",
        line.lang,
        line.left,
        line.keyword,
        line.right,
        line.counterpart_text,
        kind,
        int(hit.all_terms),
        hit.match_kind or "",
        line.other_lang,
        line.other_left,
        line.other_keyword,
        line.other_right,
    ]


def match_prop(hit: Hit) -> str:
    """How a hit matched, for TMX: `all-terms word`, `some-terms substring`, `fuzzy 92%`…"""
    parts = ["all-terms" if hit.all_terms else "some-terms", hit.match_kind or "word"]
    if hit.similarity is not None:
        parts.append(f"{hit.similarity:g}%")
    return " ".join(parts)


def to_json(result: SearchResult) -> str:
    return json.dumps(result_json(result), ensure_ascii=False, indent=1)


def xml_text(value: str) -> str:
    return escape(_XML_INVALID.sub("", value))


def to_tmx(hits: Iterable[Hit], created: datetime | None = None) -> str:
    stamp = (created or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'<header creationtool="taiyaku" creationtoolversion="1.0" srclang="zh-CN" '
        f'segtype="sentence" o-tmf="taiyaku" adminlang="en" datatype="plaintext" '
        f'creationdate="{stamp}"/>',
        "<body>",
    ]
    for hit in hits:
        if not (hit.zh and hit.ja and hit.zh.text and hit.ja.text):
            continue
        lines += [
            f"<tu tuid={quoteattr(hit.id)}>",
            f'<prop type="x-path">{xml_text(path_text(hit, "zh"))}</prop>',
            f'<prop type="x-document">{xml_text(hit.doc.id)}</prop>',
            f'<prop type="x-match">{xml_text(match_prop(hit))}</prop>',
            f'<tuv xml:lang="zh-CN"><seg>{xml_text(hit.zh.text)}</seg></tuv>',
            f'<tuv xml:lang="ja"><seg>{xml_text(hit.ja.text)}</seg></tuv>',
            "</tu>",
        ]
    lines += ["</body>", "</tmx>", ""]
    return "\n".join(lines)


def filename(q: str, fmt: str) -> tuple[str, str]:
    """An ASCII fallback name and the UTF-8 name, both ``taiyaku-<query>.<fmt>``."""
    cleaned = re.sub(r"[\s\\/:*?\"<>|]+", "_", q).strip("._")[:60] or "export"
    ascii_name = re.sub(r"[^A-Za-z0-9_.-]+", "", cleaned) or "query"
    return f"taiyaku-{ascii_name}.{fmt}", f"taiyaku-{cleaned}.{fmt}"


@bp.get("/export")
def export() -> Response:
    fmt = params.choice(request.args, "format", tuple(FORMATS), "csv")
    search = params.search_request(request.args, current_app.config["DEFAULT_LIMIT"])
    if not search.q:
        raise bad_parameter("Export needs a query: add ?q=… to the URL.")
    result = get_engine().search(replace(search, limit=None, offset=0))
    if fmt == "csv" and params.view(request.args) == "kwic":
        chosen = params.rendering(request.args)
        found = kwic.lines(result.hits, result.query.expansions, rendering=chosen)
        ordered = kwic.sort_lines(found, params.kwic_sort(request.args))
        return download(to_kwic_csv(ordered), search.q + "-kwic", fmt)
    return download(FORMATS[fmt].render(result), search.q, fmt)


def download(body: str, name: str, fmt: str) -> Response:
    """`body` as an attachment named after the query."""
    mimetype = FORMATS[fmt].mimetype
    response = Response(body, mimetype=mimetype.split(";")[0])
    response.headers["Content-Type"] = mimetype
    fallback, utf8 = filename(name, fmt)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(utf8)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Format:
    """An export format: its content type and how a whole result becomes the file."""

    mimetype: str
    render: Callable[[SearchResult], str]


# The one registry of export formats: a new one is a function above and a line here.
FORMATS: dict[str, Format] = {
    "csv": Format("text/csv; charset=utf-8", lambda result: to_csv(result.hits)),
    "json": Format("application/json; charset=utf-8", to_json),
    "tmx": Format("application/x-tmx+xml; charset=utf-8", lambda result: to_tmx(result.hits)),
}
