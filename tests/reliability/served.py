"""Start a real `taiyaku serve` (waitress) on 127.0.0.1 for the tests that need sockets."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    index: Path, workers: int = 0, stderr: Path | None = None, **settings: str
) -> tuple[str, subprocess.Popen]:
    """`taiyaku serve` over `index` on a free port, once /healthz answers (30 s at most);
    `settings` become `TAIYAKU_<KEY>` variables; its stderr goes to `stderr` if given."""
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "TAIYAKU_INDEX_DIR": str(index),
        **{f"TAIYAKU_{k.upper()}": v for k, v in settings.items()},
    }
    code = "from search_app.cli import main; main()"
    args = ["serve", "--port", str(port), "--threads", "4", "--workers", str(workers)]
    err = stderr.open("wb") if stderr else subprocess.DEVNULL
    try:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stderr=err)
    finally:
        if stderr:
            err.close()  # the child has its own descriptor
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=10).close()
            break
        except OSError:
            time.sleep(0.2)
    return url, proc
