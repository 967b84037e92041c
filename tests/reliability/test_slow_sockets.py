"""Failure family 7: idle and slow connections cannot lock other clients out.

A real `taiyaku serve` subprocess on 127.0.0.1; 300 sockets that send half a request and
stall; 16 normal requests must all be answered meanwhile. Also waitress's own 431 comes
in the app's JSON error shape. Bounded: every loop has a deadline and the server is
stopped by pid at the end.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, workers: int = 0) -> tuple[str, subprocess.Popen]:
    """`taiyaku serve` over `index` on a free port, once /healthz answers (30 s at most)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "TAIYAKU_INDEX_DIR": str(index)}
    code = "from search_app.cli import main; main()"
    args = ["serve", "--port", str(port), "--threads", "4", "--workers", str(workers)]
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=10).close()
            break
        except OSError:
            time.sleep(0.2)
    return url, proc


@pytest.fixture()
def server(index):
    url, proc = start_server(index)
    yield int(url.rsplit(":", 1)[1]), url
    proc.terminate()
    proc.wait(10)


def test_300_slow_sockets_do_not_lock_out_normal_requests(server):
    port, url = server
    slow = []
    try:
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
            slow.append(s)
        answered = 0
        for _ in range(16):
            with urllib.request.urlopen(url + "/api/search?q=%E8%B7%A8%E5%A2%83", timeout=10) as r:
                answered += r.status == 200
        assert answered == 16
    finally:
        for s in slow:
            s.close()


def test_waitress_errors_use_the_app_error_shape(server):
    _, url = server
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url + "/api/search?q=" + "x" * 300_000, timeout=10)
    assert err.value.code == 431
    assert json.loads(err.value.read())["error"]["code"] == "too_large"
