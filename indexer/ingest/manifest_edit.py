"""Edit `documents.toml` for `taiyaku add` / `remove`: append or drop one entry, atomically.

The manifest is the user's file: comments and layout are kept, an entry is appended as
text written by a real TOML writer (`tomli-w`: it escapes every control character; JSON
string escapes, used before, let DEL through and broke the next parse), and an entry is
removed by cutting its text only when the result parses to exactly the other entries
(`[[ document ]]`, spaced as TOML allows, used to make `remove` drop two documents);
otherwise the manifest is written again from its parsed entries. Every write goes to a
temporary file with the manifest's own permissions and is renamed over it.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from indexer.errors import IngestError
from indexer.ingest.manifest import MANIFEST_NAME

HEADER = "# Documents of the corpus (see README, 'Adding a document').\n"
_ENTRY = re.compile(r"(?m)^[ \t]*\[\[[ \t]*document[ \t]*\]\][ \t]*(?:#.*)?$")


def read_text(data_dir: Path) -> str:
    path = data_dir / MANIFEST_NAME
    return path.read_text(encoding="utf-8") if path.is_file() else HEADER


def entries(text: str, data_dir: Path) -> list[dict[str, Any]]:
    """The `[[document]]` tables of a manifest text; IngestError if it does not parse."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise IngestError(f"{data_dir / MANIFEST_NAME}: invalid manifest: {err}") from err
    found = raw.get("document", [])
    if not isinstance(found, list) or not all(isinstance(e, dict) for e in found):
        raise IngestError(f"{data_dir / MANIFEST_NAME}: 'document' must be [[document]] tables")
    return found


def appended(text: str, entry: dict[str, Any]) -> str:
    """The manifest text with one more `[[document]]` entry at the end."""
    return text.rstrip("\n") + "\n\n" + tomli_w.dumps({"document": [entry]})


def without(text: str, doc_id: str, data_dir: Path) -> tuple[str, dict[str, Any]]:
    """(the manifest text without entry `doc_id`, that entry); IngestError if absent."""
    docs = entries(text, data_dir)
    index = next((i for i, e in enumerate(docs) if e.get("id") == doc_id), None)
    if index is None:
        raise IngestError(f"no document '{doc_id}' in {data_dir / MANIFEST_NAME}")
    keep = docs[:index] + docs[index + 1 :]
    starts = [m.start() for m in _ENTRY.finditer(text)]
    if len(starts) == len(docs):
        ends = [*starts[1:], len(text)]
        cut = (text[: starts[index]] + text[ends[index] :]).rstrip() + "\n"
        try:
            if tomllib.loads(cut).get("document", []) == keep:
                return cut, docs[index]
        except tomllib.TOMLDecodeError:
            pass
    rest = {k: v for k, v in tomllib.loads(text).items() if k != "document"}
    return HEADER + tomli_w.dumps({**rest, "document": keep}), docs[index]


def write(data_dir: Path, text: str) -> None:
    """Replace the manifest atomically with `text` (checked to parse), keeping its mode."""
    tomllib.loads(text)
    path = data_dir / MANIFEST_NAME
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST_NAME}.", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
