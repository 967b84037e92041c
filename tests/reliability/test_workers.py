"""`taiyaku serve` on every core: warm workers, replaced when they die, stopped together.

A real server with two workers over a copy of the seed index: it answers on its first
request, a worker killed outright is replaced and the service keeps answering, and
SIGTERM to the server stops every worker (no orphan keeps the port).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.reliability.served import start_server


def workers(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        kids += [int(c) for c in task.read_text().split()]
    return kids


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def search_ok(url: str) -> bool:
    with urllib.request.urlopen(url + "/api/search?q=%E8%B7%A8%E5%A2%83", timeout=10) as r:
        return r.status == 200 and bool(json.loads(r.read())["hits"])


def wait_for(predicate, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_workers_are_warm_replaced_and_stopped_together(index):
    url, proc = start_server(index, workers=2)
    try:
        assert wait_for(lambda: len(workers(proc.pid)) == 2)
        first = workers(proc.pid)
        assert search_ok(url)  # warm: /healthz answered, so the analyzers and index are loaded
        os.kill(first[0], signal.SIGKILL)
        assert wait_for(lambda: len(workers(proc.pid)) == 2 and first[0] not in workers(proc.pid))
        assert all(search_ok(url) for _ in range(8))
        kids = workers(proc.pid)
    finally:
        proc.terminate()
        proc.wait(15)
    assert wait_for(lambda: not any(alive(k) for k in kids), 10)


def sockets(pid: int, port: int, state: str) -> set[str]:
    """The TCP sockets (inodes) on local `port` in `state` ("01" established, "0A"
    listening) that process `pid` holds (Linux /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    out = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            f = line.split()
            if f[3] == state and int(f[1].rsplit(":", 1)[1], 16) == port and f[9] in inodes:
                out.add(f[9])
    return out


def test_a_burst_of_keep_alive_connections_reaches_every_worker(index):
    """24 connections opened at once and kept (a proxy's pool, a load test) are spread
    over both workers. Each worker accepts on a listening socket of its own, so the kernel
    places each connection: on one shared socket the workers race to accept, and under
    load a burst could all land on one worker, leaving the other core idle for as long as
    the connections live (seen in `bench/bench_workers.py`)."""
    url, proc = start_server(index, workers=2)
    conns = []
    try:
        port = urllib.parse.urlsplit(url).port
        # each worker listening (the second opens its socket once forked: connections
        # made before it does all queue on the first's, as the kernel has one to offer)
        assert wait_for(lambda: [len(sockets(w, port, "0A")) for w in workers(proc.pid)] == [1, 1])
        conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(24)]
        for c in conns:
            c.connect()
        for c in conns:
            c.request("GET", "/healthz")
            assert c.getresponse().read()
        listening = [sockets(w, port, "0A") for w in workers(proc.pid)]
        assert [len(s) for s in listening] == [1, 1] and not listening[0] & listening[1]
        held = [len(sockets(w, port, "01")) for w in workers(proc.pid)]
        assert sum(held) == len(conns) and min(held) > 0, held
    finally:
        for c in conns:
            c.close()
        proc.terminate()
        proc.wait(15)


def test_malloc_arenas_are_capped_unless_the_user_chose(monkeypatch):
    """`taiyaku serve` caps glibc's per-thread malloc arenas (memory per worker); a
    MALLOC_ARENA_MAX set in the environment is the user's and is left alone."""
    from search_app.workers import limit_malloc_arenas

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True  # Linux with glibc: the machines we serve on
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
