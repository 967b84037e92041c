"""Worker processes for `taiyaku serve`: one waitress per core, forked warm, pages shared.

One Python process is bound to one core by the GIL (~180 requests/s at the seed corpus).
So the parent opens the listening socket, loads the analyzers and the index and runs a
real query (`serving.warm`), then freezes its heap (`gc.freeze()`: the collector no longer
touches those objects, so their pages stay shared copy-on-write) and forks the workers;
worker 0 runs waitress on the inherited socket, every other on a socket of its own on the
same address (SO_REUSEPORT), and the kernel spreads connections over them (`own_socket`).
The index files are mapped (`engine.backends.mapped`), so the workers share their pages
through the page cache.

The parent only supervises: a worker that dies is replaced (at most once a second), and
so is one whose event loop stops turning (SIGSTOP, a wedge: `lifecycle.Heartbeats`);
SIGTERM or SIGINT closes the parent's copy of the listening socket and asks every worker
to drain (`lifecycle.drain_on_sigterm`), killing what is left after the drain time; SIGHUP
is logged and ignored; a worker dies with the parent (Linux parent-death signal) if the
parent is killed outright.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import socket
import sys
import time
from collections.abc import Callable

from indexer.index.lifeline import die_with_parent
from search_app.lifecycle import DRAIN_SECONDS, WATCHDOG_SECONDS, Heartbeats, log_sighup

RESPAWN_PAUSE = 1.0  # seconds between replacing crashed workers: no fork storm
M_ARENA_MAX = -8  # glibc's `mallopt` parameter number (malloc.h)
MALLOC_ARENAS = 2


def cores() -> int:
    """The cores this process may run on (what `--workers 0` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def listen(host: str, port: int, backlog: int, shared: bool = False) -> socket.socket:
    """The listening socket, opened once in the parent (clients queue in its backlog while
    the server warms up). `shared`: workers will open sockets of their own on the same
    address (`own_socket`), so the port is opened for that (SO_REUSEPORT)."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(info[0], socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared and hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(info[4])
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


def own_socket(shared: socket.socket, slot: int, backlog: int) -> socket.socket:
    """The socket worker `slot` accepts on. Worker 0 keeps the parent's (whatever queued
    during the warm-up is its); every other worker opens its own on the same address
    (SO_REUSEPORT), so the kernel spreads new connections over the workers by their
    addresses. On one shared socket every worker races to accept: a burst of keep-alive
    connections (a proxy's pool, a load test) could all land on one worker and leave the
    other cores idle for as long as the connections live. Falls back to the shared socket
    where the option is missing or refused."""
    reuse = getattr(socket, "SO_REUSEPORT", None)
    if slot == 0 or reuse is None or not shared.getsockopt(socket.SOL_SOCKET, reuse):
        return shared
    own = socket.socket(shared.family, socket.SOCK_STREAM)
    try:
        own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        own.bind(shared.getsockname())
        own.listen(backlog)
    except OSError:
        own.close()
        return shared
    own.setblocking(False)
    shared.close()  # this process's copy: the parent and worker 0 keep theirs
    return own


def limit_malloc_arenas(count: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process and the workers it forks.

    glibc gives threads their own arenas (up to 8 per core), and the transient arrays of
    a query free into the arena of whichever waitress thread ran it: with 8 threads each
    arena keeps its own high-water mark, tens of MB of private memory per worker at
    scale (`bench/README.md`); under the GIL the extra arenas buy no speed. A
    `MALLOC_ARENA_MAX` the user set is left alone. Returns whether the cap applies (False
    off glibc)."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        return bool(ctypes.CDLL(None).mallopt(M_ARENA_MAX, count))
    except (OSError, AttributeError):  # no C library symbols, or not glibc
        return False


def freeze() -> None:
    """Move everything loaded so far out of the collector's reach (shared after fork)."""
    gc.collect()
    gc.freeze()


def run_workers(
    count: int,
    work: Callable[[int, Heartbeats], None],
    on_stop: Callable[[], None] = lambda: None,
    watchdog: float = WATCHDOG_SECONDS,
    drain: float = DRAIN_SECONDS,
) -> None:
    """Fork `count` workers running `work(slot, beats)` and keep them running until told
    to stop; `on_stop` runs first when stopping (the parent closes its listening socket)."""
    parent = os.getpid()
    children: dict[int, int] = {}  # pid → slot
    beats = Heartbeats(count)
    stopping: list[float] = []  # the deadline, once stopping

    def spawn(slot: int) -> None:
        beats.beat(slot)
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us with SIGTERM
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)  # the parent logs it
            die_with_parent(parent)
            code = 0
            try:
                work(slot, beats)
            except BaseException as exc:  # one line, never a traceback
                print(f"taiyaku worker {os.getpid()}: {exc}", file=sys.stderr)
                code = 1
            finally:
                os._exit(code)
        children[pid] = slot

    def stop(signum: int, _frame: object) -> None:
        if stopping:
            return
        stopping.append(time.monotonic() + drain + 2)
        on_stop()
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log_sighup("server")
    for slot in range(count):
        spawn(slot)
    while children:
        pid, status = _reap()
        if not pid:
            if stopping and time.monotonic() > stopping[0]:
                for left in list(children):  # drain over: what is left is killed
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(left, signal.SIGKILL)
            elif not stopping:
                _watch(children, beats, watchdog)
            time.sleep(0.1)
            continue
        slot = children.pop(pid, None)
        if slot is not None and not stopping:
            print(f"taiyaku: worker {pid} exited ({status}); starting another", file=sys.stderr)
            time.sleep(RESPAWN_PAUSE)
            spawn(slot)


def _reap() -> tuple[int, int]:
    """(pid, status) of a worker that ended, or (0, 0) when none has."""
    try:
        return os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return 0, 0
    except InterruptedError:
        return 0, 0


def _watch(children: dict[int, int], beats: Heartbeats, watchdog: float) -> None:
    """Kill a worker whose event loop has not turned for `watchdog` seconds (it is then
    replaced like a worker that died): its requests fail instead of hanging for ever."""
    for pid, slot in list(children.items()):
        age = beats.age(slot)
        if age > watchdog:
            print(
                f"taiyaku: worker {pid} has not answered for {age:.0f} s; replacing it",
                file=sys.stderr,
            )
            beats.beat(slot)  # once: the kill is reported by waitpid
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
