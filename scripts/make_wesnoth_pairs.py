"""Build `eval/corpora/wesnoth/pairs.tsv` from the campaign "Heir to the Throne" of The
Battle for Wesnoth, in its Simplified Chinese and Japanese translations.

Why a script: the pairs must be reproducible from a pinned package. Both translations
are gettext catalogues of one English original (`wesnoth-httt.mo` of the Debian package
`wesnoth-1.16-httt`, version 1:1.16.9-1), so a pair is the two translations of one
English message: no alignment is guessed. Kept: messages translated in both catalogues
(not plural forms), whitespace runs made one space, that pass `doc_pairs.keep` with
markup and variables (`<`, `>`, `$`, `&`, `=`, braces, `|`, `@`) banned. Not part of the
product: run by hand,
`python scripts/make_wesnoth_pairs.py wesnoth-1.16-httt_1%3a1.16.9-1_all.deb OUT.tsv`.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from doc_pairs import keep, write_draw

DEB_SHA256 = "05b16a3f8f8204278794aae14d8e6a7c95d2b2faef7337c4997c827a146d1bbd"
MO = "usr/share/games/wesnoth/1.16/locale/{}/LC_MESSAGES/wesnoth-httt.mo"
SEED, DRAW = 81207, 260
# Left out by reading: an Ent's mumbling that the Japanese renders by other sounds
# (`httt-a5d46fbd`) or by other words (`httt-16f4defb`).
LEFT_OUT = frozenset({"httt-a5d46fbd", "httt-16f4defb"})


def catalogue(root: Path, lang: str) -> dict[str, str]:
    """The catalogue's translated messages: English (with its context) → translation."""
    data = (root / MO.format(lang)).read_bytes()
    cat = gettext.GNUTranslations(io.BytesIO(data))._catalog
    return {k: v for k, v in cat.items() if isinstance(k, str) and k and v and v != k}


def flat(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def pair_id(msgid: str) -> str:
    """A short id that does not depend on the catalogue's order: the English message's
    hash (`httt-` and 8 hex digits)."""
    return "httt-" + hashlib.sha256(msgid.encode()).hexdigest()[:8]


def main() -> None:
    deb, out = sys.argv[1:3]
    if hashlib.sha256(Path(deb).read_bytes()).hexdigest() != DEB_SHA256:
        sys.exit(f"{deb}: not the pinned package (sha256 {DEB_SHA256})")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        zh, ja = catalogue(Path(tmp), "zh_CN"), catalogue(Path(tmp), "ja")
    cands = []
    for msgid in sorted(zh.keys() & ja.keys()):
        z, j = flat(zh[msgid]), flat(ja[msgid])
        if keep(z, j, "{}$|<>&=@\t", ()):
            cands.append((pair_id(msgid), z, j))
    print(f"{len(cands)} candidates", file=sys.stderr)
    write_draw(cands, SEED, DRAW, LEFT_OUT, out)


if __name__ == "__main__":
    main()
