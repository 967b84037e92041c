"""How a serving process stops, reports it is alive, and keeps waitress's logging bounded.

- Drain: SIGTERM used to kill a worker on the spot, so every `systemctl restart` dropped
  the requests in flight (12 under load). Now the worker stops accepting (closes its copy
  of the listening socket; once every process has, new connections are refused), closes
  idle keep-alive connections, lets the requests it holds finish and their answers leave,
  and exits, after `DRAIN_SECONDS` at the latest.
- Heartbeat: a worker stopped with SIGSTOP (or wedged in its event loop) held its requests
  forever and was never noticed. Each worker's event loop stamps a slot of a shared map
  on every turn (at least once a second: the loop's poll timeout); the parent replaces a
  worker whose stamp is older than `WATCHDOG_SECONDS` (`workers.run_workers`).
- waitress logs "Task queue depth is N" once per queued request: under load that was a
  line per request. `RateLimited` lets one such line through per interval, with a count.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import signal
import struct
import sys
import termios
import threading
import time
from typing import Any

DRAIN_SECONDS = 20.0  # at most this long for the requests in flight after SIGTERM
WATCHDOG_SECONDS = 20.0  # a worker whose event loop has not turned for this long is replaced
_SLOT = struct.Struct("d")


class Heartbeats:
    """One monotonic timestamp per worker slot in a shared anonymous map (fork-inherited)."""

    def __init__(self, slots: int):
        self.map = mmap.mmap(-1, _SLOT.size * max(1, slots))

    def beat(self, slot: int) -> None:
        _SLOT.pack_into(self.map, slot * _SLOT.size, time.monotonic())

    def age(self, slot: int) -> float:
        return time.monotonic() - _SLOT.unpack_from(self.map, slot * _SLOT.size)[0]


def stamp_each_turn(server: Any, beat: Any) -> None:
    """Call `beat()` on every turn of the server's event loop (its `readable` is asked)."""
    readable = server.readable

    def readable_and_beat() -> bool:
        beat()
        return readable()

    server.readable = readable_and_beat


def busy(server: Any) -> bool:
    """Whether the server holds a request: queued, running, being read or being sent."""
    dispatcher = server.task_dispatcher
    with dispatcher.lock:
        if dispatcher.queue or dispatcher.active_count:
            return True
    return any(not _idle(channel) for channel in _channels(server))


def _channels(server: Any) -> list[Any]:
    from waitress.channel import HTTPChannel

    return [c for c in list(server._map.values()) if isinstance(c, HTTPChannel)]


def _idle(channel: Any) -> bool:
    """No request held, nothing to send, and no bytes waiting unread in the kernel."""
    if channel.requests or channel.total_outbufs_len or channel.request is not None:
        return False
    try:
        waiting = struct.unpack("i", fcntl.ioctl(channel.socket, termios.FIONREAD, b"\0" * 4))
    except (OSError, AttributeError, TypeError):
        return True  # closed meanwhile
    return waiting[0] == 0


def drain_on_sigterm(
    server: Any, seconds: float = DRAIN_SECONDS, also: tuple[int, ...] = ()
) -> None:
    """On SIGTERM (and the signals in `also`): stop accepting, finish what is in flight
    (bounded), then exit 0."""
    from waitress import wasyncore

    def drain(signum: int, frame: object) -> None:
        for sig in (signal.SIGTERM, *also):
            signal.signal(sig, signal.SIG_IGN)
        server.accepting = False
        _accept_pending(server)  # connections already queued are in flight too
        wasyncore.dispatcher.close(server)  # this process's copy of the listening socket
        deadline = time.monotonic() + seconds

        def finish() -> None:
            while time.monotonic() < deadline:
                for channel in _channels(server):
                    if _idle(channel):
                        channel.will_close = True  # idle keep-alive: closed by the loop
                if not busy(server):
                    break
                time.sleep(0.05)
            else:
                print(f"taiyaku worker {os.getpid()}: drain timed out", file=sys.stderr)
            os._exit(0)

        threading.Thread(target=finish, name="drain", daemon=True).start()
        server.pull_trigger()

    for sig in (signal.SIGTERM, *also):
        signal.signal(sig, drain)


def _accept_pending(server: Any, most: int = 1000) -> None:
    """Take the connections waiting in the listening queue (as `handle_accept` does)."""
    for _ in range(most):
        try:
            pair = server.accept()
        except OSError:
            return
        if pair is None:
            return
        conn, addr = pair
        server.set_socket_options(conn)
        server.channel_class(server, conn, server.fix_addr(addr), server.adj, map=server._map)


def log_sighup(who: str) -> None:
    """SIGHUP is logged and otherwise ignored (it used to kill the server silently): the
    live generation is followed on every request, settings need a restart."""

    def note(signum: int, frame: object) -> None:
        print(
            f"taiyaku {who} {os.getpid()}: SIGHUP ignored: a new generation is picked up on "
            "the next request by itself; restart the server to change settings",
            file=sys.stderr,
        )

    signal.signal(signal.SIGHUP, note)


class RateLimited(logging.Filter):
    """At most one record per `interval` seconds; the next one says how many were dropped."""

    def __init__(self, interval: float = 10.0):
        super().__init__()
        self.interval = interval
        self.last = -interval
        self.dropped = 0
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        with self.lock:
            now = time.monotonic()
            if now - self.last < self.interval:
                self.dropped += 1
                return False
            if self.dropped:
                record.msg = f"{record.msg} ({self.dropped} similar lines suppressed)"
            self.last, self.dropped = now, 0
            return True


def bound_queue_logging(interval: float = 10.0) -> None:
    """waitress's per-request queue-depth warning, at most once per `interval` seconds."""
    logger = logging.getLogger("waitress.queue")
    if not any(isinstance(f, RateLimited) for f in logger.filters):
        logger.addFilter(RateLimited(interval))
