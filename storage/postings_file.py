"""Posting lists as flat arrays, written once at build time and mapped by every reader.

Whoosh keeps a posting list as pickled blocks and every position list as its own pickle:
reading the lists of one n-gram phrase unpickles thousands of objects, and a phrase check
would walk them in Python. Here a build stores
every list column-wise in one file (`postings.bin`), merged from the arrays the segment
writer saves for each segment (`segment_postings`):

- `keys`: a 64-bit hash of `field NUL term` per term, sorted, with `starts` and `ends`
  (where its postings lie) — a lookup is one binary search;
- `docs` (int32) and `tf`: one entry per posting, in document-number order;
- `pos_first` (one extra entry) and `pos`: each posting's word positions;
- `tf`, `pos` and `pos_first` in the narrowest type that holds them exactly (term counts
  and positions fit 16 bits, position offsets 32, on any corpus of clauses): a serving
  process touches most of the lists a query mix reads, so bytes per posting are resident
  memory;
- the lexicon: every field's terms, sorted (`terms`, a string column, with `fields` and
  `field_first`: where each field's terms lie), for prefix expansion and vocabularies.

The file is mapped, not read (`storage.arrays`): its pages are the kernel's page
cache, shared by every thread and worker, and a query touches only the lists it asks
for. The Whoosh segments and this file hold the same postings, from the same analysis;
it is under the generation's checksums like them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from storage import arrays, segment_postings
from storage.schema import INDEX

FILE = "postings.bin"
REMEMBER = 100_000  # term lookups kept per process (then forgotten all at once)


def term_key(field: str, text: str) -> int:
    """The 64-bit key of a term of a field (stable across processes, unlike `hash`)."""
    digest = hashlib.blake2b(f"{field}\0{text}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def write(gen: Path) -> None:
    """Merge every segment's posting arrays into `postings.bin` (atomically).

    Each segment's arrays come from the segment writer (`segment_postings`), or are read
    from the segment when it was reused; the side files are removed once merged. The
    merge places each segment's postings straight into the output arrays (a term's lists
    stay contiguous, in document order): memory is the output's size and one segment's
    arrays, never a Python object per posting."""
    from whoosh.filedb.filestore import FileStorage  # writing only: a query never opens Whoosh
    from whoosh.index import TOC

    toc = TOC.read(FileStorage(str(gen)), INDEX)
    sources, base = [], 0
    for seg in toc.segments:
        sources.append((seg, base))
        base += seg.doc_count_all()
    terms = _Terms()
    for seg, _ in sources:
        terms.add(_arrays(gen, toc.schema, seg))
    merged = terms.merge(lambda seg: _arrays(gen, toc.schema, seg), sources)
    arrays.save(gen / FILE, merged)
    for seg, _ in sources:
        segment_postings.path_of(gen, seg.segment_id()).unlink(missing_ok=True)


def _arrays(gen: Path, schema: Any, seg: Any) -> dict[str, np.ndarray]:
    """A segment's posting arrays, mapped from its side file. A segment the build reused
    has none: its postings are read from the segment once and saved as one (memory is
    one segment's at a time)."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.reading import SegmentReader

    side = segment_postings.path_of(gen, seg.segment_id())
    if not side.is_file():
        reader = SegmentReader(FileStorage(str(gen)), schema, seg)
        try:
            arrays.save(side, segment_postings.from_segment(schema, reader))
        finally:
            reader.close()
    return arrays.load(side)


class _Terms:
    """The union of the segments' terms, in Whoosh's order, and each term's postings."""

    def __init__(self) -> None:
        self.per_segment: list[list[bytes]] = []
        self.counts: dict[bytes, int] = {}

    def add(self, seg: dict[str, np.ndarray]) -> None:
        blob, first = seg["terms"].tobytes(), seg["terms_first"].tolist()
        names = [blob[first[i] : first[i + 1]] for i in range(len(first) - 1)]
        self.per_segment.append(names)
        counts = self.counts
        for name, n in zip(names, seg["n"].tolist(), strict=True):
            counts[name] = counts.get(name, 0) + n

    def merge(self, load: Any, sources: list[tuple[Any, int]]) -> dict[str, np.ndarray]:
        names = sorted(self.counts)
        ids = {name: i for i, name in enumerate(names)}
        per_term = np.array([self.counts[name] for name in names], dtype=np.int64)
        ends = np.cumsum(per_term)
        starts = ends - per_term
        total = int(ends[-1]) if len(ends) else 0
        docs = np.zeros(total, dtype=np.int32)
        tf = np.zeros(total, dtype=np.float32)
        counts = np.zeros(total, dtype=np.int64)
        filled = np.zeros(len(names), dtype=np.int64)
        dests = []
        for (seg, base), seg_names in zip(sources, self.per_segment, strict=True):
            a = load(seg)
            gids = np.array([ids[name] for name in seg_names], dtype=np.int64)
            n = np.asarray(a["n"], dtype=np.int64)
            dest = _runs(starts[gids] + filled[gids], n)
            filled[gids] += n
            docs[dest] = np.asarray(a["docs"]) + base
            tf[dest] = a["tf"]
            counts[dest] = a["counts"]
            dests.append(dest)
        pos_first = np.zeros(total + 1, dtype=np.int64)
        np.cumsum(counts, out=pos_first[1:])
        pos = np.zeros(int(pos_first[-1]), dtype=np.int32)
        for (seg, _), dest in zip(sources, dests, strict=True):
            a = load(seg)
            pos[_runs(pos_first[dest], np.asarray(a["counts"], dtype=np.int64))] = a["pos"]
        del dests
        keys, lexicon = [], {}
        for name in names:
            field, _, btext = name.partition(b"\0")
            keys.append(term_key(field.decode(), btext.decode("utf-8")))
            lexicon.setdefault(field.decode(), []).append(btext)
        return {**_columns(keys, starts, ends, docs, tf, pos_first, pos), **_lexicon(lexicon)}


def _runs(first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indexes of consecutive runs: `first[i]`, `first[i] + 1`, … `lengths[i]` each."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(first - offsets, lengths) + np.arange(total, dtype=np.int64)


def _lexicon(terms: dict[str, list[bytes]]) -> dict[str, np.ndarray]:
    """Each field's terms in code-point order (UTF-8 byte order: Whoosh's), fields by name."""
    names = sorted(terms)
    per_field = [sorted(terms[name]) for name in names]
    field_first = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in per_field], out=field_first[1:])
    out: dict[str, np.ndarray] = {}
    out["terms"], out["terms_first"] = arrays.strings([b for f in per_field for b in f])
    out["fields"], out["fields_first"] = arrays.strings(names)
    out["field_first"] = field_first
    return out


def _columns(
    keys: list[int],
    starts: np.ndarray,
    ends: np.ndarray,
    docs: np.ndarray,
    tf: np.ndarray,
    pos_first: np.ndarray,
    pos: np.ndarray,
) -> dict[str, np.ndarray]:
    """The lookup sorted by key (a key seen twice is a hash collision: refuse it)."""
    key_arr = np.array(keys, dtype=np.uint64)
    order = np.argsort(key_arr, kind="stable")
    key_arr = key_arr[order]
    if len(key_arr) > 1 and bool((key_arr[1:] == key_arr[:-1]).any()):
        raise ValueError("two terms share a 64-bit key: rebuild with another hash")
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
