"""Build `eval/corpora/cclegal/pairs.tsv` from the Creative Commons legal code (the six
4.0 licences and the CC0 1.0 dedication) and deeds, in their Simplified Chinese and
Japanese translations.

Why a script: the pairs must be reproducible from a pinned commit. Both translations are
gettext catalogues of one English original (`legalcode/{zh_Hans,ja}/LC_MESSAGES/*.mo` and
`locale/{zh_Hans,ja}/LC_MESSAGES/django.mo` of github.com/creativecommons/
cc-licenses-artifacts at commit d41079f), so a pair is the two translations of one English
message: no alignment is guessed. Kept: messages translated in both catalogues, HTML tags
dropped and whitespace runs made one space, each Chinese or Japanese text once (the six
licences share most messages); a message whose two sides have as many
sentences (ending in 。！？) is cut into its sentence pairs. A pair is kept with 10–300
characters of Chinese and 10–400 of Japanese (legal sentences are long), kana in the
Japanese and none in the Chinese, at most half Latin letters in the Chinese, and no
markup or variables left. Not part of the product: run by hand,
`python scripts/make_cclegal_pairs.py CLONE_OF_cc-licenses-artifacts OUT.tsv`.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import re
import subprocess
import sys

from doc_pairs import KANA, LATIN, write_draw

COMMIT = "d41079f267cd4575db339eb2f10a826f762905d3"
CATALOGUES = (
    *(f"legalcode/{{}}/LC_MESSAGES/{u}.mo" for u in ("by_40", "by-sa_40", "by-nc_40")),
    *(f"legalcode/{{}}/LC_MESSAGES/{u}.mo" for u in ("by-nd_40", "by-nc-sa_40", "by-nc-nd_40")),
    "legalcode/{}/LC_MESSAGES/zero_10.mo",
    "locale/{}/LC_MESSAGES/django.mo",
)
SEED, DRAW = 91207, 260
SENTENCE = re.compile(r"(?<=[。！？])")
# Left out by reading: four of the six opening paragraphs "By exercising the Licensed
# Rights…", the same sentence but for the licence's name (BY and BY-NC-SA are kept).
LEFT_OUT = frozenset({"cc-65ae4cb6", "cc-c35f6978", "cc-c68ea169", "cc-e8de63ae"})


def catalogue(repo: str, path: str) -> dict[str, str]:
    """The catalogue's translated messages at the pinned commit: English → translation."""
    data = subprocess.run(
        ["git", "-C", repo, "show", f"{COMMIT}:{path}"], capture_output=True, check=True
    ).stdout
    cat = gettext.GNUTranslations(io.BytesIO(data))._catalog
    return {k: v for k, v in cat.items() if isinstance(k, str) and k and v and v != k}


def text(s: str) -> str:
    """A message as plain text: HTML tags dropped, whitespace runs made one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", s)).strip()


def fits(zh: str, ja: str) -> bool:
    if not (10 <= len(zh) <= 300 and 10 <= len(ja) <= 400):
        return False
    if not KANA.search(ja) or KANA.search(zh) or len(LATIN.findall(zh)) > 0.5 * len(zh):
        return False
    return not any(c in zh + ja for c in "{}$|<>&=@%\t")


def pieces(zh: str, ja: str) -> list[tuple[str, str]]:
    """The message's sentence pairs when both sides have as many sentences and each pair
    fits, else the whole message."""
    zs = [s.strip() for s in SENTENCE.split(zh) if s.strip()]
    js = [s.strip() for s in SENTENCE.split(ja) if s.strip()]
    if 1 < len(zs) == len(js) and all(fits(z, j) for z, j in zip(zs, js, strict=True)):
        return list(zip(zs, js, strict=True))
    return [(zh, ja)]


def pair_id(path: str, msgid: str, n: int) -> str:
    """A short id that does not depend on the catalogue's order: `cc-` and 8 hex digits of
    the hash of the catalogue, the English message and the sentence's rank in it."""
    return "cc-" + hashlib.sha256(f"{path}\n{msgid}\n{n}".encode()).hexdigest()[:8]


def main() -> None:
    repo, out = sys.argv[1:3]
    cands, seen = [], set()
    for path in CATALOGUES:
        zh, ja = catalogue(repo, path.format("zh_Hans")), catalogue(repo, path.format("ja"))
        for msgid in sorted(zh.keys() & ja.keys()):
            for n, (z, j) in enumerate(pieces(text(zh[msgid]), text(ja[msgid]))):
                if fits(z, j) and z not in seen and j not in seen:
                    seen |= {z, j}
                    cands.append((pair_id(path, msgid, n), z, j))
    print(f"{len(cands)} candidates", file=sys.stderr)
    write_draw(cands, SEED, DRAW, LEFT_OUT, out)


if __name__ == "__main__":
    main()
