"""Parse XML from users safely: no entity expansion, no DTDs fetching files, clear errors.

TMX and XLIFF files come from other people's tools. A crafted one (billion laughs, an
external entity reading /etc/passwd) must not exhaust memory or leak files, so parsing
goes through defusedxml, which refuses entity declarations outright. Nesting is bounded
too (`MAX_DEPTH`): 100,000 nested elements ended in a RecursionError traceback, and no
translation memory nests more than a handful of levels.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from indexer.errors import IngestError

_WRAP = re.compile(r"[ \t]*\n\s*")  # a line break and the indentation after it
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_DEPTH = 64
MAX_ELEMENTS = 2_000_000


def parse_xml(data: bytes, name: str) -> Element:
    """The document element; IngestError for entity tricks or malformed XML."""
    try:
        root = fromstring(data)
    except DefusedXmlException as err:
        raise IngestError(
            f"{name}: refused: the XML declares entities or a DTD ({type(err).__name__}); "
            "translation memories never need them"
        ) from err
    except ParseError as err:
        raise IngestError(f"{name}: not well-formed XML: {err}") from err
    _check_shape(root, name)
    return root


def _check_shape(root: Element, name: str) -> None:
    """Refuse elements nested deeper than `MAX_DEPTH` (walked without recursion)."""
    stack = [(root, 1)]
    count = 0
    while stack:
        el, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            what = f"nested over {MAX_DEPTH} levels" if depth > MAX_DEPTH else "too many elements"
            raise IngestError(f"{name}: refused: the XML is {what}")
        stack.extend((child, depth + 1) for child in el)


def local(tag: str) -> str:
    """Tag name without its namespace: {urn:oasis:...}trans-unit → trans-unit."""
    return tag.rsplit("}", 1)[-1]


def text_of(el: Element | None, skip: frozenset[str] = frozenset()) -> str:
    """All text inside an element, leaving out the content of `skip` tags (native codes)."""
    if el is None:
        return ""
    parts = [el.text or ""]
    for child in el:
        if local(child.tag) not in skip:
            parts.append(text_of(child, skip))
        parts.append(child.tail or "")
    return _WRAP.sub("", "".join(parts)).strip()
