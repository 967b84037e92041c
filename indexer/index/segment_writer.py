"""Writing one segment: a part's clause pairs analysed into a new Whoosh segment.

Whoosh's `SegmentWriter`, with two costs of its own removed (the segment files are the
same): its posting pool, which pickled sorted runs to disk and merged them, is a dict of
posting lists in memory (`_MemoryPool`), and each field-length column is decoded once
(`_Lengths`). The posting lists are also saved as arrays beside the segment
(`segment_postings`), so `postings.bin` is merged from them rather than decoded back out
of Whoosh. A text seen recently reuses its analysis (`_remembered`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from storage import arrays, segment_postings
from storage.schema import INDEX, row

TEXT_FIELDS = ("zh", "ja", "han")  # the analysed fields (see `schema.build_schema`)
REMEMBER = 2048  # texts whose postings a writing process keeps (~10 KB each)
Progress = Callable[[int, int], None]  # (done, total)
Job = list[Any]  # the clause pairs (`indexer.records.Clause`) of one part


def codec() -> W3Codec:
    # Posting blocks uncompressed: at 100× the seed corpus the index grows from 57 to 101 MB
    # but query p95 drops by about a sixth (bench/bench_search.py), as every query spends
    # most of its time decoding blocks and zlib was a quarter of that.
    return W3Codec(compression=0)


def write_part(out: Path, job: Job, rank: dict[str, int], progress: Progress | None = None) -> Any:
    """Analyse one part's clause pairs into a new segment of the index in `out`; return it."""
    ix = FileStorage(str(out)).open_index(INDEX)
    writer = _SegmentWriter(ix, _lk=False, codec=codec())
    for name in TEXT_FIELDS:
        field = writer.schema[name]
        field.index = _remembered(field.index)  # this writer's copy of the schema only
    try:
        for n, c in enumerate(job, 1):
            writer.add_document(**row(c, rank))
            if progress and (n % 200 == 0 or n == len(job)):
                progress(n, len(job))
        return writer._finalize_segment()
    except BaseException:
        writer._close_segment()
        raise


class _MemoryPool:
    """Whoosh's posting pool, grouped by term in memory instead of sorted on disk.

    Whoosh's `PostingPool` collects every posting of a segment as a tuple, pickles sorted
    runs to temporary files once its 128 MB estimate is reached, then merges them: at
    10,000 clauses a segment that was a third of the writer's CPU. Documents arrive in
    document order, so each term's postings are already sorted by document; only the
    terms need sorting, once, at the end. The postings yielded, and so the segment
    written, are exactly those of Whoosh's pool. Memory is the pool's contents (~150 MB
    for a 10,000-clause part), which Whoosh's own limit held on disk instead.
    """

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], list[tuple[Any, ...]]] = {}

    def add(self, item: tuple[Any, ...]) -> None:
        """`item` is Whoosh's `(fieldname, term bytes, docnum, weight, value bytes)`."""
        key = (item[0], item[1])
        got = self.terms.get(key)
        if got is None:
            self.terms[key] = [item]
        else:
            got.append(item)

    def iter_postings(self) -> Iterator[tuple[Any, ...]]:
        terms = self.terms
        for key in sorted(terms):
            yield from terms[key]

    def cleanup(self) -> None:
        self.terms = {}


class _Lengths:
    """A segment's field lengths, each length column decoded once.

    Whoosh's writer asks its per-document reader for the length of every posting's
    document, and for a field without a length column that checks the file system each
    time."""

    def __init__(self, reader: Any, fieldnames: Iterator[str]) -> None:
        self.columns: dict[str, list[int | None]] = {}
        for name in fieldnames:
            if reader.has_column(f"_{name}_len"):
                n = reader.doc_count_all()
                raw = [reader.doc_field_length(d, name) for d in range(n)]
                self.columns[name] = raw

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        col = self.columns.get(fieldname)
        return default if col is None else col[docnum]


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer with the pool in memory and the lengths decoded once: the
    same segment files, for less CPU (see `_MemoryPool`, `_Lengths`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool.cleanup()  # Whoosh's pool has written nothing yet
        self.pool = _MemoryPool()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        names = sorted({name for name, _ in self.pool.terms})
        lengths = _Lengths(pdr, iter(names)) if pdr else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr:
            pdr.close()
        side = segment_postings.path_of(Path(self.storage.folder), self.newsegment.segment_id())
        arrays.save(side, segment_postings.from_pool(self.schema, self.pool.terms))


def _remembered(analyse: Callable[..., Any]) -> Callable[..., list[Any]]:
    """`field.index` remembering the postings of the last `REMEMBER` texts.

    The same clause recurs (headings, formulas, a provision repeated in several
    documents): a third of the clauses of the 100x bench corpus are distinct. Analysing
    a text and encoding its postings was 38% of writing a segment; the result depends on
    the text alone, so a repeated text reuses it (tuples of bytes and numbers: immutable).
    """
    seen: dict[str, list[Any]] = {}

    def index(value: str, **kwargs: Any) -> list[Any]:
        if kwargs or not isinstance(value, str):
            return list(analyse(value, **kwargs))
        got = seen.get(value)
        if got is None:
            if len(seen) >= REMEMBER:
                del seen[next(iter(seen))]  # the oldest: repeats are usually near
            got = seen[value] = list(analyse(value))
        return got

    return index
