"""The curated glossary file, whose entries always win over learned ones.

Curated entries live in `data/glossary.tsv` (`zh<TAB>ja` per line, `#` comments, a line
starting with `!` blocks a learned pair). They are applied last, so that a curated pair
goes first in both directions whatever the statistics say.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from indexer.errors import IngestError
from indexer.glossary.evidence import Glossary


def read_curated(path: Path) -> Iterable[tuple[bool, str, str]]:
    """(blocked, zh, ja) for each non-comment line of a curated glossary file.

    A file that is not UTF-8 is bad source data (exit 3), named with its byte offset.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(f"{path}: not UTF-8 (invalid byte at offset {err.start})") from err
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        blocked = line.startswith("!")
        parts = line.lstrip("!").split("\t")
        if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
            yield blocked, parts[0].strip(), parts[1].strip()


def apply_curated(gloss: Glossary, path: Path | None) -> None:
    """Curated pairs go first in both directions; blocked pairs are removed."""
    if path is None or not path.is_file():
        return
    for blocked, zh, ja in read_curated(path):
        for lang, src, tgt in (("zh", zh, ja), ("ja", ja, zh)):
            entries = [e for e in gloss[lang].get(src, []) if e["target"] != tgt]
            if not blocked:
                entry = {"target": tgt, "count": 0, "score": 1.0, "origin": "curated"}
                entries.insert(0, {**entry, "examples": []})
            if entries:
                gloss[lang][src] = entries
            else:
                gloss[lang].pop(src, None)
