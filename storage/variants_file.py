"""The generation's dictionary variants table (`variants.json`), both halves.

`{folded headword: [corpus words with one of its specific senses]}`, computed at build
time by `indexer.dictionaries.variants` so that suggestions read a small file and the server
never loads a dictionary.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = "variants.json"


def save(gen: Path, table: dict[str, list[str]]) -> None:
    """Write the table into the generation folder `gen`, atomically."""
    tmp = gen / (FILE + ".tmp")
    tmp.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), "utf-8")
    tmp.replace(gen / FILE)


def load(gen: Path) -> dict[str, list[str]]:
    """The table of the generation folder `gen` (empty if it has none)."""
    try:
        return json.loads((gen / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
