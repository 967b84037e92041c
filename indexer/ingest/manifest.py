"""Read data/documents.toml: which documents exist and which source files make them up.

A user adds a document by adding its files and one `[[document]]` entry; nothing in the
code names a particular file. Sources are listed with an explicit `priority` (1 = best):
where two sources give the same part of a document in one language, the better one wins.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzers.langs import LANGS as LANGUAGES
from indexer.errors import IngestError
from indexer.ingest.decoding import BIDI_CONTROLS
from indexer.records import Document

MANIFEST_NAME = "documents.toml"


@dataclass(frozen=True)
class SourceSpec:
    """One source file of a document: where it is, how it is laid out, what it holds."""

    file: str
    format: str
    languages: tuple[str, ...]
    priority: int


@dataclass(frozen=True)
class DocumentSpec:
    """A manifest entry: the document's metadata and its sources, best first.

    `langs`: the languages the user stated when adding it (`taiyaku add --lang zh,ja`, in
    file order); empty when they were detected. Stated languages are never overruled by
    detection when the document is read again.
    """

    document: Document
    sources: tuple[SourceSpec, ...]
    langs: tuple[str, ...] = ()

    @property
    def shared_lines(self) -> frozenset[str]:
        """Lines printed identically in both languages (number, issuer), per the manifest."""
        d = self.document
        return frozenset(s for s in (d.number, *d.issuer.values()) if s)


def load_manifest(data_dir: Path) -> list[DocumentSpec]:
    """Parse the manifest in `data_dir`; check every named file exists."""
    path = data_dir / MANIFEST_NAME
    if not path.is_file():
        raise IngestError(f"{path}: manifest not found")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise IngestError(f"{path}: invalid manifest: {err}") from err
    entries = raw.get("document")
    if not isinstance(entries, list) or not entries:
        raise IngestError(f"{path}: no [[document]] entries")
    specs = [_document(e, i, path, data_dir) for i, e in enumerate(entries, 1)]
    ids = [s.document.id for s in specs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise IngestError(f"{path}: duplicate document id {', '.join(dupes)}")
    return specs


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry or entry[key] in ("", None):
        raise IngestError(f"{where}: missing '{key}'")
    return entry[key]


def _document(entry: dict[str, Any], n: int, path: Path, data_dir: Path) -> DocumentSpec:
    where = f"{path}: document #{n}"
    doc_id = str(_require(entry, "id", where))
    where = f"{path}: document '{doc_id}'"
    if not doc_id.replace("-", "").replace("_", "").isalnum() or not doc_id.isascii():
        raise IngestError(f"{where}: id must be URL-safe ASCII (letters, digits, - and _)")
    document = Document(
        id=doc_id,
        number=str(entry.get("number", "")),
        date=_date(entry.get("date", ""), where),
        issuer=_lang_table(entry.get("issuer", {}), f"{where}: issuer"),
        title=_lang_table(entry.get("title", {}), f"{where}: title"),
    )
    raw_sources = entry.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise IngestError(f"{where}: no [[document.source]] entries")
    sources = [_source(s, i, where, data_dir) for i, s in enumerate(raw_sources, 1)]
    sources.sort(key=lambda s: s.priority)
    langs = {lang for s in sources for lang in s.languages}
    for lang in LANGUAGES:
        if lang not in langs:
            raise IngestError(f"{where}: no source gives the {lang} side")
    stated = entry.get("langs", [])
    if not isinstance(stated, list) or any(str(x) not in LANGUAGES for x in stated):
        raise IngestError(f"{where}: langs must be a list of {' and '.join(LANGUAGES)}")
    return DocumentSpec(document=document, sources=tuple(sources), langs=tuple(map(str, stated)))


def date_problem(date: str) -> str | None:
    """Why `date` is not a real date (YYYY-MM-DD, or YYYY-MM, or YYYY), or None."""
    import datetime as dt

    full = {4: date + "-01-01", 7: date + "-01", 10: date}.get(len(date), "")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", full):
            dt.date.fromisoformat(full)
            return None
    except ValueError:
        pass
    return f"{date[:40]!r} is not a date (YYYY-MM-DD)"


def _date(value: Any, where: str) -> str:
    date = str(value)  # a TOML date (unquoted) reads back as YYYY-MM-DD
    if date and (problem := date_problem(date)):
        raise IngestError(f"{where}: date {problem}")
    return date


def _lang_table(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, str):
        value = dict.fromkeys(LANGUAGES, value)
    if not isinstance(value, dict):
        raise IngestError(f"{where}: expected {{zh = ..., ja = ...}}")
    return {str(k): str(v).translate(BIDI_CONTROLS) for k, v in value.items()}


def _source(entry: dict[str, Any], n: int, where: str, data_dir: Path) -> SourceSpec:
    from indexer.ingest.readers import FORMATS  # late: readers import manifest types

    where = f"{where}: source #{n}"
    file = str(_require(entry, "file", where))
    fmt = str(_require(entry, "format", where))
    if fmt not in FORMATS:
        raise IngestError(f"{where}: unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    languages = tuple(str(x) for x in _require(entry, "languages", where))
    unknown = [x for x in languages if x not in LANGUAGES]
    if unknown:
        raise IngestError(f"{where}: unknown language {unknown[0]!r}")
    confine(file, data_dir, where)
    if not (data_dir / file).is_file():
        raise IngestError(f"{where}: file not found: {data_dir / file}")
    return SourceSpec(file, fmt, languages, int(entry.get("priority", n)))


def confine(file: str, data_dir: Path, where: str) -> None:
    """Refuse a source outside the data folder: absolute, `..`, or a symlink that escapes.

    Everything a source holds is published (`/api/doc/<id>` serves it), so a manifest line
    must never be able to pull in /etc/passwd or another user's files.
    """
    parts = Path(file).parts
    if Path(file).is_absolute() or file.startswith(("/", "\\")) or ".." in parts:
        raise IngestError(f"{where}: file must be a path inside the data folder, got {file!r}")
    base = data_dir.resolve()
    target = (data_dir / file).resolve()
    if not target.is_relative_to(base):
        raise IngestError(f"{where}: {file!r} leads outside the data folder (symlink to {target})")
