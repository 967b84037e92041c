"""XLIFF 1.2 and 2.x bilingual files: each unit's source and target are one aligned pair.

The file declares its languages once (1.2: `source-language`/`target-language` on <file>;
2.x: `srcLang`/`trgLang` on <xliff>); either may be the Chinese side. Unit ids and notes
are kept; inline codes (<ph>, <pc> content stays, <bpt>/<ept> native code goes).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from indexer.errors import IngestError
from indexer.ingest.language import language_of_code
from indexer.ingest.paragraphs import ReadContext
from indexer.ingest.readers.tmx import check_units
from indexer.ingest.readers.xmlsafe import local, parse_xml, text_of
from indexer.ingest.units import Unit

CODES = frozenset({"bpt", "ept", "ph", "it", "sc", "ec", "sm", "em"})


def read_xliff(data: bytes, ctx: ReadContext) -> list[Unit]:
    """Aligned units of an XLIFF file, whichever language is the source."""
    root = parse_xml(data, ctx.name)
    if local(root.tag) != "xliff":
        raise IngestError(f"{ctx.name}: expected an <xliff> document, found <{local(root.tag)}>")
    units: list[Unit] = []
    seen: set[str] = set()
    files = [f for f in root.iter() if local(f.tag) == "file"]
    for f in files:
        src = root.get("srcLang") or f.get("source-language") or ""
        trg = root.get("trgLang") or f.get("target-language") or ""
        seen |= {src, trg}
        langs = (language_of_code(src), language_of_code(trg))
        for el in f.iter():
            if local(el.tag) in ("trans-unit", "unit"):
                units.append(_unit(el, langs))
    units = [u for u in units if u.zh or u.ja]
    check_units(units, ctx.name, "declared languages", seen)
    return units


def _unit(el: Element, langs: tuple[str | None, str | None]) -> Unit:
    """One unit; XLIFF 2 units may hold several segments, joined in order."""
    sources = [c for c in el.iter() if local(c.tag) == "source"]
    targets = [c for c in el.iter() if local(c.tag) == "target"]
    texts = {
        langs[0]: "".join(text_of(s, CODES) for s in sources),
        langs[1]: "".join(text_of(t, CODES) for t in targets),
    }
    notes = " / ".join(text_of(n) for n in el.iter() if local(n.tag) == "note")
    return Unit(texts.get("zh", ""), texts.get("ja", ""), el.get("id", ""), notes)
