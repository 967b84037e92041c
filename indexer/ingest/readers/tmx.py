"""TMX 1.4 translation memories (as CAT tools export them): each <tu> is one aligned pair.

Variants are picked by `xml:lang` (or the TMX 1.1 `lang`), any zh-* and ja-* tag; inline
native codes (<bpt>, <ept>, <ph>, <it>) are markup of the original file, not text, and are
dropped. The unit's `tuid` and its <note>s are kept.
"""

from __future__ import annotations

from indexer.errors import IngestError
from indexer.ingest.language import NAMES, language_of_code
from indexer.ingest.paragraphs import ReadContext
from indexer.ingest.readers.xmlsafe import XML_LANG, local, parse_xml, text_of
from indexer.ingest.units import Unit

CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def read_tmx(data: bytes, ctx: ReadContext) -> list[Unit]:
    """Aligned units of a TMX file; IngestError when it lacks a language or any unit."""
    root = parse_xml(data, ctx.name)
    if local(root.tag) != "tmx":
        raise IngestError(f"{ctx.name}: expected a <tmx> document, found <{local(root.tag)}>")
    units, seen = [], set()
    for tu in root.iter():
        if local(tu.tag) != "tu":
            continue
        sides: dict[str, str] = {}
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            code = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seen.add(code)
            lang = language_of_code(code)
            seg = next((s for s in tuv if local(s.tag) == "seg"), None)
            if lang and lang not in sides:
                sides[lang] = text_of(seg, CODES)
        notes = " / ".join(text_of(n) for n in tu if local(n.tag) == "note")
        if sides.get("zh") or sides.get("ja"):
            units.append(Unit(sides.get("zh", ""), sides.get("ja", ""), tu.get("tuid", ""), notes))
    check_units(units, ctx.name, "language variants", seen)
    return units


def check_units(units: list[Unit], name: str, what: str, seen: set[str]) -> None:
    """A pre-aligned file must give both languages somewhere; say which codes it had."""
    if not units:
        raise IngestError(f"{name}: no translation units with Chinese or Japanese text")
    for lang in ("zh", "ja"):
        if not any(getattr(u, lang) for u in units):
            found = ", ".join(sorted(c for c in seen if c)) or "none"
            raise IngestError(
                f"{name}: no {NAMES[lang]} ({lang}) text in any unit; {what} found: {found}"
            )
