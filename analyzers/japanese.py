"""Japanese words for the index: fugashi (MeCab) + unidic-lite with exact character offsets.

Offsets: MeCab reports the whitespace it skipped before each word; adding
`len(white_space) + len(surface)` gives exact offsets. The fast path takes one formatted
string per text from MeCab (`_FORMAT`) and checks that whitespace and surfaces spell the
input exactly; otherwise, or with a dictionary not checked for it, words come from fugashi
nodes, each offset checked against the input (falling back to a search), so a surprise can
never put a highlight off by one. What a dictionary entry contributes (term, dropped or
not, katakana or not) is worked out once per entry and cached: vocabulary repeats.

The matching form is `orthBase`, not `lemma`: both undo inflection (行っ → 行う), but UniDic's
lemma rewrites the written form (取引 → 取り引き, 大興 → タイコウ, クロス → クロース-cloth with
a gloss), which would break both the kanji bridge to Chinese and katakana matching.
Unknown words (Latin, digits) keep their surface; Latin is lowercased.

Particles, auxiliaries, whitespace and punctuation are dropped without using up a position,
so 知的財産権の保護 and 知的財産権保護 read alike to a phrase query. UniDic cuts compounds
into short units (クロス|ボーダー, 知的|財産|権): those match as phrases. At index time a run
of two or more adjacent katakana words is also emitted whole, at its first word's position
with the run's full span, so a highlighter can mark クロスボーダー as one span and an engine
can match the compound as a single term.

>>> [(t.text, t.pos) for t in JapaneseAnalyzer()("クロスボーダー取引を行った", positions=True)]
[('クロスボーダー', 0), ('クロス', 0), ('ボーダー', 1), ('取引', 2), ('行う', 3)]
>>> words("知的財産権の保護")
[('知的', 0, 2), ('財産', 2, 4), ('権', 4, 5), ('保護', 6, 8)]
"""

from __future__ import annotations

import csv
import re
import shlex
import threading
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, Token

from analyzers.chunks import MAX_CHUNK, chunks
from analyzers.scripts import FULLWIDTH
from analyzers.tokens import Span, SpanTokenizer

DROP_POS = frozenset({"助詞", "助動詞", "補助記号", "空白"})
_WORDLIKE = re.compile(r"\w")
# Full-width ASCII → ASCII, one char for one, so ＡＩ segments like AI and offsets hold.
_WIDTH = FULLWIDTH
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")
# MeCab reads C strings: NUL would end the input and lone surrogates cannot be encoded.
_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")
# Full-width runs only: translating the whole text char by char costs 4x the regex.
_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000]+")
# MeCab writes one record per word, between B and E (so that fugashi's strip() of the
# result keeps leading whitespace): "<skipped whitespace + surface> US <key> US". The key
# names the dictionary entry: stat TAB left id TAB right id TAB word cost TAB surface for a
# known word, which is cheap to print; pos1 in place of the three numbers for an unknown
# one. Asking MeCab for features (%f[N]) would cost a quarter of the parse, so a key not
# in the cache yet sends its text once through a second tagger that prints them too.
_US = "\x1f"
_KEY = "%s\t%phl\t%phr\t%pw\t%m"
_UNK_KEY = "%s\t%f[0]\t%m"
_FORMAT = (
    f"-O '' --node-format='%M{_US}{_KEY}{_US}' --unk-format='%M{_US}{_UNK_KEY}{_US}'"
    " --bos-format=B --eos-format=E"
)
_LEARN_FORMAT = (
    f"-O '' --node-format='%M{_US}{_KEY}{_US}%f[0]\t%f[10]{_US}'"
    f" --unk-format='%M{_US}{_UNK_KEY}{_US}%f[0]\t*{_US}' --bos-format=B --eos-format=E"
)
# Records are used only with the dictionary checked (tests/analyzers/test_japanese_fast_path)
# to have, for each surface, one POS and orthBase per (left id, right id, word cost), and
# 26 fields in every entry (MeCab fails on %f[10] past the last field and fugashi then
# crashes). unidic-lite 1.0.8 is; any other dictionary goes by nodes.
CHECKED_DICTIONARY = {"size": 756264, "version": 102}
_lock = threading.Lock()
_MAX_ENTRIES = 500_000
_tagger = None
_learner = None
_records = False


class Entry(NamedTuple):
    """What a dictionary entry (surface, unknown?, POS, orthBase) gives: the term ("" when
    dropped) and its span as distances back from the end of the surface (a surface can
    carry a glued \\r that the span leaves out), and whether it is all katakana."""

    term: str
    back: int
    tail: int
    katakana: bool


_DROPPED = Entry("", 0, 0, False)
_ENTRIES: dict[str, Entry] = {}


class Word(NamedTuple):
    """One kept word: matching form, offsets, and whether it is a compound's whole span."""

    term: str
    start: int
    end: int
    compound: bool = False


def tagger():
    """The process-wide fugashi `GenericTagger` on unidic-lite, created on first use.

    `tagger()(text)` gives nodes (`surface`, `feature_raw`, `is_unk`, `white_space`);
    `tagger().parse(text)` gives the compact records described at `_FORMAT`.
    """
    global _tagger, _learner, _records
    if _tagger is None:
        with _lock:
            if _tagger is None:
                import fugashi
                import unidic_lite

                d = unidic_lite.DICDIR
                where = f"-r {shlex.quote(f'{d}/mecabrc')} -d {shlex.quote(d)}"
                t = fugashi.GenericTagger(f"{_FORMAT} {where}")
                info = t.dictionary_info[0]
                _records = all(info.get(k) == v for k, v in CHECKED_DICTIONARY.items())
                if _records:
                    _learner = fugashi.GenericTagger(f"{_LEARN_FORMAT} {where}")
                _tagger = t
    return _tagger


def _judge(surface: str, is_unk: bool, pos1: str, orth: str | None) -> Entry:
    """What one dictionary entry contributes: see `Entry`."""
    if pos1 in DROP_POS and (pos1 != "補助記号" or not is_unk):
        return _DROPPED
    if not _WORDLIKE.search(surface):
        return _DROPPED
    n = len(surface)
    if orth in ("", "*"):
        orth = None
    if surface[0].isspace() or surface[-1].isspace():  # MeCab glues a lone \r to a word
        stripped = surface.strip()
        lead = surface.index(stripped)
        surface = stripped
        orth = None
    else:
        lead = 0
    kata = "\u30a0" <= surface[0] <= "\u30ff" and _KATAKANA.fullmatch(surface) is not None
    return Entry(orth or surface, n - lead, n - lead - len(surface), kata)


def _entry(key: str, features: str) -> Entry:
    """`_judge` for a record key and its `pos1 TAB orthBase`, memoised (vocabulary repeats)."""
    hit = _ENTRIES.get(key)
    if hit is None:
        stat, rest = key.split("\t", 1)
        surface = rest.split("\t", 1 if stat == "1" else 3)[-1]
        pos1, orth = features.split("\t")
        if len(_ENTRIES) >= _MAX_ENTRIES:
            _ENTRIES.clear()
        hit = _ENTRIES[key] = _judge(surface, stat == "1", pos1, orth)
    return hit


def _records_of(tagger, safe: str, width: int) -> list[str] | None:
    """The fields of MeCab's records for `safe`, or None unless they spell it exactly."""
    out = tagger.parse(safe)
    if out[:1] != "B" or out[-1:] != "E":
        return None
    fields = out[1:-1].split(_US)
    # Exact offsets: the records' surfaces, with the whitespace before each, must spell
    # the input; anything else (never seen) goes the careful way, by nodes.
    if fields[-1] or len(fields) % width != 1:
        return None
    return fields if safe.startswith("".join(fields[0:-1:width])) else None


def _fullwidth(m: re.Match) -> str:
    return m.group().translate(_WIDTH)


def _kept(text: str) -> list[tuple[str, int, int, bool]]:
    """`(term, start, end, is_katakana)` for each word that survives the POS filter.

    MeCab never sees more than `MAX_CHUNK` characters at once (see `analyzers.chunks`).
    """
    if len(text) <= MAX_CHUNK:
        return _kept_chunk(text)
    out: list[tuple[str, int, int, bool]] = []
    for off, piece in chunks(text):
        out.extend((term, s + off, e + off, kata) for term, s, e, kata in _kept_chunk(piece))
    return out


def _kept_chunk(text: str) -> list[tuple[str, int, int, bool]]:
    safe = _FULLWIDTH.sub(_fullwidth, _UNSAFE.sub(" ", text))
    t = tagger()
    if _records and _US not in safe:
        fields = _records_of(t, safe, 2)
        if fields is not None:
            keys = fields[1::2]
            hits = list(map(_ENTRIES.get, keys))
            if None in hits:
                fields = _records_of(_learner, safe, 3)
                if fields is None:
                    return _kept_nodes(safe)
                hits = list(map(_entry, fields[1::3], fields[2::3]))
                width = 3
            else:
                width = 2
            # Each record ends where the input read so far ends.
            ends = accumulate(map(len, fields[0:-1:width]))
            kept = zip(hits, ends, strict=True)
            return [(h[0], e - h[1], e - h[2], h[3]) for h, e in kept if h[0]]
    return _kept_nodes(safe)


def _kept_nodes(safe: str) -> list[tuple[str, int, int, bool]]:
    """`_kept` from fugashi nodes, checking each offset against the input."""
    out: list[tuple[str, int, int, bool]] = []
    cursor = 0
    for node in tagger()(safe):
        surface = node.surface
        start = cursor + len(node.white_space)
        if not safe.startswith(surface, start):
            start = safe.find(surface, cursor)
            if start < 0 or not surface:
                continue
        cursor = start + len(surface)
        raw = node.feature_raw
        fields = next(csv.reader([raw])) if '"' in raw else raw.split(",")
        orth = fields[10] if len(fields) > 10 else None
        term, back, tail, kata = _judge(surface, node.is_unk, fields[0], orth)
        if term:
            out.append((term, cursor - back, cursor - tail, kata))
    return out


def _items(text: str, mode: str) -> list[tuple[str, int, int, bool]]:
    """`(term, start, end, is_compound)` in emission order; see `spans`."""
    kept = _kept(text)
    if mode == "query":
        return [(term, s, e, False) for term, s, e, _ in kept]
    out: list[tuple[str, int, int, bool]] = []
    n = len(kept)
    run_end = 0
    for i, (term, s, e, kata) in enumerate(kept):
        if kata and i >= run_end:
            j = i + 1
            while j < n and kept[j][3] and kept[j][1] == kept[j - 1][2]:
                j += 1
            run_end = j
            if j - i > 1:
                end = kept[j - 1][2]
                out.append((text[s:end], s, end, True))
        out.append((term, s, e, False))
    return out


def spans(text: str, mode: str = "index") -> Iterator[Word]:
    """Kept words in order; in index mode each katakana run also as one compound `Word`."""
    return (Word._make(item) for item in _items(text, mode))


def words(text: str, mode: str = "query") -> list[tuple[str, int, int]]:
    """`(term, start, end)` for each kept word (Latin lowercased); compounds unless query mode."""
    return [(term.lower(), s, e) for term, s, e, _ in _items(text, mode)]


class JapaneseTokenizer(SpanTokenizer):
    """Whoosh tokenizer over fugashi; see the module docstring. Picklable: holds no tagger.

    It keeps its own `__call__`, the generic loop of `SpanTokenizer` inlined over MeCab's
    records: this is the analyzer's hot path (bench/bench_analyzers.py).
    """

    def spans(self, value: str, mode: str) -> Iterator[Span]:
        """The definition the inlined `__call__` must match: a compound opens its first
        word's position and that word follows at the same position."""
        after_compound = False
        for term, s, e, compound in _items(value, mode):
            yield term, s, e, 0 if after_compound else 1
            after_compound = compound

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        if not tokenize:
            t.text = value
            if keeporiginal:
                t.original = value
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        # The loop of `_items`, inlined: this generator is the analyzer's hot path.
        kept = _kept(value)
        compounds = mode != "query"
        n = len(kept)
        run_end = 0
        pos = start_pos - 1
        for i, (term, start, end, kata) in enumerate(kept):
            pos += 1
            if kata and compounds and i >= run_end:
                j = i + 1
                while j < n and kept[j][3] and kept[j][1] == kept[j - 1][2]:
                    j += 1
                run_end = j
                if j > i + 1:
                    whole_end = kept[j - 1][2]
                    t.text = value[start:whole_end]
                    if keeporiginal:
                        t.original = t.text
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar = start_char + start
                        t.endchar = start_char + whole_end
                    yield t
                    t.boost = 1.0
                    t.stopped = False
            t.text = term
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t
            t.boost = 1.0
            t.stopped = False


def JapaneseAnalyzer() -> CompositeAnalyzer:
    """Japanese words (orthBase), particles dropped; index mode adds katakana compounds."""
    return JapaneseTokenizer() | LowercaseFilter()
