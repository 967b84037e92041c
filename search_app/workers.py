"""Worker processes for `taiyaku serve`: one waitress per core, forked warm, pages shared.

One Python process is bound to one core by the GIL (~180 requests/s at the seed corpus).
So the parent opens the listening socket, loads the analyzers and the index and runs a
real query (`serving.warm`), then freezes its heap (`gc.freeze()`: the collector no longer
touches those objects, so their pages stay shared copy-on-write) and forks the workers;
each runs waitress on the inherited socket and the kernel spreads connections over them.
The index segments are read through one memory map (`engine.backends.whoosh.mapped`),
which the workers share through the page cache.

The parent only supervises: a worker that dies is replaced (at most once a second);
SIGTERM or SIGINT stops every worker, and a worker dies with the parent (Linux
parent-death signal) if the parent is killed outright.
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

RESPAWN_PAUSE = 1.0  # seconds between replacing crashed workers: no fork storm
M_ARENA_MAX = -8  # glibc's `mallopt` parameter number (malloc.h)
MALLOC_ARENAS = 2


def cores() -> int:
    """The cores this process may run on (what `--workers 0` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def listen(host: str, port: int, backlog: int) -> socket.socket:
    """The listening socket, opened once in the parent and inherited by every worker."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(info[0], socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(info[4])
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


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


def run_workers(count: int, work: Callable[[], None]) -> None:
    """Fork `count` workers running `work` and keep them running until told to stop."""
    parent = os.getpid()
    children: dict[int, int] = {}  # pid → slot
    stopping = False

    def spawn(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us with SIGTERM
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            die_with_parent(parent)
            code = 0
            try:
                work()
            except BaseException as exc:  # one line, never a traceback
                print(f"taiyaku worker {os.getpid()}: {exc}", file=sys.stderr)
                code = 1
            finally:
                os._exit(code)
        children[pid] = slot

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for slot in range(count):
        spawn(slot)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        slot = children.pop(pid, None)
        if slot is not None and not stopping:
            print(f"taiyaku: worker {pid} exited ({status}); starting another", file=sys.stderr)
            time.sleep(RESPAWN_PAUSE)
            spawn(slot)
