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
Python documentation or Vue.js is read (`EXCLUDED`): those are evaluation sources.

The provenance output lists each catalogue with its Debian package, version and sha256.
Run: `python scripts/assemble_catalog_pairs.py -o catalogs.tsv [--locale-dir DIR]`.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import re
import subprocess
import sys
from pathlib import Path

EXCLUDED = re.compile(r"firefox|thunderbird|mozilla|seamonkey|python-doc|vue", re.I)
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
        if msgid and value and (isinstance(key, str) or key[1] == 0):
            out[msgid] = value
    return out


def owner(path: Path) -> str:
    """`package version` of the Debian package that installed the file."""
    found = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
    package = found.stdout.partition(":")[0] or "?"
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    ).stdout
    return f"{package} {version or '?'}"


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
    args = ap.parse_args(argv)
    seen: set[tuple[str, str]] = set()
    rows = []
    for zh_mo, ja_mo in pairs_of(args.locale_dir or [Path("/usr/share/locale")]):
        zh, ja = catalog(zh_mo), catalog(ja_mo)
        for msgid in sorted(zh.keys() & ja.keys()):
            z, j = clean(zh[msgid]), clean(ja[msgid])
            if z and j and z != j and clean(msgid) not in (z, j) and (z, j) not in seen:
                seen.add((z, j))
                rows.append((f"{zh_mo.stem}", z, j))
        for mo in (zh_mo, ja_mo):
            digest = hashlib.sha256(mo.read_bytes()).hexdigest()
            print(f"{mo}\t{owner(mo)}\tsha256 {digest}", file=sys.stderr)
    with args.out.open("w", encoding="utf-8") as f:
        for name, z, j in rows:
            f.write(f"{name}\t{z}\t{j}\n".replace("\r", " "))
    print(f"{len(rows)} distinct pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
