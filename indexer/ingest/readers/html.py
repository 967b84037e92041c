"""HTML pages (one language each, e.g. a ministry's page and its translation).

Block elements (p, li, td, div, h1–h6 …) become paragraphs; h1–h6 become headings;
script, style, navigation and footer boilerplate are skipped. Character references are
decoded by the parser; the page's declared charset is honoured through `decode`'s
UTF-8 / GB18030 / CP932 detection.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser

from indexer.ingest.decoding import decode
from indexer.ingest.language import label_paragraphs
from indexer.ingest.paragraphs import Paragraph, ReadContext, is_shared_line, join_text

BLOCKS = frozenset(
    [
        "p",
        "li",
        "td",
        "th",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "caption",
        "title",
        "br",
        "tr",
        "section",
        "article",
    ]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
SKIP = frozenset(["script", "style", "nav", "header", "footer", "noscript", "template", "head"])


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, int, bool]] = []
        self.buffer: list[str] = []
        self.skipping = 0
        self.heading = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self.flush()
            self.heading = tag in HEADINGS

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(data)

    def flush(self) -> None:
        text = squash_spaces("".join(self.buffer))
        if text:
            self.paragraphs.append((text, self.getpos()[0], self.heading))
        self.buffer.clear()
        self.heading = False


def squash_spaces(text: str) -> str:
    """Collapse source line breaks: none between CJK characters, one space between words."""
    return functools.reduce(join_text, text.split(), "")


def read_html(text: str, ctx: ReadContext) -> list[Paragraph]:
    """Paragraphs of an HTML page in its declared language; headings from h1–h6."""
    parser = _Collector()
    parser.feed(text)
    parser.close()
    parser.flush()
    paras = [
        Paragraph(t, "", line, bold=head, shared=is_shared_line(t, ctx.shared))
        for t, line, head in parser.paragraphs
    ]
    return label_paragraphs(
        paras, ctx.languages, ctx.name, "block elements and h1–h6 headings", ctx.stated
    )


def read_html_bytes(data: bytes, ctx: ReadContext) -> list[Paragraph]:
    return read_html(decode(data, ctx.name), ctx)
