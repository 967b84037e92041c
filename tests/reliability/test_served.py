"""Failure families 7 and 8 through a real `taiyaku serve` (waitress) on 127.0.0.1.

One server per module over the session's seed index (it only reads), started with one
trusted proxy hop: 300 sockets that send half a request and stall must not keep 16 normal
requests from being answered; waitress's own 431 comes in the app's JSON error shape; and
`X-Forwarded-Proto`/`-Host` from the proxy reach the app through waitress (which drops
them unless told to keep them), so opensearch.xml names the public https:// address.
Bounded: every loop has a deadline and the server is stopped by pid at the end.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import pytest

from tests.reliability.served import start_server


@pytest.fixture(scope="module")
def server(seed_index):
    url, proc = start_server(seed_index, trusted_proxy_hops="1")
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


def test_a_url_typed_with_raw_characters_says_how_to_encode_them(server):
    """curl sends `?q=跨境` as raw UTF-8, which waitress refuses before the app sees it:
    the answer is the app's JSON error, and says how to send it."""
    port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall("GET /api/search?q=跨境 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answer = b"".join(iter(lambda: s.recv(65536), b""))  # closed after an error
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    message = json.loads(body)["error"]["message"]
    assert "percent-encoded" in message and "--data-urlencode" in message


def test_forwarded_proto_and_host_pass_through_waitress(server):
    _, url = server
    proxied = urllib.request.Request(
        url + "/opensearch.xml",
        headers={
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "search.example.org",
            "X-Forwarded-Prefix": "/tools/taiyaku",
        },
    )
    with urllib.request.urlopen(proxied, timeout=10) as r:
        xml = r.read().decode()
    assert "https://search.example.org/tools/taiyaku/api/search" in xml
    assert "http://127.0.0.1" not in xml
    with urllib.request.urlopen(url + "/opensearch.xml", timeout=10) as r:
        assert f"{url}/api/search" in r.read().decode()  # no proxy headers: the listen address
