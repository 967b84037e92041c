"""Per-document values decoded once, at build time: field lengths and the sort/facet columns.

BM25 needs every document's field lengths, sorting and facets need the `doc`, `item`,
`order` and `doc_rank` columns. Decoding them from Whoosh's structures costs seconds at
scale (linear in the corpus): the cold start of each `taiyaku search`, each server and
each worker after a swap. A build writes them next to the index (`docvalues.bin`: typed
arrays, strings as codes into a table, under the generation's checksums) and a reader
loads them in milliseconds; a generation without the file is not servable.

The file is an arrays file (`storage.arrays`: a JSON header and raw numbers), not a
pickle: loading a pickle runs whatever code it names, so a generation shipped to a replica
must hold no pickle the project writes itself (an older `docvalues.pickle` is never read).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from storage import arrays

if TYPE_CHECKING:  # a type only: importing Whoosh's searching costs a one-shot search ~25 ms
    from whoosh.searching import Searcher

FILE = "docvalues.bin"
COLUMNS = ("doc", "item", "order", "doc_rank")


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
    from whoosh.filedb.filestore import FileStorage  # writing only: a query never opens Whoosh

    storage = FileStorage(str(gen), supports_mmap=False)
    with storage.open_index().searcher() as searcher:
        values = decode(searcher)
    out: dict[str, np.ndarray] = {}
    for name, (lengths, avg) in values["lengths"].items():
        out[f"len:{name}"] = np.asarray(lengths, dtype=np.float32)
        out[f"avg:{name}"] = np.asarray([avg], dtype=np.float64)
    for name, column in values["columns"].items():
        if all(isinstance(v, int) for v in column):
            out[f"int:{name}"] = np.asarray(column, dtype=np.int64)
            continue
        table = sorted(set(column), key=str)
        code = {v: i for i, v in enumerate(table)}
        out[f"code:{name}"] = np.asarray([code[v] for v in column], dtype=np.uint32)
        out[f"table:{name}"] = np.frombuffer(json.dumps(table).encode(), dtype=np.uint8)
    arrays.save(gen / FILE, out)


def read(gen: Path) -> dict[str, Any] | None:
    """The stored values as `decode` returns them, or None when the file is absent."""
    try:
        stored = arrays.load(gen / FILE)
    except FileNotFoundError:
        return None
    lengths: dict[str, tuple[list[float], float]] = {}
    columns: dict[str, list[Any]] = {}
    for key, values in stored.items():
        kind, name = key.split(":", 1)
        if kind == "len":
            lengths[name] = (values.tolist(), float(stored[f"avg:{name}"][0]))
        elif kind == "int":
            columns[name] = values.tolist()
        elif kind == "code":
            table = json.loads(bytes(stored[f"table:{name}"]))
            columns[name] = [table[i] for i in values.tolist()]
    return {"lengths": lengths, "columns": columns}
