"""Assemble the Bible's verse pairs (Chinese Union Version ↔ Japanese Colloquial Bible) as
a TSV file for `scripts/learn_priors.py`, outside the repository.

The two translations are aligned by reference (book, chapter, verse): both follow the
Protestant canon, so about 31,000 verses pair up; a verse empty on either side (a
versification difference) is left out. The whole Gospel of John is left out: John 1–6 is
the `bible` development source of the evaluation (`eval/corpora/bible`), and the priors
must not have seen its text (the rest of John would share its sentences).

Sources, pinned (run again to regenerate; the output is deterministic):
- `sources/zh-hans/ChiUns.zip` (SWORD module ChiUns 3.1, 2023-10-28, 和合本 simplified,
  public domain; sha256 37fcef08bd3b5f42f5d7b8e0a9326075f9f41e6aa39906711b092f105ae4857e)
- `sources/ja/JapKougo/JapKougo.zip` (SWORD module JapKougo 1.1, 口語訳 1954/1955, public
  domain; sha256 76409195a7f7354774edfe3825f6b3b06801fbb283e85fb2a685fe9fb7716d9f)
both from github.com/scrollmapper/bible_databases at commit a228a19 (the repository's
own code is MIT; the texts are public domain, as each module's conf file states).

Reading SWORD modules needs `pysword` (MIT), a development tool only, not a dependency of
the product: `python -m venv v && v/bin/pip install pysword==0.2.8 &&
v/bin/python scripts/assemble_bible_pairs.py ChiUns.zip JapKougo.zip -o bible.tsv`.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

EXCLUDED_BOOKS = frozenset({"john"})  # the evaluation's development source (John 1–6)
_SPACE = re.compile(r"[\s\u3000]+")


def verses(zip_path: Path, name: str) -> dict[tuple[str, int, int], str]:
    """(book, chapter, verse) → the verse's plain text (markup and ruby dropped)."""
    from pysword.modules import SwordModules

    bible = SwordModules(str(zip_path))
    bible.parse_modules()
    module = bible.get_bible_from_module(name)
    out: dict[tuple[str, int, int], str] = {}
    for testament in module.get_structure().get_books().values():
        for book in testament:
            if book.osis_name.lower() in EXCLUDED_BOOKS:
                continue
            for chapter in range(1, book.num_chapters + 1):
                for verse in range(1, book.chapter_lengths[chapter - 1] + 1):
                    text = module.get(
                        books=[book.osis_name], chapters=[chapter], verses=[verse], clean=True
                    )
                    text = _SPACE.sub("", text or "")  # CUV's honorific space before 神
                    if text:
                        out[book.osis_name, chapter, verse] = text
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("zh_zip", type=Path, help="ChiUns.zip")
    ap.add_argument("ja_zip", type=Path, help="JapKougo.zip")
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    zh = verses(args.zh_zip, "ChiUns")
    ja = verses(args.ja_zip, "JapKougo")
    refs = [r for r in zh if r in ja]
    with args.out.open("w", encoding="utf-8") as f:
        for book, chapter, verse in refs:
            f.write(f"{book}.{chapter}.{verse}\t{zh[book, chapter, verse]}\t")
            f.write(f"{ja[book, chapter, verse]}\n")
    for path in (args.zh_zip, args.ja_zip, args.out):
        print(hashlib.sha256(path.read_bytes()).hexdigest(), path.name, file=sys.stderr)
    print(f"{len(refs)} verse pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
