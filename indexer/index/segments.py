"""Writing an index as parts (see `indexer.index.parts`): one Whoosh segment per part.

Fresh parts are analysed in worker processes, one segment each, while the parent goes on
with other work (the glossary and the links, which do not depend on the index); reused
parts are hard links to the previous generation's segment files (Whoosh never edits a
segment file: deletions live in the TOC). The TOC lists the segments in manifest order,
so document numbers are those of a build from scratch, whatever process finished first.

Whoosh's own multi-process writer handed batches to whichever worker was free, so
document numbers, and with them the order of equally scored hits, changed from one build
to the next; and it could not reuse anything.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files
from whoosh.writing import SegmentWriter

from indexer.index import lifeline
from indexer.index.parts import Part
from indexer.index.schema import build_schema, row

INDEX = "MAIN"  # Whoosh's default index name inside a generation
LIMIT_MB = 128  # posting pool per writing process, spilled to disk runs beyond it
Progress = Callable[[int, int], None]  # (done, total)
Job = list[Any]  # the clause pairs (`indexer.records.Clause`) of one part

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
    writer = SegmentWriter(ix, _lk=False, codec=codec(), limitmb=LIMIT_MB)
    try:
        for n, c in enumerate(job, 1):
            writer.add_document(**row(c, rank))
            if progress and (n % 200 == 0 or n == len(job)):
                progress(n, len(job))
        return writer._finalize_segment()
    except BaseException:
        writer._close_segment()
        raise


def _work(k: int, out: str) -> Any:
    jobs, rank = _JOBS
    return write_part(Path(out), jobs[k], rank)


class PartWriter:
    """Writes the fresh parts (in processes when `procs` > 1), then the TOC.

    `start` returns at once when processes do the work, so the caller can compute
    something else meanwhile; `finish` waits for them and publishes the segment list.
    """

    def __init__(
        self,
        out: Path,
        parts: Sequence[Part],
        jobs: Sequence[Job],
        rank: dict[str, int],
        procs: int,
    ):
        self.out, self.parts, self.rows, self.rank = out, list(parts), list(jobs), rank
        self.procs = min(procs, sum(1 for p in parts if p.fresh))
        self.pool: Any = None
        self.pending: list[Any] = []
        self.segments: dict[int, Any] = {}

    def start(self, previous: Path | None, progress: Progress | None) -> None:
        whoosh_index.create_in(str(self.out), build_schema(), indexname=INDEX)
        if previous is not None:
            self._link(previous)
        fresh = [k for k, p in enumerate(self.parts) if p.fresh]
        if self.procs <= 1:
            done = 0
            total = sum(len(self.rows[k]) for k in fresh)
            for k in fresh:
                step = (lambda n, _t, d=done: progress(d + n, total)) if progress else None
                self.segments[k] = write_part(self.out, self.rows[k], self.rank, step)
                done += len(self.rows[k])
            return
        global _JOBS
        _JOBS = (self.rows, self.rank)
        lifeline.install()  # the writer processes die with this one, never holding the lock
        self.pool = multiprocessing.get_context("fork").Pool(self.procs)
        _JOBS = ([], {})  # the children have their copy; the parent needs no second reference
        self.pending = [(k, self.pool.apply_async(_work, (k, str(self.out)))) for k in fresh]

    def finish(self, progress: Progress | None = None) -> list[dict[str, Any]]:
        """Wait for the workers, write the TOC; the parts as meta.json records them."""
        if self.pool is not None:
            total, done = sum(len(self.rows[k]) for k, _ in self.pending), 0
            for k, result in self.pending:
                self.segments[k] = result.get()
                done += len(self.rows[k])
                if progress:
                    progress(done, total)
            self.close()
        segments = [self.segments[k] for k in range(len(self.parts))]
        storage = FileStorage(str(self.out))
        TOC(build_schema(), segments, 1).write(storage, INDEX)
        clean_files(storage, INDEX, 1, segments)
        shutil.rmtree(self.out / f"{INDEX}.tmp", ignore_errors=True)
        return [p.to_meta(s.segment_id()) for p, s in zip(self.parts, segments, strict=True)]

    def _link(self, previous: Path) -> None:
        """Take the reused parts' segments from the previous generation, as hard links."""
        old = {s.segment_id(): s for s in TOC.read(FileStorage(str(previous)), INDEX).segments}
        for k, part in enumerate(self.parts):
            if part.fresh:
                continue
            seg = old[part.segment]
            for f in previous.iterdir():
                if f.name.startswith(seg.segment_id() + "."):
                    _link_or_copy(f, self.out / f.name)
            self.segments[k] = seg

    def close(self) -> None:
        """Stop the workers (also on error, Ctrl-C or SIGTERM: they must not outlive us)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed: a copy is as good
        shutil.copy2(src, dst)
