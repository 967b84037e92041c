"""Writing an index as parts (see `indexer.index.parts`): one Whoosh segment per part.

Fresh parts are analysed in worker processes, one segment each, while the parent goes on
with other work (the glossary and the links, which do not depend on the index); reused
parts are copies of the previous generation's segment files (Whoosh never edits a segment
file). Copies, not hard links: a generation kept as a fallback must not share a damaged
block with the live one, and copying is seconds where analysing is minutes. The TOC lists
the segments in manifest order, so document numbers are those of a build from scratch,
whatever process finished first.

Whoosh's own multi-process writer handed batches to whichever worker was free, so
document numbers, and with them the order of equally scored hits, changed from one build
to the next; and it could not reuse anything.
"""

from __future__ import annotations

import multiprocessing
import queue
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files
from whoosh.writing import SegmentWriter

from indexer.errors import EnvironmentFailure
from indexer.index import arrays, lifeline, segment_postings
from indexer.index.parts import Part
from indexer.index.schema import build_schema, row

INDEX = "MAIN"  # Whoosh's default index name inside a generation
LIMIT_MB = 128  # posting pool per writing process, spilled to disk runs beyond it
TEXT_FIELDS = ("zh", "ja", "han")  # the analysed fields (see `schema.build_schema`)
REMEMBER = 2048  # texts whose postings a writing process keeps (~10 KB each)
Progress = Callable[[int, int], None]  # (done, total)
Job = list[Any]  # the clause pairs (`indexer.records.Clause`) of one part

FIRST = -1  # the job number under which the worker running `first` reports it

# Set before forking: workers read their part by index, so no clause is pickled.
_JOBS: tuple[list[Job], dict[str, int]] = ([], {})


def codec() -> W3Codec:
    # Posting blocks uncompressed: at 100× the seed corpus the index grows from 57 to 101 MB
    # but query p95 drops by about a sixth (bench/bench_search.py), as every query spends
    # most of its time decoding blocks and zlib was a quarter of that.
    return W3Codec(compression=0)


def write_part(out: Path, job: Job, rank: dict[str, int], progress: Progress | None = None) -> Any:
    """Analyse one part's clause pairs into a new segment of the index in `out`; return it."""
    ix = FileStorage(str(out)).open_index(INDEX)
    writer = _SegmentWriter(ix, _lk=False, codec=codec(), limitmb=LIMIT_MB)
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


def _take(counter: Any, n: int) -> int | None:
    """The next unclaimed job, shared by the parent and the workers; None when all are."""
    with counter.get_lock():
        k = counter.value
        counter.value += 1
    return k if k < n else None


def _first_then_work(first: Callable[[], Any], out: str, counter: Any, results: Any) -> None:
    """A worker that first runs `first` (the learners), reports, then takes jobs."""
    try:
        got = first()
    except Exception as err:  # handed to the parent, which raises it
        results.put((FIRST, None, err))
        return
    results.put((FIRST, got, None))
    _work(out, counter, results)


def _work(out: str, counter: Any, results: Any) -> None:
    jobs, rank = _JOBS
    while (i := _take(counter, len(jobs))) is not None:
        try:
            results.put((i, write_part(Path(out), jobs[i], rank), None))
        except Exception as err:  # handed to the parent, which raises it
            results.put((i, None, err))
            return


class PartWriter:
    """Writes the fresh parts, then the TOC.

    With `procs` > 1, `start` forks `procs - 1` worker processes and returns. Given a
    `first` task (the glossary and links learners, which need no index), one worker runs
    it before taking jobs, and the parent writes segments from the start; `finish`
    returns once every segment and the TOC are written, so the parent can go on with
    the files derived from the index while the learners may still run, and
    `wait_first` returns the task's result. Without workers, `start` writes every part
    and the caller runs its task itself. Jobs are claimed from a shared counter, in
    order, so whoever is free takes the next one.
    """

    def __init__(
        self,
        out: Path,
        parts: Sequence[Part],
        jobs: Sequence[Job],
        rank: dict[str, int],
        procs: int,
    ):
        self.out, self.parts, self.rank = out, list(parts), rank
        self.fresh = [k for k, p in enumerate(parts) if p.fresh]
        self.jobs = [jobs[k] for k in self.fresh]
        self.workers = min(procs, len(self.fresh)) - 1
        self.procs_wanted = procs
        self.procs: list[Any] = []
        self.segments: dict[int, Any] = {}
        self.first: tuple[bool, Any] = (False, None)  # (reported, result)

    def start(
        self,
        previous: Path | None,
        progress: Progress | None,
        first: Callable[[], Any] | None = None,
    ) -> bool:
        """Start writing; True when a worker runs `first` (else the caller must)."""
        whoosh_index.create_in(str(self.out), build_schema(), indexname=INDEX)
        if previous is not None:
            self._reuse(previous)
        ctx = multiprocessing.get_context("fork")
        self.counter, self.results = ctx.Value("i", 0), ctx.Queue()
        if first is not None and self.procs_wanted > 1:
            self.workers = max(self.workers, 1)  # the learners need a core of their own
        if self.workers <= 0:
            self._own_jobs(progress)
            return False
        global _JOBS
        _warm()  # the workers inherit loaded dictionaries instead of each loading its own
        _JOBS = (self.jobs, self.rank)
        lifeline.install()  # the writer processes die with this one, never holding the lock
        for k in range(self.workers):
            args = (str(self.out), self.counter, self.results)
            if k == 0 and first is not None:
                proc = ctx.Process(target=_first_then_work, args=(first, *args))
            else:
                proc = ctx.Process(target=_work, args=args)
            proc.start()
            self.procs.append(proc)
        _JOBS = ([], {})  # the children have their copy; the parent needs no second reference
        if first is None:
            self.first = (True, None)
        return first is not None

    def finish(self, progress: Progress | None = None) -> list[dict[str, Any]]:
        """Write the parts no worker took, wait for the others, write the TOC; return the
        parts as meta.json records them."""
        self._own_jobs(progress)
        while len(self.segments) < len(self.fresh):
            self._receive(progress)
        if self.first[0]:
            self.close()
        segments = [self.segments[k] for k in range(len(self.parts))]
        storage = FileStorage(str(self.out))
        TOC(build_schema(), segments, 1).write(storage, INDEX)
        clean_files(storage, INDEX, 1, segments)
        shutil.rmtree(self.out / f"{INDEX}.tmp", ignore_errors=True)
        return [p.to_meta(s.segment_id()) for p, s in zip(self.parts, segments, strict=True)]

    def wait_first(self) -> Any:
        """The result of the `first` task given to `start`, once its worker reported it."""
        while not self.first[0]:
            self._receive(None)
        self.close()
        return self.first[1]

    def _receive(self, progress: Progress | None) -> None:
        """Take one report from the workers (a segment, or the `first` task's result)."""
        try:
            i, got, err = self.results.get(timeout=1)
        except queue.Empty:
            dead = [p.exitcode for p in self.procs if p.exitcode not in (None, 0)]
            if dead:
                raise EnvironmentFailure(
                    f"an index writer process was killed (exit code {dead[0]}; the "
                    "out-of-memory killer?): lower --procs or add memory; nothing was "
                    "replaced"
                ) from None
            return
        if err is not None:
            raise err
        if i == FIRST:
            self.first = (True, got)
            return
        self.segments[self.fresh[i]] = got
        if progress:
            progress(self._done(), self._total())

    def _own_jobs(self, progress: Progress | None) -> None:
        while (i := _take(self.counter, len(self.jobs))) is not None:
            done = self._done()
            step = (lambda n, _t, d=done: progress(d + n, self._total())) if progress else None
            self.segments[self.fresh[i]] = write_part(self.out, self.jobs[i], self.rank, step)

    def _done(self) -> int:
        return sum(len(j) for i, j in enumerate(self.jobs) if self.fresh[i] in self.segments)

    def _total(self) -> int:
        return sum(map(len, self.jobs))

    def _reuse(self, previous: Path) -> None:
        """Take the reused parts' segments from the previous generation (file copies)."""
        old = {s.segment_id(): s for s in TOC.read(FileStorage(str(previous)), INDEX).segments}
        for k, part in enumerate(self.parts):
            if part.fresh:
                continue
            seg = old[part.segment]
            for f in previous.iterdir():
                if f.name.startswith(seg.segment_id() + "."):
                    shutil.copyfile(f, self.out / f.name)
            self.segments[k] = seg

    def close(self) -> None:
        """Stop the workers (also on error, Ctrl-C or SIGTERM: they must not outlive us)."""
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(5)
        self.procs = []
        if hasattr(self, "results"):
            self.results.cancel_join_thread()  # a feeder thread must not keep us alive
            self.results.close()


def segment_ids(gen: Path) -> set[str]:
    """The segments a generation's TOC lists (raises when it cannot be read)."""
    return {s.segment_id() for s in TOC.read(FileStorage(str(gen)), INDEX).segments}


def _warm() -> None:
    """Load the analyzers' dictionaries (jieba, MeCab) in this process before forking."""
    schema = build_schema()
    for name in ("zh", "ja", "han"):
        list(schema[name].analyzer("中国と日本の貿易", mode="index"))
