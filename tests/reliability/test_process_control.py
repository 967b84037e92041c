"""Issue #24, cases 9-10: a real `taiyaku serve` drains on SIGTERM, replaces a stopped
worker, logs SIGHUP, and refuses request bodies before reading them."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from search_app.lifecycle import bound_queue_logging
from tests.reliability.served import start_server
from tests.reliability.test_workers import alive, search_ok, wait_for, workers

REQUEST = b"GET /api/search?q=%E8%B7%A8%E5%A2%83&limit=3 HTTP/1.1\r\nHost: x\r\n"


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


def response(sock: socket.socket) -> bytes:
    sock.settimeout(20)
    out = b""
    while chunk := sock.recv(65536):
        out += chunk
    return out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
@pytest.mark.parametrize("count", [1, 2], ids=["one process", "two workers"])
def test_sigterm_drains_the_requests_in_flight(index, count, sig):
    """Case 9: SIGTERM under load dropped 12 in-flight requests. Requests half sent when
    the signal arrives are answered in full; new connections are refused meanwhile."""
    url, proc = start_server(index, workers=count)
    held: list[socket.socket] = []
    try:
        assert search_ok(url)
        for _ in range(6):
            s = socket.create_connection(address(url))
            s.sendall(REQUEST)  # headers not finished: the request is in flight
            held.append(s)
        time.sleep(0.5)  # every connection accepted by some worker
        proc.send_signal(sig)
        time.sleep(1.0)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(address(url), timeout=5)
        for s in held:
            s.sendall(b"Connection: close\r\n\r\n")
        answers = [response(s) for s in held]
        assert all(a.startswith(b"HTTP/1.1 200") and b'"hits"' in a for a in answers), answers
        assert proc.wait(30) == 0
    finally:
        for s in held:
            s.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_a_stopped_worker_is_replaced(index):
    """Case 9: a worker stopped with SIGSTOP was never detected; its requests hung."""
    url, proc = start_server(index, workers=2, watchdog_seconds="2")
    try:
        assert wait_for(lambda: len(workers(proc.pid)) == 2)
        stopped = workers(proc.pid)[0]
        os.kill(stopped, signal.SIGSTOP)
        assert wait_for(lambda: stopped not in workers(proc.pid), 30)
        assert wait_for(lambda: len(workers(proc.pid)) == 2)
        assert not alive(stopped)
        assert all(search_ok(url) for _ in range(10))
    finally:
        proc.terminate()
        proc.wait(30)


def test_sighup_is_logged_and_the_server_keeps_serving(index, tmp_path):
    """Case 9: SIGHUP killed the server with no log line."""
    log = tmp_path / "stderr.log"
    url, proc = start_server(index, workers=2, stderr=log)
    try:
        assert wait_for(lambda: len(workers(proc.pid)) == 2)
        proc.send_signal(signal.SIGHUP)
        assert wait_for(lambda: "SIGHUP ignored" in log.read_text())
        assert proc.poll() is None and search_ok(url)
    finally:
        proc.terminate()
        proc.wait(30)


def test_a_large_body_is_refused_from_its_length_without_spooling(index, tmp_path, monkeypatch):
    """Case 10: 4 x 400 MiB bodies took 1.5 GiB of temporary disk before the 405."""
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))  # where waitress would spool a body
    url, proc = start_server(index, workers=1)
    try:
        with socket.create_connection(address(url)) as s:
            # the headers alone: the answer must come before any of the body is sent
            s.sendall(b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 419430400\r\n\r\n")
            head = response(s).split(b"\r\n", 1)[0]
        assert head.startswith(b"HTTP/1.1 413"), head
        assert list(spool.iterdir()) == []
        with urllib.request.urlopen(url + "/healthz", timeout=10) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(30)


def test_the_queue_depth_warning_is_bounded():
    """waitress logged "Task queue depth" once per queued request under load."""
    bound_queue_logging(interval=60)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("waitress.queue")
    logger.addHandler(handler)
    try:
        for n in range(500):
            logger.warning("Task queue depth is %d", n)
    finally:
        logger.removeHandler(handler)
    assert len(records) <= 1
