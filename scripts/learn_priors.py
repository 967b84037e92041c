"""Generate `indexer/dictionaries/parallel_priors.tsv.gz`: Chinese–Japanese word pairs
learned offline from large open parallel text, the build's prior knowledge (code O).

A document of fifty pairs teaches Model 1 little: most of its words occur once. Word
translations learned once, offline, from tens of thousands of pairs give the aligner a
start, and the corpus's own EM still decides (the table is a prior, not a rule).

The pairs are tokenised by the build's own analyzers (`pair_words.side`, query mode:
the same words and folded keys the links are made between), then IBM Model 1
(`indexer.links.model1`) is trained in both directions. Each pair's words are decoded
in both directions, and a word pair is kept when:
- both directions chose it (intersection) in at least `MIN_AGREED` pairs;
- it is at least `MIN_SHARE` of the times either word was aligned at all (its Dice over
  links), so a frequent word's chance partners drop out;
- neither word is grammar (`is_function`, unless it `has_meaning`: わたし, しかし, 我 are
  kept when the statistics are), punctuation or a number, and the two differ
  (the same word on both sides is evidence I or N already), and not both are Latin.
The file keeps each kept pair's agreed count and Dice score, strongest first per word.

Inputs: TSV files of `id<TAB>zh<TAB>ja` (e.g. `scripts/assemble_bible_pairs.py`),
kept out of the repository; their sha256 goes in the provenance header of the output.
Run: `.venv/bin/python scripts/learn_priors.py PAIRS.tsv [...] [-o FILE]`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzers.function_words import has_meaning, is_function
from analyzers.normalize import normalize
from indexer.links import model1
from indexer.links.pair_words import side

MIN_AGREED = 3  # pairs in which both directions link the two words
MIN_SHARE = 0.2  # Dice of the agreed links against each word's links
MIN_POSTERIOR = 0.1  # a directional best below this is no link
OUT = Path(__file__).resolve().parents[1] / "indexer" / "dictionaries" / "parallel_priors.tsv.gz"
_WORDY = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaffa-z]")
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def read_pairs(paths: list[Path]) -> list[tuple[str, str]]:
    """(zh, ja) of every line of the TSV files, normalised as ingestion does."""
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            _, zh, ja = line.split("\t")
            out.append((normalize(zh), normalize(ja)))
    return out


def agreed_links(pairs: list[tuple[str, str]]) -> tuple[Counter, Counter, Counter]:
    """Per (zh key, ja key): the pairs in which both directions of Model 1 link them; and
    per word, the pairs in which either direction links it at all."""
    tokens = [(side(z, "zh").keys, side(j, "ja").keys) for z, j in pairs]
    ids: dict[str, dict[str, int]] = {"zh": {}, "ja": {}}
    zh = [[ids["zh"].setdefault(k, len(ids["zh"]) + 1) for k in z] for z, _ in tokens]
    ja = [[ids["ja"].setdefault(k, len(ids["ja"]) + 1) for k in j] for _, j in tokens]
    fwd = model1.flatten(zh, ja, [{}] * len(zh))  # ja explained by zh
    bwd = model1.flatten(ja, zh, [{}] * len(zh))
    post_f = model1.posteriors(fwd, model1.train(fwd))
    post_b = model1.posteriors(bwd, model1.train(bwd))
    both: Counter = Counter()
    zh_linked: Counter = Counter()
    ja_linked: Counter = Counter()
    for (zk, jk), f, b in zip(tokens, post_f, post_b, strict=True):
        if not zk or not jk:
            continue
        forward = {
            (int(c) - 1, k) for k, c in enumerate(f.argmax(1)) if c and f[k, c] >= MIN_POSTERIOR
        }
        backward = {
            (i, int(c) - 1) for i, c in enumerate(b.argmax(1)) if c and b[i, c] >= MIN_POSTERIOR
        }
        words = {(zk[i], jk[k]) for i, k in forward & backward}
        both.update(words)
        zh_linked.update({zk[i] for i, _ in forward | backward})
        ja_linked.update({jk[k] for _, k in forward | backward})
    return both, zh_linked, ja_linked


def kept(
    both: Counter, zh_linked: Counter, ja_linked: Counter
) -> list[tuple[str, str, int, float]]:
    """(zh, ja, agreed pairs, Dice) of the confident pairs, by zh then strongest first."""
    out = []
    for (z, j), n in both.items():
        if n < MIN_AGREED or z == j or not _content(z, "zh") or not _content(j, "ja"):
            continue
        if not _CJK.search(z + j):  # Latin on both sides: the tokenisers differ (ipv6, ipv)
            continue
        dice = 2 * n / (zh_linked[z] + ja_linked[j])
        if dice >= MIN_SHARE:
            out.append((z, j, n, round(dice, 3)))
    return sorted(out, key=lambda e: (e[0], -e[3], e[1]))


def _content(word: str, lang: str) -> bool:
    return bool(_WORDY.search(word)) and (not is_function(word, lang) or has_meaning(word, lang))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", type=Path, nargs="+", help="TSV files: id, zh, ja")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    ap.add_argument("--source", action="append", default=[], help="a provenance line")
    args = ap.parse_args(argv)
    pairs = read_pairs(args.pairs)
    rows = kept(*agreed_links(pairs))
    with args.out.open("wb") as out, gzip.GzipFile("", "wb", fileobj=out, mtime=0) as raw:
        raw.write(_header(args.pairs, len(pairs), args.source).encode("utf-8"))
        for z, j, n, dice in rows:
            raw.write(f"{z}\t{j}\t{n}\t{dice}\n".encode())
    print(f"{len(pairs)} pairs → {len(rows)} word pairs in {args.out}", file=sys.stderr)
    return 0


def _header(paths: list[Path], n: int, sources: list[str]) -> str:
    lines = [
        "# Chinese–Japanese word pairs learned by scripts/learn_priors.py (IBM Model 1 both",
        f"# ways, intersection ≥ {MIN_AGREED} pairs, Dice ≥ {MIN_SHARE}) from {n} sentence pairs:",
    ]
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"# input {path.name} sha256 {digest}")
    lines += [f"# source {s}" for s in sources]
    lines.append("# columns: zh, ja, pairs both directions linked them, Dice")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
