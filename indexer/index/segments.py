"""Writing an index as parts (see `indexer.index.parts`): one Whoosh segment per part.

Fresh parts are analysed by the parent and by worker processes, one segment each
(`segment_writer`), whoever is free taking the next; with two cores one worker first
learns the glossary and the links, which need no index, and then joins in. Reused parts
are copies of the previous generation's segment files (Whoosh never edits a segment
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files

from indexer.index import lifeline
from indexer.index.parts import Part
from indexer.index.segment_writer import Job, write_part
from storage.schema import INDEX, build_schema

Progress = Callable[[int, int], None]  # (done, total)

FIRST = -1  # the job number under which the worker running `first` reports it

# Set before forking: workers read their part by index, so no clause is pickled.
_JOBS: tuple[list[Job], dict[str, int]] = ([], {})


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
        lifeline.trim_heap()  # what the learners or the last part freed
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
                raise lifeline.killed(dead[0]) from None
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
            lifeline.trim_heap()  # a part's posting pool: hundreds of MB, freed

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
