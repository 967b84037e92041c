"""`taiyaku serve` on every core: warm workers, replaced when they die, stopped together.

A real server with two workers over a copy of the seed index: it answers on its first
request, a worker killed outright is replaced and the service keeps answering, and
SIGTERM to the server stops every worker (no orphan keeps the port).
"""

from __future__ import annotations

import json
import os
import signal
import time
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


def test_malloc_arenas_are_capped_unless_the_user_chose(monkeypatch):
    """`taiyaku serve` caps glibc's per-thread malloc arenas (memory per worker); a
    MALLOC_ARENA_MAX set in the environment is the user's and is left alone."""
    from search_app.workers import limit_malloc_arenas

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True  # Linux with glibc: the machines we serve on
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
