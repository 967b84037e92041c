"""The Whoosh backend: index generations on disk, opened and followed across rebuilds.

It follows the index root's CURRENT pointer: each request checks (one `stat`) whether a
build published a new generation and, if so, opens it; requests already running keep
the generation they started with, so a swap never fails a request. The request that
notices runs `on_open` (the service's warm-up queries) on the new generation before it is
served; other requests meanwhile stay on the previous one, so none pays a cold start.
A generation is only opened after its checksum manifest's cheap check passes; when
CURRENT is missing or names a damaged generation, the newest sound one is served and
`note` says why. After a failure inside Whoosh, `recover` re-checks the generation and,
if it has been damaged since, moves off it. Whoosh searchers are not shared between
threads: each thread gets its own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index

from engine.backends.whoosh import mapped
from engine.backends.whoosh.index import WhooshIndex
from engine.evaluate import Evaluator
from engine.glossary_index import GlossaryIndex
from engine.scoring import IndexStats, StatsCache
from indexer.errors import IndexDamaged
from indexer.index import docvalues, glossary_table, postings, views
from indexer.index.checksums import verify
from indexer.index.glossary_table import GlossaryTable
from indexer.index.postings import PostingsFile
from indexer.index.schema import SCHEMA_VERSION
from indexer.index.store import IndexMissing, generations, live_generation, read_meta
from indexer.index.views import Views
from indexer.links import variants

if TYPE_CHECKING:
    from whoosh.searching import Searcher

mapped.install()  # segments read from one shared map, not copied per searcher


class WhooshGeneration:
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
        self.ix = whoosh_index.open_dir(str(path))
        self.docs = {d["id"]: d for d in self.meta["documents"]}
        self.lists, self.views, table = _derived(path)
        self.gloss = GlossaryIndex(table)
        self.links = self.views.links_of
        self._variants: dict[str, list[str]] | None = None
        self._local = threading.local()
        self._stats = StatsCache()

    def variants(self, folded: str) -> list[str]:
        """Corpus words with a dictionary sense of `folded` (`indexer.links.variants`),
        read on the first query that needs suggestions."""
        if self._variants is None:
            self._variants = variants.load(self.path / variants.FILE)
        return self._variants.get(folded, [])

    def searcher(self) -> Searcher:
        """This thread's Whoosh searcher (Whoosh's own search: tests, a document's clauses)."""
        return self.index().searcher

    def index(self) -> WhooshIndex:
        ix = getattr(self._local, "index", None)
        if ix is None:
            ix = self._local.index = WhooshIndex(
                self.ix.reader(), self.lists, self.views, self._values()
            )
        return ix

    def _values(self) -> dict[str, Any] | None:
        """Per-document values stored at build time, read on the first index opened (the
        statistics are built from them once; later threads never need them)."""
        if self._stats.ready:
            return None
        return docvalues.read(self.path)

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


class WhooshBackend:
    """The live generation under `root` (see `indexer.index.store`)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._gen: WhooshGeneration | None = None
        self._stamp: tuple[int, int] | None = None
        self.note = ""  # why the generation served is not the one CURRENT names, if so
        self.on_open: Callable[[WhooshGeneration], None] | None = None  # see `current`

    def current(self) -> WhooshGeneration:
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
            gen = WhooshGeneration(path)
            if self._gen is not None and self.on_open is not None:
                self.on_open(gen)  # warmed before any request is served from it
            self._gen = gen
        self.note = note

    def problems(self, gen: WhooshGeneration) -> list[str]:
        """What the cheap check (sizes, first and last blocks) finds wrong with `gen`."""
        return verify(gen.path)

    def recover(self, gen: WhooshGeneration) -> bool:
        """After a failure inside Whoosh: if `gen` fails verification now, move off it."""
        if not verify(gen.path):
            return False
        with self._lock:
            if self._gen is gen:
                self._open_live()
        return True
