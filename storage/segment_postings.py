"""One segment's posting lists as flat arrays: what `postings.bin` is merged from.

Decoding `postings.bin` back out of the finished Whoosh segments would unpickle every
block and every position list, a Python call per posting. The segment writer holds each
segment's postings in memory before Whoosh encodes them (`segments._MemoryPool`), so it
also saves them here, as arrays, beside the segment (`side-<segment id>.postings`,
removed once merged). A segment a build reuses from the previous generation has no such
file: its postings are read from the segment, once. Either way the arrays are the same,
so the merged file is too.

Arrays of one segment, terms in Whoosh's order (field, then term bytes):
- `terms`/`terms_first`: each term as `field NUL term` (UTF-8), a string column;
- `n`: postings per term; `docs` (the segment's own document numbers) and `tf`;
- `counts` (positions per posting; 0 in a field without positions) and `pos`.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from pathlib import Path
from pickle import loads
from typing import Any

import numpy as np

from storage import arrays

PREFIX, SUFFIX = "side-", ".postings"

Arrays = dict[str, np.ndarray]


def decode_positions(value: bytes) -> list[int]:
    """Word positions from Whoosh's encoded `Positions` value (`decode_positions`)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))


class _Collect:
    """Appends posting lists term by term into typed arrays."""

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.n, self.counts = array("q"), array("q")
        self.docs, self.tf, self.pos = array("i"), array("f"), array("i")
        self._decoded: dict[bytes, list[int]] = {}  # equal position lists are common

    def term(self, field: str, btext: bytes) -> None:
        self.terms.append(field.encode() + b"\0" + btext)

    def postings(self, docs: list[int], weights: list[float], values: list[Any] | None) -> None:
        self.n.append(len(docs))
        self.docs.extend(docs)
        self.tf.extend(weights)
        if values is None:
            self.counts.extend([0] * len(docs))
            return
        decoded = self._decoded
        for v in values:
            p = decoded.get(v)
            if p is None:
                p = decoded[v] = decode_positions(v)
            self.counts.append(len(p))
            self.pos.extend(p)

    def arrays(self) -> Arrays:
        out = dict(zip(("terms", "terms_first"), arrays.strings(self.terms), strict=True))
        for name in ("n", "counts", "docs", "tf", "pos"):
            col = getattr(self, name)
            out[name] = np.frombuffer(col, dtype=col.typecode)
        return out


def _kinds(schema: Any, field: str) -> tuple[bool, bool]:
    """(skipped, has positions) of a field: numeric fields are sort keys, never looked
    up by text, so `postings.bin` leaves them out."""
    from whoosh.fields import NUMERIC  # writing only: a query never opens Whoosh

    fld = schema[field]
    return isinstance(fld, NUMERIC), fld.format.supports("positions")


def from_pool(schema: Any, terms: dict[tuple[str, bytes], list[tuple[Any, ...]]]) -> Arrays:
    """A segment's arrays from the writer's pool (`{(field, term): [Whoosh posting
    tuple (field, term, docnum, weight, value)]}`, each list in document order)."""
    out = _Collect()
    kinds: dict[str, tuple[bool, bool]] = {}
    for key in sorted(terms):
        field, btext = key
        skip, has_pos = kinds.get(field) or kinds.setdefault(field, _kinds(schema, field))
        if skip:
            continue
        items = terms[key]
        out.term(field, btext)
        out.postings(
            [i[2] for i in items], [i[3] for i in items], [i[4] for i in items] if has_pos else None
        )
    return out.arrays()


def from_segment(schema: Any, leaf: Any) -> Arrays:
    """A segment's arrays read back from a Whoosh segment reader (a reused segment)."""
    out = _Collect()
    for field, btext in leaf.all_terms():
        skip, has_pos = _kinds(schema, field)
        if skip:
            continue
        out.term(field, btext)
        out.postings(*_leaf_postings(leaf, field, btext, has_pos))
    return out.arrays()


def _leaf_postings(leaf: Any, field: str, btext: bytes, values: bool) -> tuple:
    """(ids, weights, values or None) of a term in one segment, whatever matcher Whoosh
    returns. Whoosh 2.7's `W3LeafMatcher` internals: the pinned version is what this
    reads (one unpickle per block, no call per posting)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    ids: list[int] = []
    weights: list[float] = []
    vals: list[Any] = []
    m = leaf.postings(field, btext)
    if type(m) is W3LeafMatcher:
        while m.is_active():
            m._read_data()
            raw = m._data[0]
            ids.extend(raw if m._byteids else accumulate(raw))  # as `_read_ids` decodes
            m._read_weights()
            weights.extend(m._weights)
            if values:
                m._read_values()
                vals.extend(m._values)
            m._next_block()
    else:  # inlined postings, or deletions filtered out: the generic matcher API
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            if values:
                vals.append(m.value())
            m.next()
    return ids, weights, vals if values else None


def path_of(gen: Path, segment_id: str) -> Path:
    """Where the writer leaves a segment's arrays until `postings.write` merges them.

    Not named like the segment's own files (`MAIN_<id>.*`): Whoosh packs every file
    with the segment's prefix into its compound file, and deletes them."""
    return gen / (PREFIX + segment_id + SUFFIX)
