"""Posting lists as flat arrays, written once at build time and mapped by every reader.

Whoosh keeps a posting list as pickled blocks and every position list as its own pickle:
reading the lists of one n-gram phrase at 18,800 pairs unpickled thousands of objects and
the phrase check then walked them in Python (half of a query's CPU). Here a build decodes
every list once and stores it column-wise in one file (`postings.bin`):

- `keys`: a 64-bit hash of `field NUL term` per term, sorted, with `starts` and `ends`
  (where its postings lie) — a lookup is one binary search;
- `docs` (int32) and `tf`: one entry per posting, in document-number order;
- `pos_first` (one extra entry) and `pos`: each posting's word positions;
- `tf`, `pos` and `pos_first` in the narrowest type that holds them exactly (term counts
  and positions fit 16 bits, position offsets 32, on any corpus of clauses): a serving
  process touches most of the lists a query mix reads, so bytes per posting are resident
  memory (486 → 260 MB of file at 188,000 pairs);
- the lexicon: every field's terms, sorted (`terms`, a string column, with `fields` and
  `field_first`: where each field's terms lie), for prefix expansion and vocabularies.

The file is mapped, not read (`indexer.index.arrays`): its pages are the kernel's page
cache, shared by every thread and worker, and a query touches only the lists it asks
for. The Whoosh segments stay the source of truth (lexicon, prefixes, stored fields);
this is a derived view of them, under the generation's checksums.
"""

from __future__ import annotations

import hashlib
from array import array
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
REMEMBER = 100_000  # term lookups kept per process (then forgotten all at once)


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
    """Decode every posting list of the index in `gen` into `postings.bin` (atomically).

    Streamed term by term into typed arrays (one term's lists, gathered over the
    segments, stay contiguous): memory is the output's size, not a Python object per
    posting (18.8 million postings at 188,000 pairs)."""
    keys: list[int] = []
    starts, ends = array("q"), array("q")
    docs, tf, counts, pos = array("i"), array("f"), array("q"), array("i")
    lexicon: dict[str, list[bytes]] = {}
    ix = whoosh_index.open_dir(str(gen))
    schema = ix.schema  # a property that reads the table of contents from disk each time
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        for field, btext in reader.all_terms():
            fld = schema[field]
            if isinstance(fld, NUMERIC):  # sort keys, never looked up by text
                continue
            has_pos = fld.format.supports("positions")
            lexicon.setdefault(field, []).append(btext)
            keys.append(term_key(field, btext.decode("utf-8")))
            starts.append(len(docs))
            for leaf, base in leaves:
                if (field, btext) not in leaf:
                    continue
                ids, weights, vals = leaf_postings(leaf, base, field, btext, has_pos)
                docs.extend(ids)
                tf.extend(weights)
                if has_pos:
                    for v in vals:
                        p = decode_positions(v)
                        counts.append(len(p))
                        pos.extend(p)
                else:
                    counts.extend([0] * len(ids))
            ends.append(len(docs))
    columns = _columns(keys, starts, ends, docs, tf, counts, pos)
    del keys, starts, ends, docs, tf, counts, pos
    arrays.save(gen / FILE, {**columns, **_lexicon(lexicon)})


def _lexicon(terms: dict[str, list[bytes]]) -> dict[str, np.ndarray]:
    """Each field's terms in code-point order (UTF-8 byte order: Whoosh's), fields by name."""
    names = sorted(terms)
    per_field = [sorted(terms[name]) for name in names]
    field_first = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in per_field], out=field_first[1:])
    blob = b"".join(b for field in per_field for b in field)
    first = np.zeros(int(field_first[-1]) + 1, dtype=np.int64)
    np.cumsum([len(b) for field in per_field for b in field], out=first[1:])
    out = {"terms": np.frombuffer(blob, dtype=np.uint8), "terms_first": first}
    out["fields"], out["fields_first"] = arrays.strings(names)
    out["field_first"] = field_first
    return out


def _columns(keys: list[int], *columns: array) -> dict[str, np.ndarray]:
    """The lookup sorted by key (a key seen twice is a hash collision: refuse it)."""
    starts, ends, docs, tf, counts, pos = (np.frombuffer(c, dtype=c.typecode) for c in columns)
    key_arr = np.array(keys, dtype=np.uint64)
    order = np.argsort(key_arr, kind="stable")
    key_arr = key_arr[order]
    if len(key_arr) > 1 and bool((key_arr[1:] == key_arr[:-1]).any()):
        raise ValueError("two terms share a 64-bit key: rebuild with another hash")
    pos_first = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(counts, out=pos_first[1:])
    return {
        "keys": key_arr,
        "starts": starts[order],
        "ends": ends[order],
        "docs": docs,
        "tf": arrays.narrowest(tf, (np.uint8, np.uint16)),
        "pos_first": arrays.narrowest(pos_first, (np.uint32,)),
        "pos": arrays.narrowest(pos, (np.uint16,)),
    }


class PostingsFile:
    """A generation's `postings.bin`, mapped read-only (ValueError if it is not one)."""

    def __init__(self, path: Path):
        a = arrays.load(path)
        self.keys, self.docs, self.tf = a["keys"], a["docs"], a["tf"]
        self.starts, self.ends = a["starts"], a["ends"]
        self.pos_first, self.pos = a["pos_first"], a["pos"]
        self._spans: dict[tuple[str, str], tuple[int, int]] = {}
        bounds = a["field_first"].tolist()
        self._lexicons = {
            name: arrays.Strings(a, "terms", lo=bounds[i], hi=bounds[i + 1])
            for i, name in enumerate(arrays.Strings(a, "fields"))
        }

    def lexicon(self, field: str) -> arrays.Strings | tuple[()]:
        """The terms of `field`, sorted (none for a field without terms)."""
        return self._lexicons.get(field, ())

    def span(self, field: str, text: str) -> tuple[int, int]:
        """Where the term's postings lie in `docs`/`tf` ((0, 0) if the term is absent).

        Found terms are remembered (a few dozen bytes each, at most `REMEMBER`): a
        hash and a binary search cost more than the rest of a short list's reading."""
        got = self._spans.get((field, text))
        if got is None:
            key = np.uint64(term_key(field, text))
            i = int(np.searchsorted(self.keys, key))
            got = (0, 0)
            if i < len(self.keys) and self.keys[i] == key:
                got = (int(self.starts[i]), int(self.ends[i]))
            if len(self._spans) >= REMEMBER:
                self._spans.clear()
            self._spans[field, text] = got
        return got
