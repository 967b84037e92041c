"""Per-document values decoded once, at build time: field lengths and the sort/facet columns.

BM25 needs every document's field lengths, sorting and facets need the `doc`, `item`,
`order` and `doc_rank` columns. Decoding them from Whoosh's structures costs seconds at
scale (linear in the corpus): the cold start of each `taiyaku search`, each server and
each worker after a swap. A build writes them next to the index (`docvalues.pickle`:
typed arrays, strings as codes into a table, under the generation's checksums) and a
reader loads them in milliseconds; a generation without the file is not servable.
"""

from __future__ import annotations

import os
import pickle
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.filedb.filestore import FileStorage

if TYPE_CHECKING:  # a type only: importing Whoosh's searching costs a one-shot search ~25 ms
    from whoosh.searching import Searcher

FILE = "docvalues.pickle"
COLUMNS = ("doc", "item", "order", "doc_rank")
VERSION = 1


def decode(searcher: Searcher) -> dict[str, Any]:
    """`{"lengths": {field: (lengths, average)}, "columns": {name: values}}` by docnum."""
    reader = searcher.reader()
    leaves = reader.leaf_readers()
    count = searcher.doc_count_all()
    lengths = {}
    for name, fld in searcher.schema.items():
        if fld.scorable:
            values = [0.0] * count
            for leaf, base in leaves:
                for n in range(leaf.doc_count_all()):
                    values[base + n] = leaf.doc_field_length(n, name, 0) or 0
            lengths[name] = (values, searcher.avg_field_length(name))
    columns = {
        name: list(reader.column_reader(name))
        for name in COLUMNS
        if name in searcher.schema and reader.has_column(name)
    }
    return {"lengths": lengths, "columns": columns}


def write(gen: Path) -> None:
    """Decode a freshly written index in `gen` and store its values (atomically).

    The segments are read through file handles, not maps: from a map Whoosh copies each
    segment's whole posting file into memory when it opens it (50 MB a segment at
    188,000 pairs), and this reads no postings at all."""
    storage = FileStorage(str(gen), supports_mmap=False)
    with storage.open_index().searcher() as searcher:
        values = decode(searcher)
    packed = {
        "version": VERSION,
        "lengths": {k: (array("f", v), avg) for k, (v, avg) in values["lengths"].items()},
        "columns": {k: _pack(v) for k, v in values["columns"].items()},
    }
    tmp = gen / (FILE + ".tmp")
    tmp.write_bytes(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, gen / FILE)


def read(gen: Path) -> dict[str, Any] | None:
    """The stored values as `decode` returns them, or None when the file is absent."""
    try:
        packed = pickle.loads((gen / FILE).read_bytes())
    except FileNotFoundError:
        return None
    if packed.get("version") != VERSION:
        return None
    return {
        "lengths": {k: (v.tolist(), avg) for k, (v, avg) in packed["lengths"].items()},
        "columns": {k: _unpack(v) for k, v in packed["columns"].items()},
    }


def _pack(values: list[Any]) -> tuple[str, Any, Any]:
    if all(isinstance(v, int) for v in values):
        return ("int", array("q", values), None)
    table = sorted(set(values), key=str)
    code = {v: i for i, v in enumerate(table)}
    return ("coded", array("I", [code[v] for v in values]), table)


def _unpack(packed: tuple[str, Any, Any]) -> list[Any]:
    kind, data, table = packed
    if kind == "int":
        return data.tolist()
    return [table[i] for i in data]
