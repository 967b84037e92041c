"""The learned glossary as a mapped lookup table (`glossary.bin`), by folded surface.

A server looks up a handful of glossary entries a query, yet `glossary.json` decoded
into dicts and lists held ~100 MB of Python objects per process at 188,000 pairs, and
every forked worker copied the pages it touched (reference counts write to them): most
of a worker's private memory. Here the entries stay on disk in one shared map: the
folded source keys in sorted order (found by binary search, decoded on demand), each
key's entries as one JSON blob decoded when it is asked for, and each key's
(language, source) pairs apart for the suggestion vocabulary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from analyzers.folding import fold_key
from storage import arrays

FILE = "glossary.bin"
SEP, LANG_SEP = "\x1f", "\x1e"  # between a key's (language, source) pairs; never in a surface

Entry = tuple[str, str, dict[str, Any]]  # (source language, source surface, entry)


def entries_by_key(gloss: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, list[Entry]]:
    """`{folded source: [(lang, source, entry), …]}`: the one grouping of the glossary by
    what a query's folded term is compared with."""
    out: dict[str, list[Entry]] = {}
    for lang, table in gloss.items():
        for src, entries in table.items():
            out.setdefault(fold_key(src), []).extend((lang, src, e) for e in entries)
    return out


def write(gen: Path, gloss: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
    """Store the learned glossary `gloss` (as `glossary.json` holds it) in `gen` as
    `glossary.bin`, atomically."""
    by_key = entries_by_key(gloss)
    keys = sorted(by_key)
    out: dict[str, np.ndarray] = {}
    out["keys"], out["keys_first"] = arrays.strings(keys)
    blobs = [json.dumps(by_key[k], ensure_ascii=False, separators=(",", ":")) for k in keys]
    out["entries"], out["entries_first"] = arrays.strings(blobs)
    sources = [SEP.join(lang + LANG_SEP + src for lang, src, _ in by_key[k]) for k in keys]
    out["sources"], out["sources_first"] = arrays.strings(sources)
    arrays.save(gen / FILE, out)


class GlossaryTable:
    """A generation's `glossary.bin`, mapped read-only (ValueError if it is not one)."""

    def __init__(self, path: Path):
        self._a = arrays.load(path)
        self._first = {n: self._a[n + "_first"].data for n in ("keys", "entries", "sources")}
        self._keys = arrays.Strings(self._a, "keys")

    def _text(self, name: str, i: int) -> str:
        first = self._first[name]
        return self._a.text(name, first[i], first[i + 1])

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: str, default: list[Entry] | None = None) -> list[Entry]:
        """The entries whose folded source is `key` (`default`, else none, if it has none)."""
        i = self._keys.find(key)
        if i is not None:
            return [(lang, src, e) for lang, src, e in json.loads(self._text("entries", i))]
        return [] if default is None else default

    def sources(self) -> Iterator[tuple[str, str]]:
        """(language, source surface) of every entry, key by key."""
        for i in range(len(self._keys)):
            for pair in self._text("sources", i).split(SEP):
                lang, _, src = pair.partition(LANG_SEP)
                yield lang, src
