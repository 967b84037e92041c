"""Posting lists as flat arrays, written once at build time and mapped by every reader.

Whoosh keeps a posting list as pickled blocks and every position list as its own pickle:
reading the lists of one n-gram phrase at 18,800 pairs unpickled thousands of objects and
the phrase check then walked them in Python (half of a query's CPU). Here a build decodes
every list once and stores it column-wise in one file (`postings.bin`):

- `keys`: a 64-bit hash of `field NUL term` per term, sorted, with `first` (where its
  postings start; one extra entry closes the last) — a lookup is one binary search;
- `docs` (int32) and `tf` (float32): one entry per posting, in document-number order;
- `pos_first` (int64, one extra entry) and `pos` (int32): each posting's word positions.

The file is mapped, not read (`indexer.index.arrays`): its pages are the kernel's page
cache, shared by every thread and worker, and a query touches only the lists it asks
for. The Whoosh segments stay the source of truth (lexicon, prefixes, stored fields);
this is a derived view of them, under the generation's checksums.
"""

from __future__ import annotations

import hashlib
from itertools import accumulate
from pathlib import Path
from pickle import loads
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import NUMERIC

from indexer.index import arrays

FILE = "postings.bin"


def term_key(field: str, text: str) -> int:
    """The 64-bit key of a term of a field (stable across processes, unlike `hash`)."""
    digest = hashlib.blake2b(f"{field}\0{text}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def decode_positions(value: bytes) -> list[int]:
    """Word positions from Whoosh's encoded `Positions` value (`decode_positions`)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))


def read_blocks(m: W3LeafMatcher, base: int, ids: list, weights: list, values: list | None) -> None:
    """Append a Whoosh posting list block by block (one unpickle per block, no per-posting
    calls). Whoosh 2.7's `W3LeafMatcher` internals: the pinned version is what this reads."""
    while m.is_active():
        m._read_data()
        raw = m._data[0]
        block = raw if m._byteids else accumulate(raw)  # what `_read_ids` delta-decodes
        ids.extend([base + n for n in block] if base else block)
        m._read_weights()
        weights.extend(m._weights)
        if values is not None:
            m._read_values()
            values.extend(m._values)
        m._next_block()


def leaf_postings(leaf: Any, base: int, field: str, btext: bytes, values: bool) -> tuple:
    """(ids, weights, values) of a term in one segment, whatever matcher Whoosh returns."""
    ids: list[int] = []
    weights: list[float] = []
    vals: list[Any] = []
    m = leaf.postings(field, btext)
    if type(m) is W3LeafMatcher:
        read_blocks(m, base, ids, weights, vals if values else None)
    else:  # inlined postings, or deletions filtered out: the generic matcher API
        while m.is_active():
            ids.append(base + m.id())
            weights.append(m.weight())
            if values:
                vals.append(m.value())
            m.next()
    return ids, weights, vals


def write(gen: Path) -> None:
    """Decode every posting list of the index in `gen` into `postings.bin` (atomically)."""
    ix = whoosh_index.open_dir(str(gen))
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        schema = ix.schema
        lists: dict[int, tuple[list, list, list]] = {}
        names: dict[int, tuple[str, bytes]] = {}
        for leaf, base in leaves:
            for field, btext in leaf.all_terms():
                if isinstance(schema[field], NUMERIC):  # sort keys, never looked up by text
                    continue
                has_pos = schema[field].format.supports("positions")
                ids, weights, vals = leaf_postings(leaf, base, field, btext, has_pos)
                key = term_key(field, btext.decode("utf-8"))
                if names.setdefault(key, (field, btext)) != (field, btext):
                    raise ValueError(f"term key collision: {names[key]} and {(field, btext)}")
                got = lists.setdefault(key, ([], [], []))
                got[0].extend(ids)
                got[1].extend(weights)
                got[2].extend([decode_positions(v) for v in vals] if has_pos else [[]] * len(ids))
    arrays.save(gen / FILE, _columns(lists))


def _columns(lists: dict[int, tuple[list, list, list]]) -> dict[str, np.ndarray]:
    keys = np.array(sorted(lists), dtype=np.uint64)
    counts = np.array([len(lists[int(k)][0]) for k in keys], dtype=np.int64)
    first = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    docs = np.empty(first[-1], dtype=np.int32)
    tf = np.empty(first[-1], dtype=np.float32)
    npos = np.empty(first[-1], dtype=np.int64)
    flat: list[int] = []
    for i, k in enumerate(keys):
        ids, weights, positions = lists[int(k)]
        a, b = first[i], first[i + 1]
        docs[a:b] = ids
        tf[a:b] = weights
        npos[a:b] = [len(p) for p in positions]
        for p in positions:
            flat.extend(p)
    pos_first = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(npos, out=pos_first[1:])
    return {
        "keys": keys,
        "first": first,
        "docs": docs,
        "tf": tf,
        "pos_first": pos_first,
        "pos": np.array(flat, dtype=np.int32),
    }


class PostingsFile:
    """A generation's `postings.bin`, mapped read-only (ValueError if it is not one)."""

    def __init__(self, path: Path):
        a = arrays.load(path)
        self.keys, self.first, self.docs, self.tf = a["keys"], a["first"], a["docs"], a["tf"]
        self.pos_first, self.pos = a["pos_first"], a["pos"]

    def span(self, field: str, text: str) -> tuple[int, int]:
        """Where the term's postings lie in `docs`/`tf` ((0, 0) if the term is absent)."""
        key = np.uint64(term_key(field, text))
        i = int(np.searchsorted(self.keys, key))
        if i < len(self.keys) and self.keys[i] == key:
            return int(self.first[i]), int(self.first[i + 1])
        return 0, 0
