"""Assemble Chinese–Japanese pairs from the message catalogues of installed Debian packages
as a TSV file for `scripts/learn_priors.py`, outside the repository.

A program translated into both languages has one English message (`msgid`) and its
Simplified Chinese (`zh_CN`) and Japanese (`ja`) translations: the two translations are a
zh–ja pair, of the software genre (menus, options, error messages, country and language
names of `iso-codes`). Accelerator marks (`_File`, `(_F)`, `&`, LibreOffice's `~`) and
untranslated or identical messages are dropped; each distinct pair is kept once.

Licences: the catalogues are those of their programs (GPL, LGPL; PostgreSQL's is the
PostgreSQL licence): the generator ships no message, only word pairs and counts learned
from them (see `indexer/dictionaries/PRIORS.md`). No catalogue of Mozilla software, the
Python documentation, Vue.js, React or Rust is read (`EXCLUDED`): those are evaluation
sources. KDE's translator credits ("Your names") are names, not translations: dropped.

The provenance output lists each catalogue with its Debian package, version and sha256: of
the installed package (`dpkg -S`) or of the downloaded `.deb` (`--debs`, fetched with
`apt-get download` and unpacked with `dpkg-deb -x`) that holds the file; `--table` writes
the same as the Markdown table of `indexer/dictionaries/PRIORS.md`.
Run: `python scripts/assemble_catalog_pairs.py -o catalogs.tsv [--locale-dir DIR]
[--debs DIR] [--table FILE]`.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import re
import subprocess
import sys
from pathlib import Path

EXCLUDED = re.compile(r"firefox|thunderbird|mozilla|seamonkey|python-doc|vue|react|rust", re.I)
CREDITS = {"Your names", "Your emails", "NAME OF TRANSLATORS", "EMAIL OF TRANSLATORS"}
_ACCEL = re.compile(r"\s*[(（][_&~]?[A-Za-z0-9][)）]|[_&~](?=\w)")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """A message without accelerator marks and with its spaces collapsed.

    >>> clean("ファイル(_F)"), clean("_File"), clean("打开(&O)…"), clean("~保存")
    ('ファイル', 'File', '打开…', '保存')
    """
    return _SPACE.sub(" ", _ACCEL.sub("", text)).strip()


def catalog(path: Path) -> dict[str, str]:
    """msgid → translation of one `.mo` file (plural forms: the first)."""
    with path.open("rb") as f:
        raw = gettext.GNUTranslations(f)._catalog  # no public iterator
    out = {}
    for key, value in raw.items():
        msgid = key[0] if isinstance(key, tuple) else key
        plain = msgid.rpartition("\x04")[2] if msgid else ""  # msgctxt\x04msgid
        if plain and plain not in CREDITS and value and (isinstance(key, str) or key[1] == 0):
            out[msgid] = value
    return out


def deb_owners(folders: list[Path]) -> dict[str, str]:
    """Path inside the package (`usr/share/locale/…`) → `package version`, of each `.deb`
    in the folders (first package first)."""
    out: dict[str, str] = {}
    for deb in sorted(f for d in folders for f in d.glob("*.deb")):
        name = _run("dpkg-deb", "-f", str(deb), "Package").strip()
        version = _run("dpkg-deb", "-f", str(deb), "Version").strip()
        for line in _run("dpkg-deb", "-c", str(deb)).splitlines():
            inside = line.split(maxsplit=5)[-1].partition(" -> ")[0].removeprefix("./")
            if inside.endswith(".mo"):
                out.setdefault(inside, f"{name} {version}")
    return out


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def owner(path: Path, debs: dict[str, str]) -> str:
    """`package version` of the installed package that holds the file, else of the
    downloaded `.deb` that does (the longest tail of its path a package has)."""
    found = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
    package = found.stdout.partition(":")[0]
    if package:
        version = _run("dpkg-query", "-W", "-f=${Version}", package)
        return f"{package} {version or '?'}"
    parts = path.resolve().parts
    for i in range(1, len(parts)):
        if "/".join(parts[i:]) in debs:
            return debs["/".join(parts[i:])]
    return "? ?"


def pairs_of(dirs: list[Path]) -> list[tuple[Path, Path]]:
    """(zh_CN catalogue, ja catalogue) of each domain both languages have, first folder
    first (a domain seen in an earlier folder is not read again); never an evaluation
    source's (`EXCLUDED`)."""
    out, seen = [], set()
    for d in dirs:
        for zh_mo in sorted((d / "zh_CN" / "LC_MESSAGES").glob("*.mo")):
            ja_mo = d / "ja" / "LC_MESSAGES" / zh_mo.name
            if ja_mo.is_file() and zh_mo.name not in seen and not EXCLUDED.search(zh_mo.name):
                seen.add(zh_mo.name)
                out.append((zh_mo, ja_mo))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument(
        "--locale-dir",
        type=Path,
        action="append",
        help="a folder with zh_CN/ and ja/ catalogues (repeatable; default /usr/share/locale)",
    )
    ap.add_argument(
        "--debs",
        type=Path,
        action="append",
        default=[],
        help="a folder of the downloaded .deb files the locale folders were unpacked from",
    )
    ap.add_argument("--table", type=Path, help="also write the Markdown table of catalogues")
    args = ap.parse_args(argv)
    debs = deb_owners(args.debs)
    table = []
    seen: set[tuple[str, str]] = set()
    rows = []
    for zh_mo, ja_mo in pairs_of(args.locale_dir or [Path("/usr/share/locale")]):
        zh, ja = catalog(zh_mo), catalog(ja_mo)
        for msgid in sorted(zh.keys() & ja.keys()):
            z, j = clean(zh[msgid]), clean(ja[msgid])
            if z and j and z != j and clean(msgid) not in (z, j) and (z, j) not in seen:
                seen.add((z, j))
                rows.append((f"{zh_mo.stem}", z, j))
        found = []
        for mo in (zh_mo, ja_mo):
            found.append((owner(mo, debs), hashlib.sha256(mo.read_bytes()).hexdigest()))
            print(f"{mo}\t{found[-1][0]}\tsha256 {found[-1][1]}", file=sys.stderr)
        packages = " / ".join(dict.fromkeys(o for o, _ in found))
        table.append(f"| {zh_mo.name} | {packages} | {found[0][1][:16]} | {found[1][1][:16]} |")
    with args.out.open("w", encoding="utf-8") as f:
        for name, z, j in rows:
            f.write(f"{name}\t{z}\t{j}\n".replace("\r", " "))
    if args.table:
        head = "| domain | package | zh_CN sha256 | ja sha256 |\n|---|---|---|---|\n"
        args.table.write_text(head + "\n".join(sorted(table)) + "\n", encoding="utf-8")
    print(f"{len(rows)} distinct pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
