"""`taiyaku add` / `taiyaku remove`: put a document's files into the data folder and manifest.

Everything is checked before anything is written: the id, date and titles first (a path
in `--id` once wrote outside the data folder), then the format and languages, by actually
reading the files, then the new document is ingested (structure, alignment) from copies
in a private `.adding-*` folder inside the data folder. Only then are the copies renamed
into place, never over an existing file, and the manifest replaced (temp file + rename).
A failure, Ctrl-C or SIGTERM removes the copies, so a bad file never leaves a half-added
document; `.adding-*` folders of a process killed outright are removed by the next add.
`remove` drops only files that resolve inside the data folder and that no other entry uses.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import IngestError
from indexer.ingest import manifest_edit
from indexer.ingest.corpus import DocumentReport, build_document
from indexer.ingest.language import WrongLanguage
from indexer.ingest.limits import read_source
from indexer.ingest.manifest import MANIFEST_NAME, DocumentSpec, SourceSpec, confine, load_manifest
from indexer.ingest.manifest import date_problem as manifest_date_problem
from indexer.ingest.paragraphs import ReadContext
from indexer.ingest.readers import FORMATS, Reading
from indexer.ingest.sniff import sniff_format
from indexer.records import Clause, Document

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # the manifest's rule: URL-safe, no dots
MAX_META_CHARS = 500
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WORK_PREFIX = ".adding-"


@dataclass(frozen=True)
class Found:
    """What one file turned out to be."""

    file: Path
    format: str
    languages: tuple[str, ...]
    reading: Reading


@dataclass(frozen=True)
class Added:
    """The manifest entry written, what ingestion made of it, and same-content warnings."""

    spec: DocumentSpec
    found: tuple[Found, ...]
    report: DocumentReport
    duplicates: tuple[str, ...] = ()
    clauses: tuple[Clause, ...] = ()


def id_problem(doc_id: str) -> str | None:
    """Why `doc_id` cannot be a document id, or None."""
    if not ID.fullmatch(doc_id):
        return "must be 1-64 of A-Z a-z 0-9 - _ (starting with a letter or digit)"
    return None


def date_problem(date: str) -> str | None:
    """Why `date` is not a real YYYY-MM-DD date, or None (`--date` takes the full form)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"{date[:40]!r} is not a date (YYYY-MM-DD)"
    return manifest_date_problem(date)


def text_problem(value: str) -> str | None:
    """Why a title or issuer cannot be stored and shown as given, or None."""
    if len(value) > MAX_META_CHARS:
        return f"longer than {MAX_META_CHARS} characters"
    for c in value:
        if unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI:
            return f"holds the control character U+{ord(c):04X}"
    return None


def inspect(path: Path, bilingual: bool, stated: str | None = None) -> Found:
    """Detect a file's format and language(s) by reading it; IngestError if it cannot be read.

    `stated`: the language the user gave for a monolingual file; it is read as that
    language, and detection never overrules it.
    """
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    try:
        data = read_source(path)
    except OSError as err:
        raise IngestError(f"{path}: cannot read: {err.strerror}") from err
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
    """Check, copy into a private folder, ingest, rename into place, append the entry.

    `langs`: languages the user stated (one per file, or zh and ja for one bilingual
    file); empty to detect them.
    """
    if len(files) not in (1, 2):
        raise IngestError("give one bilingual file, or two files (one per language)")
    if doc_id is not None and (problem := id_problem(doc_id)):
        raise IngestError(f"document id {doc_id[:80]!r} {problem}")
    _check_langs(langs)
    per_file = langs if langs and len(files) == 2 else (None,) * len(files)
    found = [inspect(f, len(files) == 1, lang) for f, lang in zip(files, per_file, strict=True)]
    if len(found) == 2 and {x.languages for x in found} != {("zh",), ("ja",)}:
        got = " and ".join(x.languages[0] for x in found)
        raise IngestError(f"expected one Chinese and one Japanese file; found {got}")
    text = manifest_edit.read_text(data_dir)
    existing = {str(e.get("id")) for e in manifest_edit.entries(text, data_dir)}
    doc_id = doc_id or _derive_id(files[0], existing)
    if doc_id in existing:
        raise IngestError(f"a document '{doc_id}' is already in {data_dir / MANIFEST_NAME}")
    data_dir.mkdir(parents=True, exist_ok=True)
    _remove_dead_work(data_dir)
    names = [_name(x, doc_id) for x in found]
    taken = [n for n in names if os.path.lexists(data_dir / n)]
    if taken:
        raise IngestError(f"{data_dir / taken[0]} already exists; choose another --id")
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=data_dir))
    placed: list[Path] = []
    try:
        for x, name in zip(found, names, strict=True):
            shutil.copyfile(x.file, work / name)
        sources = tuple(
            SourceSpec(name, x.format, x.languages, 1) for name, x in zip(names, found, strict=True)
        )
        spec = DocumentSpec(_document(doc_id, meta, found), sources, langs)
        clauses, report = build_document(spec, work)
        duplicates = _same_content(data_dir, work, names)
        for name in names:
            _place(work / name, data_dir / name)
            placed.append(data_dir / name)
        manifest_edit.write(data_dir, manifest_edit.appended(text, _entry(spec)))
        load_manifest(data_dir)
    except FileExistsError as err:
        _unplace(placed)
        raise IngestError(f"{err.filename} already exists; choose another --id") from err
    except BaseException:
        _unplace(placed)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Added(spec, tuple(found), report, duplicates, tuple(clauses))


def _check_langs(langs: tuple[str, ...]) -> None:
    """Stated languages: zh and ja once each (one per file in order, or a bilingual file's)."""
    if langs and sorted(langs) != ["ja", "zh"]:
        given = ",".join(langs)
        raise IngestError(f"--lang {given}: give zh and ja, once each (one per file, in order)")


def remove_document(data_dir: Path, doc_id: str) -> list[str]:
    """Drop a document's manifest entry and the source files only it used; return the files."""
    text, gone = manifest_edit.without(manifest_edit.read_text(data_dir), doc_id, data_dir)
    files = [str(s.get("file", "")) for s in gone.get("source", []) if isinstance(s, dict)]
    for name in files:  # checked before anything changes: a hostile entry deletes nothing
        confine(name, data_dir, f"{data_dir / MANIFEST_NAME}: document '{doc_id}'")
    still_used = {
        str(s.get("file"))
        for e in manifest_edit.entries(text, data_dir)
        for s in e.get("source", [])
        if isinstance(s, dict)
    }
    manifest_edit.write(data_dir, text)
    dropped = [name for name in files if name and name not in still_used]
    for name in dropped:
        (data_dir / name).unlink(missing_ok=True)
    return dropped


def _place(copy: Path, target: Path) -> None:
    """Put a checked copy in place, never over an existing file (FileExistsError then): a
    hard link where the file system has them, else a rename after checking the name."""
    try:
        os.link(copy, target)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EXDEV):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from err
        os.rename(copy, target)


def _unplace(placed: list[Path]) -> None:
    for path in placed:
        path.unlink(missing_ok=True)


def _remove_dead_work(data_dir: Path) -> None:
    """`.adding-<pid>-*` folders left by an add that was killed outright (SIGKILL)."""
    from storage.lock import pid_alive

    for leftover in data_dir.glob(f"{WORK_PREFIX}*"):
        pid = leftover.name[len(WORK_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _same_content(data_dir: Path, work: Path, names: list[str]) -> tuple[str, ...]:
    """Files already in the data folder with the bytes of a new one (stat first, then hash)."""
    sizes = {n: (work / n).stat().st_size for n in names}
    out = []
    for path in sorted(data_dir.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        for name in names:
            if path.stat().st_size == sizes[name] and _sha256(path) == _sha256(work / name):
                out.append(f"{name} has the same content as {path.name}")
    return tuple(out)


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _derive_id(path: Path, existing: set[str]) -> str:
    """An id from the file name (ASCII part), else from its content hash; never a clash."""
    stem = re.sub(r"\.(zh|ja|cn|jp)$", "", path.stem, flags=re.I)
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_").lower()[:40]
    base = base or "doc-" + _sha256(path)[:8]
    doc_id, n = base, 2
    while doc_id in existing:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


def _name(found: Found, doc_id: str) -> str:
    """data/<id>[.<lang>]<suffix>: the id is checked, so the name stays in the data folder."""
    lang = f".{found.languages[0]}" if len(found.languages) == 1 else ""
    suffix = found.file.suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        suffix = ""
    return f"{doc_id}{lang}{suffix}"


def _document(doc_id: str, meta: dict[str, str], found: list[Found]) -> Document:
    title = {lang: meta.get(f"title_{lang}") or "" for lang in ("zh", "ja")}
    issuer = meta.get("issuer") or ""
    return Document(
        id=doc_id,
        date=meta.get("date") or "",
        issuer={"zh": issuer, "ja": issuer} if issuer else {},
        title={k: v for k, v in title.items() if v} or {"zh": doc_id, "ja": doc_id},
    )


def _entry(spec: DocumentSpec) -> dict:
    d = spec.document
    entry: dict = {"id": d.id}
    if d.date:
        entry["date"] = d.date
    for key, table in (("issuer", d.issuer), ("title", d.title)):
        if table:
            entry[key] = dict(table)
    if spec.langs:
        entry["langs"] = list(spec.langs)
    entry["source"] = [
        {"file": s.file, "format": s.format, "languages": list(s.languages), "priority": s.priority}
        for s in spec.sources
    ]
    return entry
