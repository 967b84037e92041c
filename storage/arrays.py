"""One file of named numpy arrays, written once and mapped read-only by every reader.

The generation's derived views (`postings.bin`, `views.bin`) are flat arrays. `np.savez`
cannot be mapped, and a pickle must be read whole into each process; here a small JSON
header names each array's offset, dtype and length, the data follows 8-byte aligned, and
a reader's arrays are views of one shared `mmap`: the kernel's page cache, shared by
every thread and forked worker, touched only where a query reads.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"TYARRS1\n"
ALIGN = 8


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


def strings(values: Sequence[str] | Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """A column of strings as one UTF-8 blob and the offsets of each (one more than values):
    string `i` is `text(name, first[i], first[i + 1])` once loaded. Bytes are taken as
    already encoded."""
    encoded = [v if isinstance(v, bytes) else v.encode("utf-8") for v in values]
    first = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=first[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), first


def narrowest(values: np.ndarray, kinds: tuple[type, ...]) -> np.ndarray:
    """`values` in the first unsigned type of `kinds` that holds every one exactly (their
    own type if none does): readers widen what they take, so results do not change."""
    if not len(values):
        return values.astype(kinds[0])
    low, high = values.min(), values.max()
    for kind in kinds:
        if low >= 0 and high <= np.iinfo(kind).max:
            narrow = values.astype(kind)
            if np.array_equal(narrow, values):  # a float weight with a fraction stays float
                return narrow
    return values


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write `arrays` to `path` atomically (a `.tmp` file renamed into place)."""
    header: dict[str, list[Any]] = {}
    offset = 0
    for name, arr in arrays.items():
        header[name] = [offset, arr.dtype.str, int(arr.size)]
        offset += _aligned(arr.nbytes)
    head = json.dumps(header).encode()
    start = _aligned(len(MAGIC) + 8 + len(head))
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(MAGIC + struct.pack("<Q", len(head)) + head)
        fh.write(b"\0" * (start - fh.tell()))
        for arr in arrays.values():
            fh.write(np.ascontiguousarray(arr).tobytes())
            fh.write(b"\0" * (_aligned(arr.nbytes) - arr.nbytes))
    os.replace(tmp, path)


class Arrays(dict[str, np.ndarray]):
    """The arrays of one file by name, with the map itself: `text(name, a, b)` decodes
    bytes a:b of a `uint8` array as UTF-8 straight from the map (a bytes slice of an
    `mmap` decodes ~5x faster than a `memoryview` slice: the strings of `views.bin`)."""

    def __init__(self, mapped: mmap.mmap, start: dict[str, int], arrays: dict[str, np.ndarray]):
        super().__init__(arrays)
        self.mapped = mapped
        self.start = start

    def text(self, name: str, a: int, b: int) -> str:
        at = self.start[name]
        return self.mapped[at + a : at + b].decode("utf-8")


def load(path: Path) -> Arrays:
    """The arrays of `path` as read-only views of its memory map (ValueError if not ours)."""
    with path.open("rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if mapped[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{path.name} is not an arrays file")
    (n,) = struct.unpack_from("<Q", mapped, len(MAGIC))
    header = json.loads(mapped[len(MAGIC) + 8 : len(MAGIC) + 8 + n])
    if any(np.dtype(dt).hasobject for _, dt, _ in header.values()):
        raise ValueError(f"{path.name} names an object array (never written by a build)")
    start = _aligned(len(MAGIC) + 8 + n)
    buf = memoryview(mapped)
    return Arrays(
        mapped,
        {name: start + off for name, (off, _, _) in header.items()},
        {
            name: np.frombuffer(buf, dtype=np.dtype(dt), count=size, offset=start + off)
            for name, (off, dt, size) in header.items()
        },
    )


class Strings(Sequence[str]):
    """A string column (`strings`) of a loaded file as a sequence decoded on demand, so
    `bisect` searches it without decoding the rest: rows `lo:hi` of the column, read
    through `order` when given (`order[i]` is the row of the `i`-th string)."""

    def __init__(self, a: Arrays, name: str, order: Any = None, lo: int = 0, hi: int | None = None):
        self._a = a
        self._name = name
        self._first = a[name + "_first"].data  # memoryview: indexing gives a Python int
        self._order = order
        self._lo = lo
        self._hi = len(self._first) - 1 if hi is None else hi

    def __len__(self) -> int:
        return len(self._order) if self._order is not None else self._hi - self._lo

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        return self.text(self.row(i))

    def row(self, i: int) -> int:
        """The column row of the `i`-th string (through `order`, or from `lo`)."""
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._order[i] if self._order is not None else self._lo + i

    def text(self, row: int) -> str:
        """The string of column row `row`."""
        first = self._first
        return self._a.text(self._name, first[row], first[row + 1])

    def find(self, key: str) -> int | None:
        """Where `key` is (the strings must be sorted), or None."""
        i = bisect_left(self, key)
        return i if i < len(self) and self[i] == key else None

    def prefixed(self, prefix: str, limit: int | None = None) -> list[str]:
        """The strings that start with `prefix`, in order, at most `limit` (sorted strings)."""
        out: list[str] = []
        i = bisect_left(self, prefix)
        while i < len(self) and (limit is None or len(out) < limit):
            s = self[i]
            if not s.startswith(prefix):
                break
            out.append(s)
            i += 1
        return out
