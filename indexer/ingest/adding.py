"""`taiyaku add` / `taiyaku remove`: put a document's files into the data folder and manifest.

Everything is checked before anything is written: the format and languages are detected
by actually reading the files, and the new document is ingested (structure, alignment)
from its copied files; only then is the manifest replaced, atomically (temp file +
os.replace). A failure removes the copies, so a bad file never leaves a half-added entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import IngestError
from indexer.ingest.corpus import DocumentReport, build_document
from indexer.ingest.language import WrongLanguage
from indexer.ingest.manifest import MANIFEST_NAME, DocumentSpec, SourceSpec, load_manifest
from indexer.ingest.paragraphs import ReadContext
from indexer.ingest.readers import FORMATS, Reading
from indexer.ingest.sniff import sniff_format
from indexer.records import Clause, Document

HEADER = "# Documents of the corpus (see README, 'Adding a document').\n"
_ENTRY = re.compile(r"(?m)^\[\[document\]\][ \t]*$")


@dataclass(frozen=True)
class Found:
    """What one file turned out to be."""

    file: Path
    format: str
    languages: tuple[str, ...]
    reading: Reading


@dataclass(frozen=True)
class Added:
    """The manifest entry written and what ingestion made of it."""

    spec: DocumentSpec
    found: tuple[Found, ...]
    report: DocumentReport
    clauses: tuple[Clause, ...] = ()


def inspect(path: Path, bilingual: bool, stated: str | None = None) -> Found:
    """Detect a file's format and language(s) by reading it; IngestError if it cannot be read.

    `stated`: the language the user gave for a monolingual file; it is read as that
    language, and detection never overrules it.
    """
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: file is empty")
    fmt = sniff_format(path, data, bilingual)
    spec = FORMATS[fmt]
    if bilingual and not spec.bilingual:
        raise IngestError(f"{path}: a {fmt} file holds one language; add the two files together")
    if bilingual:
        return Found(path, fmt, ("zh", "ja"), spec.read(data, ReadContext(str(path), ("zh", "ja"))))
    if not spec.monolingual:
        raise IngestError(f"{path}: a {fmt} file holds both languages; add it on its own")
    if stated:
        ctx = ReadContext(str(path), (stated,), stated=True)
        return Found(path, fmt, (stated,), spec.read(data, ctx))
    errors: list[IngestError] = []
    for lang in ("zh", "ja"):
        try:
            return Found(path, fmt, (lang,), spec.read(data, ReadContext(str(path), (lang,))))
        except IngestError as err:
            errors.append(err)
    raise next((e for e in errors if not isinstance(e, WrongLanguage)), errors[0])


def add_document(
    data_dir: Path,
    files: list[Path],
    doc_id: str | None,
    meta: dict[str, str],
    langs: tuple[str, ...] = (),
) -> Added:
    """Copy the files in, check the document ingests, then append its manifest entry.

    `langs`: languages the user stated (one per file, or zh and ja for one bilingual
    file); empty to detect them.
    """
    if len(files) not in (1, 2):
        raise IngestError("give one bilingual file, or two files (one per language)")
    _check_langs(langs)
    per_file = langs if langs and len(files) == 2 else (None,) * len(files)
    found = [inspect(f, len(files) == 1, lang) for f, lang in zip(files, per_file, strict=True)]
    if len(found) == 2 and {x.languages for x in found} != {("zh",), ("ja",)}:
        got = " and ".join(x.languages[0] for x in found)
        raise IngestError(f"expected one Chinese and one Japanese file; found {got}")
    existing = _existing_ids(data_dir)
    doc_id = doc_id or _derive_id(files[0], existing)
    if doc_id in existing:
        raise IngestError(f"a document '{doc_id}' is already in {data_dir / MANIFEST_NAME}")
    data_dir.mkdir(parents=True, exist_ok=True)
    copies = [_copy_in(x, doc_id, data_dir) for x in found]
    try:
        sources = tuple(
            SourceSpec(name, x.format, x.languages, 1)
            for name, x in zip(copies, found, strict=True)
        )
        spec = DocumentSpec(_document(doc_id, meta, found), sources, langs)
        _check_id(doc_id)
        clauses, report = build_document(spec, data_dir)
        _write_manifest(data_dir, _read_manifest(data_dir) + _entry_toml(spec))
        load_manifest(data_dir)
    except BaseException:
        for name in copies:
            (data_dir / name).unlink(missing_ok=True)
        raise
    return Added(spec, tuple(found), report, tuple(clauses))


def _check_langs(langs: tuple[str, ...]) -> None:
    """Stated languages: zh and ja once each (one per file in order, or a bilingual file's)."""
    if langs and sorted(langs) != ["ja", "zh"]:
        given = ",".join(langs)
        raise IngestError(f"--lang {given}: give zh and ja, once each (one per file, in order)")


def remove_document(data_dir: Path, doc_id: str) -> list[str]:
    """Drop a document's manifest entry and the source files only it used; return the files."""
    text = _read_manifest(data_dir)
    starts = [m.start() for m in _ENTRY.finditer(text)]
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    keep, gone = [], None
    for chunk in chunks:
        entry = tomllib.loads(chunk).get("document", [{}])[0]
        if entry.get("id") == doc_id and gone is None:
            gone = entry
        else:
            keep.append(chunk)
    if gone is None:
        raise IngestError(f"no document '{doc_id}' in {data_dir / MANIFEST_NAME}")
    new_text = (text[: starts[0]] + "".join(keep)).rstrip() + "\n"
    still_used = {s["file"] for c in keep for s in tomllib.loads(c)["document"][0]["source"]}
    _write_manifest(data_dir, new_text)
    files = [s["file"] for s in gone.get("source", []) if s["file"] not in still_used]
    for name in files:
        (data_dir / name).unlink(missing_ok=True)
    return files


def _read_manifest(data_dir: Path) -> str:
    path = data_dir / MANIFEST_NAME
    return path.read_text(encoding="utf-8") if path.is_file() else HEADER


def _existing_ids(data_dir: Path) -> set[str]:
    try:
        raw = tomllib.loads(_read_manifest(data_dir))
    except tomllib.TOMLDecodeError as err:
        raise IngestError(f"{data_dir / MANIFEST_NAME}: invalid manifest: {err}") from err
    return {str(e.get("id")) for e in raw.get("document", [])}


def _write_manifest(data_dir: Path, text: str) -> None:
    """Replace the manifest atomically, after checking the new text parses."""
    tomllib.loads(text)
    path = data_dir / MANIFEST_NAME
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST_NAME}.", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_id(doc_id: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", doc_id):
        raise IngestError(f"document id '{doc_id}' must be URL-safe ASCII (letters, digits, - _)")


def _derive_id(path: Path, existing: set[str]) -> str:
    """An id from the file name (ASCII part), else from its content hash; never a clash."""
    stem = re.sub(r"\.(zh|ja|cn|jp)$", "", path.stem, flags=re.I)
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_").lower()[:40]
    base = base or "doc-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    doc_id, n = base, 2
    while doc_id in existing:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


def _copy_in(found: Found, doc_id: str, data_dir: Path) -> str:
    """Copy a source to data/<id>[.<lang>]<suffix>; refuse to overwrite another file."""
    lang = f".{found.languages[0]}" if len(found.languages) == 1 else ""
    name = f"{doc_id}{lang}{found.file.suffix.lower()}"
    target = data_dir / name
    if target.exists():
        raise IngestError(f"{target} already exists; choose another --id")
    shutil.copyfile(found.file, target)
    return name


def _document(doc_id: str, meta: dict[str, str], found: list[Found]) -> Document:
    title = {lang: meta.get(f"title_{lang}") or "" for lang in ("zh", "ja")}
    issuer = meta.get("issuer") or ""
    return Document(
        id=doc_id,
        date=meta.get("date") or "",
        issuer={"zh": issuer, "ja": issuer} if issuer else {},
        title={k: v for k, v in title.items() if v} or {"zh": doc_id, "ja": doc_id},
    )


def _toml_str(s: str) -> str:
    """A TOML basic string: JSON string escapes are valid TOML escapes."""
    import json

    return json.dumps(s, ensure_ascii=False)


def _entry_toml(spec: DocumentSpec) -> str:
    d = spec.document
    lines = ["", "[[document]]", f"id = {_toml_str(d.id)}"]
    if d.date:
        lines.append(f"date = {_toml_str(d.date)}")
    for key, table in (("issuer", d.issuer), ("title", d.title)):
        if table:
            inner = ", ".join(f"{k} = {_toml_str(v)}" for k, v in table.items())
            lines.append(f"{key} = {{ {inner} }}")
    if spec.langs:
        lines.append(f"langs = [{', '.join(_toml_str(x) for x in spec.langs)}]")
    for s in spec.sources:
        langs = ", ".join(_toml_str(x) for x in s.languages)
        lines += [
            "",
            "[[document.source]]",
            f"file = {_toml_str(s.file)}",
            f"format = {_toml_str(s.format)}",
            f"languages = [{langs}]",
            f"priority = {s.priority}",
        ]
    return "\n".join(lines) + "\n"
