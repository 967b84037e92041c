"""Read Whoosh segments straight from their memory map, without a copy per searcher.

Whoosh 2.7 maps each compound segment file and then, for every sub-file a searcher opens
(postings, term index, lengths, stored fields), wraps the mapped bytes in `io.BytesIO`,
which copies them: every thread's searcher held its own copy of the whole segment
(~130 MB per waitress thread at 18,800 pairs, ~650 MB at 94,000). Here a sub-file reads
slices of the shared map instead, so the pages are the kernel's page cache, shared by
every thread and every forked worker, and a new searcher costs next to nothing.

`install()` points Whoosh's segment opener at `MappedCompoundStorage`; it only changes how
mapped bytes are read (storages without mmap, such as `RamStorage`, are untouched).
"""

from __future__ import annotations

import os
from typing import Any

from whoosh.codec import base as codec_base
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile


class ViewReader:
    """A read-only file over a memoryview: `read` copies only the bytes asked for."""

    def __init__(self, view: memoryview):
        self._view = view
        self._pos = 0
        self._len = len(view)

    def read(self, n: int = -1) -> bytes:
        start = self._pos
        end = self._len if n is None or n < 0 else min(self._len, start + n)
        self._pos = end
        return bytes(self._view[start:end])

    def readinto(self, buf: Any) -> int:
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def readline(self, limit: int = -1) -> bytes:
        view, start = self._view, self._pos
        end = self._len if limit is None or limit < 0 else min(self._len, start + limit)
        i = start
        while i < end and view[i] != 10:  # b"\n"
            i += 1
        return self.read(min(i + 1, end) - start)

    def seek(self, pos: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._len}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


class ViewFile(BufferFile):
    """Whoosh's `BufferFile` over a slice of the map, without its `BytesIO` copy."""

    def __init__(self, buf: memoryview, name: str | None = None):
        self._buf = buf
        self._name = name
        self.file = ViewReader(buf)
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def subset(self, position: int, length: int, name: str | None = None) -> ViewFile:
        return ViewFile(self._buf[position : position + length], name=name or self._name)


class MappedCompoundStorage(CompoundStorage):
    """A compound segment whose sub-files are views of one shared memory map."""

    def open_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self._source or self.is_closed:
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        return ViewFile(memoryview(self._source)[offset : offset + length], name=name)

    def close(self) -> None:
        # Views may outlive the storage (a searcher closed while a reader finishes):
        # leave the map to the garbage collector rather than fail with BufferError.
        self.is_closed = True
        if self._file:
            self._file.close()


def install() -> None:
    """Make Whoosh open compound segments through `MappedCompoundStorage`."""
    codec_base.CompoundStorage = MappedCompoundStorage
