"""The concordance (KWIC): the occurrence module on hand-made hits, then the page and CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask.testing import FlaskClient

from engine.api import DocRef, Equivalent, Hit, Mark, Side, Title
from search_app.kwic import lines, sort_lines


def hit(hid: str, zh: Side, ja: Side) -> Hit:
    return Hit(hid, DocRef("d", Title()), [], None, 0, 1.0, zh, ja)


def q(start: int, end: int) -> Mark:
    return Mark(start, end, "query")


def c(start: int, end: int, kind: str = "counterpart") -> Mark:
    return Mark(start, end, kind)  # type: ignore[arg-type]


def equivalent(source: str, target: str) -> Equivalent:
    return Equivalent(source, "zh", "ja", target, 1, 1.0, "learned")


def test_one_line_per_query_mark_with_context_and_counterpart() -> None:
    h = hit("a", Side("推进资金跨境流动便利", [q(4, 6)]), Side("資金クロスボーダー流動", [c(2, 9)]))
    [line] = lines([h])
    assert (line.left, line.keyword, line.right) == ("推进资金", "跨境", "流动便利")
    assert line.counterpart == ("クロスボーダー",) and line.lang == "zh" and not line.probable


def test_context_is_cut_at_the_far_ends() -> None:
    text = "一" * 50 + "跨境" + "二" * 50
    [line] = lines([hit("a", Side(text, [q(50, 52)]), Side("", []))], context=5)
    assert line.left == "一" * 5 and line.right == "二" * 5


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [("数据", ("データ",)), ("安全", ("セキュリティ",))],
    ids=["数据→データ", "安全→セキュリティ"],
)
def test_each_term_gets_its_own_rendering(keyword: str, expected: tuple[str, ...]) -> None:
    zh = Side("数据安全", [q(0, 2), q(2, 4)])
    ja = Side("データセキュリティ", [c(0, 3), c(3, 9)])
    found = lines(
        [hit("a", zh, ja)], [equivalent("数据", "データ"), equivalent("安全", "セキュリティ")]
    )
    assert next(x for x in found if x.keyword == keyword).counterpart == expected


def test_probable_only_renderings_are_said_to_be_probable() -> None:
    [line] = lines([hit("a", Side("跨境", [q(0, 2)]), Side("越境", [c(0, 2, "probable")]))])
    assert line.probable and line.counterpart == ("越境",)


def test_sorting_left_reads_backwards_right_forwards_counterpart_groups() -> None:
    hits = [
        hit("1", Side("乙甲跨境丙", [q(2, 4)]), Side("X", [c(0, 1)])),
        hit("2", Side("甲乙跨境甲", [q(2, 4)]), Side("", [])),
        hit("3", Side("丙丙跨境乙", [q(2, 4)]), Side("A", [c(0, 1)])),
    ]
    found = lines(hits)
    by = {
        key: [x.hit.id for x in sort_lines(found, key)] for key in ("left", "right", "counterpart")
    }
    assert by["left"] == sorted("123", key=lambda i: found[int(i) - 1].left[-1])
    assert by["right"] == sorted("123", key=lambda i: found[int(i) - 1].right)
    assert by["counterpart"] == ["3", "1", "2"]  # A, X, then the line with none
    assert [x.hit.id for x in sort_lines(found, "hit")] == ["1", "2", "3"]


def test_kwic_view_on_the_page(client: FlaskClient) -> None:
    html = client.get("/", query_string={"q": "跨境", "view": "kwic"}).get_data(as_text=True)
    assert 'class="kwic"' in html and html.count('class="kwic-line') > 3
    assert "クロスボーダー" in html.split('class="kwic"')[1]  # counterparts beside the terms
    for key in ("left", "right", "counterpart"):
        assert f'data-ksort="{key}"' in html
    sorted_page = client.get("/", query_string={"q": "跨境", "view": "kwic", "ksort": "right"})
    assert 'data-ksort="right"' in sorted_page.get_data(as_text=True)
    bad = client.get("/", query_string={"q": "跨境", "ksort": "sideways"})
    assert bad.status_code == 400 and "ksort" in bad.get_data(as_text=True)


def test_kwic_csv_export_is_one_row_per_line_in_page_order(client: FlaskClient) -> None:
    page = client.get("/", query_string={"q": "跨境", "view": "kwic", "ksort": "left"})
    shown = page.get_data(as_text=True).count('class="kwic-line')
    body = client.get(
        "/export", query_string={"q": "跨境", "format": "csv", "view": "kwic", "ksort": "left"}
    ).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == shown
    assert {"left", "keyword", "right", "counterpart", "match_kind"} <= set(rows[0])
    lefts = [r["left"][::-1] for r in rows]
    assert lefts == sorted(lefts)


# --- the parallel concordance (issue #23) -------------------------------------------------


def test_the_other_side_has_its_own_context_around_the_rendering() -> None:
    zh = Side("推进资金跨境流动便利", [q(4, 6)])
    ja = Side("資金クロスボーダー流動利便化の推進", [c(2, 9)])
    [line] = lines([hit("a", zh, ja)])
    assert (line.other_left, line.other_keyword, line.other_right) == (
        "資金",
        "クロスボーダー",
        "流動利便化の推進",
    )


def test_the_nth_occurrence_faces_the_nth_rendering() -> None:
    zh = Side("甲跨境乙乙乙乙乙乙丙跨境丁", [q(1, 3), q(10, 12)])
    ja = Side("Aクロスボーダー BBBBBB Cクロスボーダー D", [c(1, 8), c(17, 24)])
    first, second = lines([hit("a", zh, ja)])
    assert first.other_left == "A" and second.other_left.endswith("C")


def test_sorting_by_the_other_sides_context() -> None:
    hits = [
        hit("1", Side("跨境", [q(0, 2)]), Side("bXc", [c(1, 2)])),
        hit("2", Side("跨境", [q(0, 2)]), Side("aXd", [c(1, 2)])),
        hit("3", Side("跨境", [q(0, 2)]), Side("無", [])),
    ]
    found = lines(hits)
    assert [x.hit.id for x in sort_lines(found, "other_left")] == ["2", "1", "3"]
    assert [x.hit.id for x in sort_lines(found, "other_right")] == ["1", "2", "3"]


def test_rendering_filter_keeps_exactly_the_lines_with_that_rendering() -> None:
    hits = [
        hit("1", Side("跨境", [q(0, 2)]), Side("クロスボーダー", [c(0, 7)])),
        hit("2", Side("跨境", [q(0, 2)]), Side("越境", [c(0, 2)])),
        hit("3", Side("跨境", [q(0, 2)]), Side("越境とクロスボーダー", [c(0, 2), c(3, 10)])),
    ]
    kept = lines(hits, rendering="クロスボーダー")
    assert [x.hit.id for x in kept] == ["1", "3"]
    assert all(x.other_keyword == "クロスボーダー" for x in kept)
    assert kept[1].other_left == "越境と"


def _kwic_rows(client: FlaskClient, **args: str) -> list[dict[str, str]]:
    body = client.get(
        "/export", query_string={"q": "跨境", "format": "csv", "view": "kwic", **args}
    ).get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_page_shows_both_contexts_and_filters_by_rendering(client: FlaskClient) -> None:
    page = client.get("/", query_string={"q": "跨境", "view": "kwic", "ui": "en"})
    html = page.get_data(as_text=True)
    table = html.split('class="kwic"')[1]
    assert 'class="kwic-oleft"' in table and 'class="kwic-oright"' in table
    assert re.search(r'class="kwic-oleft" lang="ja"><span>[^<]+</span>', table)
    for key in ("other_left", "other_right", "counterpart"):
        assert f'data-ksort="{key}"' in html
    assert "¶ (a pilcrow)" in html  # the last column is explained
    every = html.count('class="kwic-line')
    chips = re.findall(r'data-rendering="([^"]+)"><?[^>]*>?([^<]*)', html)
    assert chips
    chosen = "クロスボーダー"
    filtered = client.get("/", query_string={"q": "跨境", "view": "kwic", "rendering": chosen})
    fhtml = filtered.get_data(as_text=True)
    kept = re.findall(r'data-kind="(?:counterpart|probable)"[^>]*>([^<]+)</mark></td>', fhtml)
    assert kept and set(kept) == {chosen} and len(kept) <= every
    rows = _kwic_rows(client, rendering=chosen)
    assert len(rows) == len(kept)
    assert all(chosen in r["counterpart"].split(" / ") for r in rows)


def test_kwic_csv_has_both_contexts(client: FlaskClient) -> None:
    rows = _kwic_rows(client)
    assert {"other_lang", "other_left", "other_keyword", "other_right"} <= set(rows[0])
    with_rendering = [r for r in rows if r["other_keyword"]]
    assert with_rendering and all(r["other_lang"] in ("zh", "ja") for r in rows)
    assert any(r["other_left"] or r["other_right"] for r in with_rendering)
    sorted_rows = _kwic_rows(client, ksort="other_right")
    keys = [r["other_right"] for r in sorted_rows if r["other_keyword"]]
    assert keys == sorted(keys)
