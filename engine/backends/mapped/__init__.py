"""The mapped backend: index generations on disk, opened and followed across rebuilds.

It follows the index root's CURRENT pointer: each request checks (one `stat`) whether a
build published a new generation and, if so, opens it; requests already running keep
the generation they started with, so a swap never fails a request. The request that
notices runs `on_open` (the service's warm-up queries) on the new generation before it is
served; other requests meanwhile stay on the previous one, so none pays a cold start.
A generation is only opened after its checksum manifest's cheap check passes; when
CURRENT is missing or names a damaged generation, the newest sound one is served and
`note` says why. After a failure reading a generation, `recover` re-checks the generation and,
if it has been damaged since, moves off it. A generation is read through the files the
build derives from the Whoosh segments (`storage`), mapped once and shared by every
thread and forked worker; the segments themselves are never opened here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.backends.mapped.index import MappedIndex
from engine.evaluate import Evaluator
from engine.glossary_index import GlossaryIndex
from engine.scoring import IndexStats, StatsCache
from storage import clause_views as views
from storage import docvalues, glossary_table, variants_file
from storage import postings_file as postings
from storage.checksums import verify
from storage.clause_views import Views
from storage.errors import IndexDamaged, IndexMissing
from storage.generations import generations, live_generation, read_meta
from storage.glossary_table import GlossaryTable
from storage.postings_file import PostingsFile
from storage.schema import SCHEMA_VERSION


class MappedGeneration:
    """One opened, immutable index generation and what was built with it."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.meta: dict[str, Any] = read_meta(path)
        if self.meta.get("schema") != SCHEMA_VERSION:
            raise IndexMissing(
                f"index at {path} has schema {self.meta.get('schema')}, this code needs "
                f"{SCHEMA_VERSION}: run `taiyaku build`"
            )
        self.docs = {d["id"]: d for d in self.meta["documents"]}
        self.lists, self.views, table = _derived(path)
        self.gloss = GlossaryIndex(table)
        self.links = self.views.links_of
        self._variants: dict[str, list[str]] | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._docvalues: dict[str, Any] | None = None
        self._stats = StatsCache()

    def variants(self, folded: str) -> list[str]:
        """Corpus words with a dictionary sense of `folded` (`storage.variants_file`),
        read on the first query that needs suggestions."""
        if self._variants is None:
            self._variants = variants_file.load(self.path)
        return self._variants.get(folded, [])

    def index(self) -> MappedIndex:
        ix = getattr(self._local, "index", None)
        if ix is None:
            ix = self._local.index = MappedIndex(self.lists, self.views, self._values())
        return ix

    def _values(self) -> dict[str, Any]:
        """Per-document values stored at build time, read once per generation."""
        with self._lock:
            if self._docvalues is None:
                values = docvalues.read(self.path)
                if values is None:
                    raise IndexDamaged(f"index at {self.path} has no readable docvalues")
                self._docvalues = values
            return self._docvalues

    def stats(self) -> IndexStats:
        return self._stats.get(self.index())

    def evaluator(self) -> Evaluator:
        """A fresh evaluator for one request, over this thread's index."""
        return Evaluator(self.index(), self.stats())


def _derived(path: Path) -> tuple[PostingsFile, Views, GlossaryTable]:
    """The generation's mapped posting lists, clause views and glossary; without them it
    is not servable (a build writes them, under its checksums)."""
    try:
        return (
            PostingsFile(path / postings.FILE),
            Views(path / views.FILE),
            GlossaryTable(path / glossary_table.FILE),
        )
    except (OSError, ValueError, KeyError) as err:
        raise IndexDamaged(f"index at {path} has unreadable derived files: {err!r}") from err


class MappedBackend:
    """The live generation under `root` (see `storage.generations`)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._gen: MappedGeneration | None = None
        self._stamp: tuple[int, int] | None = None
        self.note = ""  # why the generation served is not the one CURRENT names, if so
        self.on_open: Callable[[MappedGeneration], None] | None = None  # see `current`

    def current(self) -> MappedGeneration:
        """The live generation, reopened when CURRENT changed since the last call."""
        try:
            st = os.stat(self.root / "CURRENT")
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_ino)
        except OSError:
            stamp = None
        if self._gen is not None and stamp == self._stamp:
            return self._gen
        if not self._lock.acquire(blocking=self._gen is None):
            return self._gen  # another thread is opening (and warming) the new one
        try:
            if self._gen is None or stamp != self._stamp:
                self._open_live()
                self._stamp = stamp
        finally:
            self._lock.release()
        assert self._gen is not None
        return self._gen

    def _open_live(self) -> None:
        path, note = live_generation(self.root)
        if path is None:
            self._gen = None
            if generations(self.root):
                raise IndexDamaged(f"no sound index generation under {self.root}: {note}")
            raise IndexMissing(f"no index under {self.root}: run `taiyaku build`")
        if self._gen is None or self._gen.path != path:
            gen = MappedGeneration(path)
            if self._gen is not None and self.on_open is not None:
                self.on_open(gen)  # warmed before any request is served from it
            self._gen = gen
        self.note = note

    def problems(self, gen: MappedGeneration) -> list[str]:
        """What the cheap check (sizes, first and last blocks) finds wrong with `gen`."""
        return verify(gen.path)

    def recover(self, gen: MappedGeneration) -> bool:
        """After a failure reading `gen`: if it fails verification now, move off it."""
        if not verify(gen.path):
            return False
        with self._lock:
            if self._gen is gen:
                self._open_live()
        return True
