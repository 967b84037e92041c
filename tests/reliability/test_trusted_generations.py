"""Issue #24, cases 1-2: a packed generation is installed only when it is vouched for.

Whoosh's segments are pickles, so a generation that a replica installs runs in its server:
checksums inside the artifact prove nothing about who made it. `unpack` must refuse an
artifact that neither a digest given on the command line nor a signature from a key the
replica holds vouches for; the checksum manifest must be well-formed and list every member;
sizes come from it and are enforced while streaming, so a bomb is stopped at its header.
Hostile artifacts are generated here, small, in tmp_path.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import shutil
import tarfile
from pathlib import Path

import pytest

from storage.generations import current_generation

NEXT = "gen-99990101T000000.000000000-next"


@pytest.fixture()
def build_machine(tmp_path: Path, index: Path) -> Path:
    """An index root whose live generation is a copy of the seed's under a newer name."""
    live = (index / "CURRENT").read_text().strip()
    other = tmp_path / "build-machine"
    shutil.copytree(index / live, other / NEXT)
    (other / "CURRENT").write_text(NEXT + "\n")
    return other


def packed(cli, root: Path, out: Path, *extra) -> str:
    """Pack and return the sha256 digest `pack` printed."""
    result = cli("pack", "--index", root, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return re.search(r"sha256 ([0-9a-f]{64})", result.output).group(1)


def members(artifact: Path) -> list[tuple[tarfile.TarInfo, bytes | None]]:
    with tarfile.open(artifact) as tar:
        return [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]


def write_tar(path: Path, items: list[tuple[tarfile.TarInfo, bytes | None]]) -> str:
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        for info, data in items:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Payload:
    """What a forged segment would do on load: leave a mark on disk."""

    def __init__(self, mark: Path):
        self.mark = mark

    def __reduce__(self):
        return (Path.write_text, (self.mark, "pwned"))


def forged(artifact: Path, out: Path, mark: Path) -> None:
    """The artifact with a pickle payload in a segment file and CHECKSUMS rewritten to match."""
    items = members(artifact)
    payload = pickle.dumps(Payload(mark))
    sums = next(d for m, d in items if m.name.endswith("CHECKSUMS.json"))
    manifest = json.loads(sums)
    target = next(n for n in manifest["files"] if n.endswith(".toc"))
    manifest["files"][target] = {
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "sample": hashlib.sha256(payload).hexdigest(),
    }
    fixed = []
    for m, d in items:
        if m.name.endswith("CHECKSUMS.json"):
            d = json.dumps(manifest).encode()
        elif m.name.endswith(target):
            d = payload
        fixed.append((m, d))
    write_tar(out, fixed)


def test_unpack_refuses_an_artifact_nothing_vouches_for(index, build_machine, tmp_path, cli):
    before = (index / "CURRENT").read_text()
    art = tmp_path / "gen.tar.gz"
    packed(cli, build_machine, art)
    result = cli("unpack", art, "--index", index)
    assert result.exit_code == 2
    assert "not verified" in result.output and "--sha256" in result.output
    assert (index / "CURRENT").read_text() == before


def test_a_forged_generation_with_matching_checksums_is_refused(
    index, build_machine, tmp_path, cli
):
    """Case 1: altered files with CHECKSUMS rewritten to match: the digest the build printed
    (or the build machine's signature) no longer matches, and no code runs."""
    art, bad, mark = tmp_path / "gen.tar.gz", tmp_path / "forged.tar.gz", tmp_path / "pwned"
    keys = tmp_path / "keys"
    keys.mkdir()
    assert cli("keygen", "--private", keys / "k", "--public", keys / "k.pub").exit_code == 0
    digest = packed(cli, build_machine, art, "--sign-key", keys / "k")
    forged(art, bad, mark)
    shutil.copy(art.with_name("gen.tar.gz.sig"), bad.with_name("forged.tar.gz.sig"))
    before = (index / "CURRENT").read_text()
    by_digest = cli("unpack", bad, "--index", index, "--sha256", digest)
    by_key = cli("unpack", bad, "--index", index, "--public-key", keys / "k.pub")
    assert by_digest.exit_code == 6 and "not the digest given" in by_digest.output
    assert by_key.exit_code == 6 and "signs another artifact" in by_key.output
    assert (index / "CURRENT").read_text() == before
    assert not mark.exists()
    assert not (index / NEXT).exists()


def test_a_signature_by_another_key_is_refused(index, build_machine, tmp_path, cli):
    art = tmp_path / "gen.tar.gz"
    for who in ("builder", "stranger"):
        assert cli("keygen", "--private", tmp_path / who, "--public", tmp_path / f"{who}.pub")
    packed(cli, build_machine, art, "--sign-key", tmp_path / "stranger")
    result = cli("unpack", art, "--index", index, "--public-key", tmp_path / "builder.pub")
    assert result.exit_code == 6
    assert "does not verify" in result.output


def test_signed_and_digest_checked_packs_go_live(index, build_machine, tmp_path, cli, monkeypatch):
    art = tmp_path / "gen.tar.gz"
    cli("keygen", "--private", tmp_path / "k", "--public", tmp_path / "k.pub")
    assert (tmp_path / "k").stat().st_mode & 0o077 == 0
    digest = packed(cli, build_machine, art, "--sign-key", tmp_path / "k")
    monkeypatch.setenv("TAIYAKU_PACK_PUBLIC_KEY", str(tmp_path / "k.pub"))
    result = cli("unpack", art, "--index", index)
    assert result.exit_code == 0, result.output
    assert current_generation(index).name == NEXT
    monkeypatch.delenv("TAIYAKU_PACK_PUBLIC_KEY")
    again = cli("unpack", art, "--index", index, "--sha256", digest.upper())
    assert again.exit_code == 0, again.output
    assert cli("check", "--index", index).exit_code == 0


@pytest.mark.parametrize(
    "files",
    [{}, [1, 2, 3], "x", {"../evil": {"size": 1, "sha256": "0" * 64, "sample": "0" * 64}}],
    ids=["empty", "a list", "a string", "a path"],
)
def test_a_malformed_checksum_manifest_is_one_line_and_exit_3(
    index, build_machine, tmp_path, cli, files
):
    art, bad = tmp_path / "gen.tar.gz", tmp_path / "bad.tar.gz"
    packed(cli, build_machine, art)
    items = [
        (m, json.dumps({"version": 1, "files": files}).encode() if "CHECKSUMS" in m.name else d)
        for m, d in members(art)
    ]
    digest = write_tar(bad, items)
    result = cli("unpack", bad, "--index", index, "--sha256", digest)
    assert result.exit_code == 3, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_members_the_checksums_do_not_list_are_refused(index, build_machine, tmp_path, cli):
    """Case 2: 100,000 extra members were accepted; the first unlisted one now stops it."""
    art, bad = tmp_path / "gen.tar.gz", tmp_path / "extra.tar.gz"
    packed(cli, build_machine, art)
    extra = [(tarfile.TarInfo(f"{NEXT}/extra-{i}"), b"x") for i in range(2000)]
    digest = write_tar(bad, members(art) + extra)
    result = cli("unpack", bad, "--index", index, "--sha256", digest)
    assert result.exit_code == 2
    assert "extra-0" in result.output and "not listed" in result.output
    assert not list(index.glob(".building-*"))


def test_a_gzip_bomb_member_is_stopped_at_its_header(index, build_machine, tmp_path, cli):
    """Case 2: a member far larger than its listed size is refused before its bytes land."""
    art, bad = tmp_path / "gen.tar.gz", tmp_path / "bomb.tar.gz"
    packed(cli, build_machine, art)
    items = members(art)
    victim = next(i for i, (m, _) in enumerate(items) if m.name.endswith("views.bin"))
    items[victim] = (items[victim][0], bytes(64 << 20))  # 64 MiB of zeros: ~64 KB gzipped
    digest = write_tar(bad, items)
    assert bad.stat().st_size < 2 << 20
    result = cli("unpack", bad, "--index", index, "--sha256", digest)
    assert result.exit_code == 6
    assert "views.bin is 67,108,864 bytes" in result.output
    assert not list(index.glob(".building-*"))


def test_an_oversized_checksum_manifest_or_header_is_refused(index, build_machine, tmp_path, cli):
    """Case 2: a 300 MB CHECKSUMS.json took 672 MB; a manifest over 1 MiB, or headers that
    decompress past what the manifest allows, are refused without reading them whole."""
    art, big, pax = tmp_path / "gen.tar.gz", tmp_path / "big.tar.gz", tmp_path / "pax.tar.gz"
    packed(cli, build_machine, art)
    items = members(art)
    big_items = [(m, d + b" " * (2 << 20) if "CHECKSUMS" in m.name else d) for m, d in items]
    result = cli("unpack", big, "--index", index, "--sha256", write_tar(big, big_items))
    assert result.exit_code == 3 and "at most 1 MiB" in result.output
    items = members(art)
    head = items[1][0]
    head.pax_headers = {"comment": "x" * (4 << 20)}
    with tarfile.open(pax, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for m, d in items:
            tar.addfile(m, io.BytesIO(d) if d is not None else None)
    digest = hashlib.sha256(pax.read_bytes()).hexdigest()
    result = cli("unpack", pax, "--index", index, "--sha256", digest)
    assert result.exit_code == 2 and "decompresses past" in result.output


def test_no_file_the_project_writes_is_a_pickle(index):
    """Only Whoosh's own segment files may be pickles (see README, Security)."""
    gen = current_generation(index)
    ours = [p for p in gen.iterdir() if not re.fullmatch(r"_?MAIN_.*|.*\.(seg|toc|pst)", p.name)]
    assert (gen / "docvalues.bin").is_file()
    for p in ours:
        assert p.read_bytes()[:1] != b"\x80", f"{p.name} is a pickle"


def test_check_reports_a_file_the_checksums_do_not_list(index, cli):
    gen = current_generation(index)
    (gen / "dropped.pickle").write_bytes(pickle.dumps({"a": 1}))
    result = cli("check", "--index", index)
    assert result.exit_code == 6
    assert "dropped.pickle: not listed" in result.output
