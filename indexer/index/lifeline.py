"""Child processes of a build die with it: the parent-death signal, set in every forked child.

Whoosh's multi-process writer forks `multiprocessing.Process` workers. When the build was
killed (SIGKILL, OOM killer) they lived on, reparented to PID 1, holding the build lock and
a `.building-*` directory. On Linux `prctl(PR_SET_PDEATHSIG, SIGKILL)` asks the kernel to
kill a child the moment its parent dies; `multiprocessing.util.register_after_fork` runs
our hook in each forked child before its work starts. Elsewhere this is a no-op and the
lock's dead-owner check (`storage.lock`) still unblocks the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from indexer.errors import EnvironmentFailure

PR_SET_PDEATHSIG = 1
_registered = False
_parent = os.getpid()


def die_with_parent(parent: int | None = None) -> None:
    """In a child: ask for SIGKILL when the parent exits; exit now if it already has."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _after_fork(_: object) -> None:
    die_with_parent(_parent)
    # The parent stops its workers itself (`segments.PartWriter.close`): a worker must die
    # quietly on SIGTERM, not run the handler it inherited from `taiyaku build` and print a
    # traceback, and Ctrl-C (sent to the whole process group) is the parent's to handle.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Marker:
    """`register_after_fork` keeps a weak reference: this module-level object lives forever."""


_MARKER = _Marker()


def install() -> None:
    """Make every `multiprocessing` child forked from now on die with this process."""
    global _registered, _parent
    _parent = os.getpid()
    if not _registered:
        multiprocessing.util.register_after_fork(_MARKER, _after_fork)
        _registered = True


def trim_heap() -> None:
    """Give the heap's free pages back to the system (glibc's `malloc_trim`).

    A forked child starts with its parent's resident pages counted in its own RSS; the
    segment writer's posting pools, freed, stay resident in the parent's heap unless
    trimmed. Elsewhere than glibc this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return


def killed(exitcode: int | None) -> EnvironmentFailure:
    """What to say when a child process of a build died without reporting an error."""
    return EnvironmentFailure(
        f"a build process was killed (exit code {exitcode}; the out-of-memory killer?): "
        "lower --procs or add memory; nothing was replaced"
    )


class Forked:
    """`fn(*args)` in a forked child that dies with this process; `wait` re-raises its error.

    A build's last steps each read the finished index and write one file: one of them
    runs beside the others on the second core instead of after them.
    """

    def __init__(self, fn: Callable[..., None], *args: Any):
        install()
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_report, args=(send, fn, args))
        self._proc.start()
        send.close()

    def wait(self) -> None:
        """Wait for the child; raise what it raised (or say how it died)."""
        try:
            err = self._recv.recv()
        except EOFError:  # killed before it could report
            err = None
        self._proc.join()
        if isinstance(err, BaseException):
            raise err
        if self._proc.exitcode != 0:
            raise killed(self._proc.exitcode)

    def stop(self) -> None:
        """Kill the child (this process is failing): it must not outlive the build."""
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(5)


def _report(send: Any, fn: Callable[..., None], args: tuple[Any, ...]) -> None:
    try:
        fn(*args)
        send.send(None)
    except BaseException as err:  # handed to the parent, which raises it
        send.send(err)
