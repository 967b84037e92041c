"""Browser tests: Debian's Chromium driven by Playwright, against live servers.

The app runs under werkzeug's threaded server on a free port; a second server on another
port plays the intranet page that embeds the widget and the iframe, so both embeds are
really cross-origin. Screenshots land in tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from engine.api import Engine

from .conftest import QUERY, make_app
from .live_servers import CHROMIUM, CHROMIUM_ARGS, Live, host_page

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def context(playwright: Playwright) -> Iterator[BrowserContext]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="taiyaku-chromium-") as profile:
        ctx = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
            locale="en-US",
        )
        yield ctx
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh tab; fails the test on console errors (CSP violations show up there)."""
    context.clear_cookies()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    tab.close()
    assert errors == []


def shot(page: Page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_type_query_highlights_both_columns(page: Page, live: dict[str, str]) -> None:
    page.goto(live["app"] + "/")
    assert page.evaluate("document.activeElement.id") == "q"  # focus on load
    shot(page, "01-home")
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_selector("article.hit")
    assert f"q={QUERY}" in page.url or "q=%E8%B7%A8%E5%A2%83" in page.url
    hits = page.locator("article.hit")
    assert hits.count() > 0
    expect(hits.first.locator(".side-zh mark").first).to_be_visible()
    assert page.locator(".side-zh mark").count() > 0
    assert page.locator(".side-ja mark").count() > 0
    assert page.locator(".crumbs li").count() >= 2
    shot(page, "02-results")


def test_click_facet_bar_filters(page: Page, live: dict[str, str], sample: dict) -> None:
    page.goto(f"{live['app']}/?q={QUERY}")
    item, count = max(sample["items"].items(), key=lambda kv: kv[1])
    page.locator(f'.bars a.bar[data-item="{item}"]').click()
    page.wait_for_url(f"**item={item}**")
    assert page.locator("#result-count").get_attribute("data-total") == str(count)
    crumbs = page.locator("article.hit .crumbs")
    for i in range(crumbs.count()):
        assert item in crumbs.nth(i).inner_text()
    expect(page.locator(f'.bars a.bar.selected[data-item="{item}"]')).to_be_visible()
    shot(page, "03-filtered")


def test_open_permalink(page: Page, live: dict[str, str]) -> None:
    page.goto(f"{live['app']}/?q={QUERY}")
    first = page.locator("article.hit").first
    clause_id = first.get_attribute("data-clause")
    first.locator("a.permalink").click()
    page.wait_for_url("**/clause/**")
    current = page.locator("article.hit.current")
    assert current.get_attribute("data-clause") == clause_id
    assert page.locator("article.hit").count() > 1  # neighbouring clauses
    shot(page, "04-permalink")


def test_switch_interface_language(page: Page, live: dict[str, str]) -> None:
    page.goto(f"{live['app']}/?q={QUERY}")
    page.locator('.ui-langs a[data-ui="ja"]').click()
    page.wait_for_url("**ui=ja**")
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("form.search button")).to_have_text("検索")
    page.goto(live["app"] + "/glossary")  # the choice is remembered
    expect(page.locator("h1")).to_have_text("対訳語集")
    shot(page, "05-glossary-ja")
    page.locator('.ui-langs a[data-ui="zh"]').click()
    expect(page.locator("h1")).to_have_text("对译词表")


def test_export_csv_download(page: Page, live: dict[str, str], sample: dict) -> None:
    page.goto(f"{live['app']}/?q={QUERY}&limit=2")
    with page.expect_download() as info:
        page.locator('a[data-format="csv"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "id"
    assert len(rows) - 1 == sample["total"]  # every hit, not the page of 2


def test_widget_on_another_origin(page: Page, live: dict[str, str]) -> None:
    page.goto(live["host"] + "/widget.html")
    box = page.locator("#tw input[type=search]")
    box.fill(QUERY)
    box.press("Enter")
    page.wait_for_selector("#tw .tyw-hit")
    assert page.locator("#tw .tyw-hit").count() == 3
    assert page.locator("#tw .tyw-zh mark").count() > 0
    assert page.locator("#tw .tyw-ja mark").count() > 0
    expect(page.locator("#tw .tyw-button")).to_have_text("検索")  # data-ui="ja"
    expect(page.locator("#tw .tyw-count")).to_contain_text("件")
    link = page.locator("#tw .tyw-link").first.get_attribute("href") or ""
    assert link.startswith(live["app"] + "/clause/")
    shot(page, "06-widget")


def test_iframe_embed(page: Page, live: dict[str, str]) -> None:
    page.goto(live["host"] + "/iframe.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator("article.hit").first).to_be_visible()
    assert frame.locator(".side-ja mark").count() > 0
    shot(page, "07-iframe")


def test_script_query_is_text(page: Page, live: dict[str, str]) -> None:
    page.goto(live["app"] + "/")
    page.locator("#q").fill("<script>alert(1)</script>")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=%3Cscript**")
    page.wait_for_selector("#result-count")
    assert page.locator("#q").input_value() == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" in page.title()


def test_document_page_and_phone_layout(
    page: Page, live: dict[str, str], sample: dict, browser_phone: Page
) -> None:
    page.goto(f"{live['app']}/doc/{sample['doc']}?q={QUERY}")
    assert page.locator(".outline li").count() > 0
    assert page.locator(".side-ja mark").count() > 0
    shot(page, "08-document")
    browser_phone.goto(f"{live['app']}/?q={QUERY}")
    zh = browser_phone.locator("article.hit .side-zh").first.bounding_box()
    ja = browser_phone.locator("article.hit .side-ja").first.bounding_box()
    assert zh and ja and ja["y"] > zh["y"]  # stacked on a phone
    shot(browser_phone, "09-phone", full=False)


@pytest.fixture
def browser_phone(context: BrowserContext) -> Iterator[Page]:
    tab = context.new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    yield tab
    tab.close()


_ = Browser  # imported for type hints in helpers the lead may add

# --- issue #13: layout at 1280 and 390 px, mark kinds, widget, screenshots -----------------

PARTIAL = "数据 安全"
SCREENSHOTS = ARTIFACTS / "screenshots"


def top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return box["y"]


def test_phone_results_first_facets_folded(browser_phone: Page, live: dict[str, str]) -> None:
    browser_phone.goto(f"{live['app']}/?q={PARTIAL}")
    assert top(browser_phone, "article.hit") < 844  # the first result is on the first screen
    assert browser_phone.locator("details.facets-box").get_attribute("open") is None
    browser_phone.locator("details.facets-box summary").click()
    expect(browser_phone.locator(".bars")).to_be_visible()
    assert browser_phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_phone_glossary_and_document_fit(browser_phone: Page, live: dict[str, str]) -> None:
    browser_phone.goto(f"{live['app']}/glossary")
    assert browser_phone.evaluate("document.documentElement.scrollWidth") <= 390
    browser_phone.goto(f"{live['app']}/")
    browser_phone.locator(".doc-list a").first.click()
    browser_phone.wait_for_selector("article.hit")
    assert browser_phone.locator("nav.outline details").get_attribute("open") is None
    assert top(browser_phone, "article.hit") < 844  # text before any outline entry


def test_permalink_scrolls_to_the_clause_and_marks_the_query(
    browser_phone: Page, live: dict[str, str]
) -> None:
    browser_phone.goto(f"{live['app']}/?q={QUERY}&sort=document")
    href = browser_phone.locator("a.permalink").nth(2).get_attribute("href") or ""
    assert "q=" in href
    browser_phone.goto(live["app"] + href)
    current = browser_phone.locator("article.hit.current")
    box = current.bounding_box()
    assert box and 0 <= box["y"] < 844  # in view, not the third box off-screen
    assert current.locator('mark[data-kind="query"]').count() > 0


def test_every_bar_is_inside_the_chart(page: Page, live: dict[str, str]) -> None:
    page.goto(f"{live['app']}/?q=北京")
    chart = page.locator(".bars").bounding_box()
    bars = page.locator(".bars .bar")
    assert chart and bars.count() > 1
    for i in range(bars.count()):
        box = bars.nth(i).bounding_box()
        assert (
            box
            and box["x"] >= chart["x"] - 1
            and box["x"] + box["width"] <= chart["x"] + chart["width"] + 1
        )


def mark_styles(frame: Any, prefix: str = "m-") -> dict[str, str]:
    return {
        kind: frame.locator(f"mark.{prefix}{kind}").first.evaluate(
            "e => getComputedStyle(e).borderBottomStyle"
        )
        for kind in ("query", "counterpart", "probable")
    }


def test_mark_kinds_differ_by_line_not_only_hue(page: Page, live: dict[str, str]) -> None:
    expected = {"query": "solid", "counterpart": "dashed", "probable": "dotted"}
    page.goto(f"{live['app']}/?q={QUERY}")
    assert mark_styles(page) == expected  # the legend holds one of each kind
    page.goto(live["host"] + "/iframe.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".legend")).to_be_visible()
    assert mark_styles(frame) == expected
    page.goto(live["host"] + "/widget.html")
    page.locator("#tw input[type=search]").fill(PARTIAL)
    page.locator("#tw input[type=search]").press("Enter")
    page.wait_for_selector("#tw .tyw-hit")
    assert mark_styles(page.locator("#tw"), "tyw-m-") == expected
    expect(page.locator("#tw .tyw-note")).to_be_visible()  # "5 … every term · 9 …" in ja
    assert page.locator('#tw mark[data-kind="counterpart"]').count() > 0  # built from marks


def test_widget_flags_partial_hits(page: Page, live: dict[str, str]) -> None:
    page.goto(live["host"] + "/widget.html?limit=20")
    page.locator("#tw input[type=search]").fill(PARTIAL)
    page.locator("#tw input[type=search]").press("Enter")
    page.wait_for_selector("#tw .tyw-hit")
    hits = page.locator("#tw .tyw-hit")
    partial = page.locator("#tw .tyw-hit.tyw-partial")
    assert partial.count() > 0 and partial.count() < hits.count()
    assert page.locator('#tw .tyw-partial [data-flag="partial"]').count() == partial.count()


def test_widget_offers_a_typo_s_correction_beside_the_clauses_with_some_of_its_words(
    page: Page, live: dict[str, str]
) -> None:
    page.goto(live["host"] + "/widget.html")
    page.locator("#tw input[type=search]").fill("知识产全")
    page.locator("#tw input[type=search]").press("Enter")
    page.wait_for_selector("#tw .tyw-hit")
    expect(page.locator('#tw .tyw-note[data-match="words"]')).to_be_visible()
    expect(page.locator("#tw .tyw-suggestion").first).to_contain_text("知识产权")


def test_widget_explains_a_cors_refusal(context: BrowserContext, engine: Engine) -> None:
    app_url: dict[str, str] = {}
    host = Live(host_page(app_url))
    server = Live(make_app(engine))  # no CORS_ORIGINS
    app_url["url"] = server.url
    tab = context.new_page()
    try:
        tab.goto(host.url + "/widget.html")
        tab.locator("#tw input[type=search]").fill(QUERY)
        tab.locator("#tw input[type=search]").press("Enter")
        expect(tab.locator("#tw .tyw-status")).to_contain_text("TAIYAKU_CORS_ORIGINS")
        expect(tab.locator("#tw .tyw-status")).to_contain_text(host.url)
    finally:
        tab.close()
        server.stop()
        host.stop()


def test_kwic_sorts_by_right_context(page: Page, live: dict[str, str]) -> None:
    page.goto(f"{live['app']}/?q={QUERY}")
    page.locator('.view-toggle a[data-view="kwic"]').click()
    page.wait_for_selector("table.kwic")
    page.locator('.kwic-sort a[data-ksort="right"]').click()
    page.wait_for_url("**ksort=right**")
    rights = page.locator("table.kwic td.kwic-right").all_inner_texts()
    assert len(rights) > 3 and rights == sorted(rights)
    # parallel concordance: each side centred on its own half (term, then its rendering)
    table = page.locator("table.kwic").bounding_box()
    assert table
    for cell, lo, hi in (("kwic-kw", 0.1, 0.45), ("kwic-cp", 0.55, 0.85)):
        box = page.locator(f"table.kwic td.{cell}").first.bounding_box()
        centre = box["x"] + box["width"] / 2 if box else -1
        assert table["x"] + table["width"] * lo < centre < table["x"] + table["width"] * hi


PAGES = {
    "search": f"/?q={PARTIAL}",
    "kwic": f"/?q={PARTIAL}&view=kwic",
    "empty": "/?q=电子商务",
    "glossary": "/glossary",
    "clause": None,  # filled from the engine
    "document": None,
}


@pytest.mark.parametrize("ui", ["zh", "ja", "en"])
def test_screenshots_at_both_widths(
    context: BrowserContext, live: dict[str, str], sample: dict, ui: str
) -> None:
    """Every page at 1280 and 390 px for a human to look at; none overflows sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    urls = {
        **PAGES,
        "clause": f"/clause/{sample['clause']}?q={QUERY}",
        "document": f"/doc/{sample['doc']}?q={QUERY}",
    }
    tab = context.new_page()
    try:
        for width, height in ((1280, 900), (390, 844)):
            tab.set_viewport_size({"width": width, "height": height})
            for name, url in urls.items():
                tab.goto(f"{live['app']}{url}{'&' if '?' in url else '?'}ui={ui}")
                assert tab.evaluate("document.documentElement.scrollWidth") <= width, name
                tab.screenshot(
                    path=str(SCREENSHOTS / f"{name}-{width}-{ui}.png"), full_page=width > 400
                )
    finally:
        tab.close()
