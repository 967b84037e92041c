"""Replicas: two servers share one index folder; a shipped generation swaps in under load.

The read path is stateless over an immutable generation, so replicas need nothing but the
same generation: `taiyaku pack` on the build machine, `taiyaku unpack` where they serve.
Here two real `taiyaku serve` processes read one folder while clients keep both busy; a
packed generation is unpacked into it and both must move to it with no failed request.
Also: a damaged or foreign artifact is refused and leaves CURRENT alone.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.served import start_server

NEXT = "gen-99990101T000000.000000000-next"  # sorts after the seed's: the newest


@pytest.fixture()
def artifact(tmp_path: Path, index: Path, cli) -> Path:
    """The seed generation under a new name, packed as a build machine would ship it."""
    live = (index / "CURRENT").read_text().strip()
    other = tmp_path / "build-machine"
    shutil.copytree(index / live, other / NEXT)
    (other / "CURRENT").write_text(NEXT + "\n")
    out = tmp_path / "next.tar.gz"
    result = cli("pack", "--index", other, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.status == 200
        return json.loads(r.read())


def test_two_servers_swap_to_a_shipped_generation_without_a_failed_request(
    index: Path, artifact: Path, cli
):
    first = (index / "CURRENT").read_text().strip()
    urls = [start_server(index, workers=1) for _ in range(2)]
    seen: dict[str, set[str]] = {url: set() for url, _ in urls}
    failures: list[str] = []
    stop = threading.Event()

    def client(url: str) -> None:
        while not stop.is_set():
            try:
                hits = get_json(url + "/api/search?q=%E8%B7%A8%E5%A2%83&limit=5")["hits"]
                assert hits
                seen[url].add(get_json(url + "/api/stats")["index"]["generation"])
            except Exception as exc:
                failures.append(f"{url}: {exc!r}")

    clients = [threading.Thread(target=client, args=(url,)) for url, _ in urls for _ in range(2)]
    try:
        for t in clients:
            t.start()
        time.sleep(1.0)
        result = cli("unpack", artifact, "--index", index, "--sha256", digest(artifact))
        assert result.exit_code == 0, result.output
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(NEXT in s for s in seen.values()):
            time.sleep(0.2)
        time.sleep(0.5)
    finally:
        stop.set()
        for t in clients:
            t.join(15)
        for _, proc in urls:
            proc.terminate()
            proc.wait(10)
    assert failures == []
    assert all(s == {first, NEXT} for s in seen.values()), seen
    assert (index / "CURRENT").read_text().strip() == NEXT


def test_a_damaged_artifact_is_refused_and_nothing_changes(
    index: Path, artifact: Path, tmp_path: Path, cli
):
    before = (index / "CURRENT").read_text()
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(artifact) as src, tarfile.open(damaged, "w:gz") as out:
        for m in src.getmembers():
            data = src.extractfile(m).read() if m.isfile() else None
            if m.name.endswith("clauses.jsonl"):
                data = data.replace(b"zh", b"ZH", 1)  # same size, other bytes
            out.addfile(m, io.BytesIO(data) if data is not None else None)
    result = cli("unpack", damaged, "--index", index, "--sha256", digest(damaged))
    assert result.exit_code == 6
    assert "content differs" in result.output
    assert (index / "CURRENT").read_text() == before
    assert not (index / NEXT).exists()


def test_a_tarball_that_is_not_a_generation_is_refused(index: Path, tmp_path: Path, cli):
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as out:
        info = tarfile.TarInfo("notes.txt")
        out.addfile(info, io.BytesIO(b""))
    result = cli("unpack", foreign, "--index", index, "--sha256", digest(foreign))
    assert result.exit_code == 2
    assert "not a packed generation" in result.output
