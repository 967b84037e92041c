"""A clause by document number: id, texts, stored fields, Japanese words, word links.

The term panel marks up to 200 matching clauses a request (`engine.renderings`), and
each mark of a Japanese word sequence needs the clause's Japanese words (so 設立する marks
the inflected 設立し). Read from Whoosh's stored fields (a zlib block and a pickle per
clause, ~50 µs) and analysed with MeCab at query time (~0.3–0.6 ms a text), that was most
of a request at 18,800 pairs. A build now writes them once (`views.bin`): the texts as
UTF-8 columns, the Japanese words (query-mode analysis, folded keys with their character
offsets) and the word links (`links.jsonl`, which every process used to parse whole:
a second at 18,800 pairs, before a one-shot `taiyaku search` could answer) as flat
arrays, mapped by every reader (`storage.arrays`). The other stored fields a hit
shows (document, order, item, section path) are kept too, as JSON (each distinct section
path once), so a page of hits never decompresses and unpickles Whoosh's stored blocks
(~8% of a query's CPU at 100x). Offsets are 16-bit when every clause allows
(`arrays.narrowest`): a serving process touches the links and words of most clauses a
query mix finds.
"""

from __future__ import annotations

import json
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from analyzers.ja_words import WordRow, Words, ja_words
from analyzers.sentence_key import sentence_key
from storage import arrays
from storage import links_file as links_store

FILE = "views.bin"
SEP = "\x1f"  # between a clause's word keys (never inside a folded word)
TEXTS = ("id", "zh_text", "ja_text")
OWN = (*TEXTS, "order")  # the stored fields of a clause's own; the others sections share
SHARED_KEPT = 4096  # decoded shared fields kept per process (a few MB at most)

CompactLink = links_store.CompactLink


def write(gen: Path, previous: Path | None = None) -> None:
    """Store the views of every document of the index in `gen` (atomically).

    The Japanese words of a text the `previous` generation already held are taken from
    its views, so an incremental build analyses only new text with MeCab."""
    from whoosh.filedb.filestore import FileStorage  # writing only: a query never opens Whoosh

    # file handles, not maps: from a map Whoosh copies each segment's postings on opening
    ix = FileStorage(str(gen), supports_mmap=False).open_index()
    with ix.reader() as reader:
        count = reader.doc_count_all()
        rows = [{} if reader.is_deleted(n) else reader.stored_fields(n) for n in range(count)]
    out: dict[str, np.ndarray] = {}
    for name in TEXTS:
        out[name], out[name + "_first"] = arrays.strings([r.get(name) or "" for r in rows])
    out.update(_key_lengths(rows))
    out.update(_records(rows))
    ids = [r.get("id") or "" for r in rows]
    texts = [r.get("ja_text") or "" for r in rows]
    del rows
    out.update(_words(texts, _known_words(previous)))
    del texts
    out.update(_links(gen, ids))
    arrays.save(gen / FILE, out)


def _key_lengths(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Each side's sentence-key length (`analyzers.sentence_key`): sentence lookup skips
    a clause whose length alone keeps it below the similarity asked for, unread."""
    out = {}
    for side in ("zh", "ja"):
        lengths = [len(sentence_key(r.get(f"{side}_text") or "")) for r in rows]
        out[f"{side}_key_len"] = np.array(lengths, dtype=np.int32)
    return out


def _words(texts: list[str], seen: dict[str, Words]) -> dict[str, np.ndarray]:
    """Each text's Japanese words: the keys as one string, the offsets flat. A text
    recurs (a third of the clauses of a grown corpus are distinct): each distinct one is
    analysed once and kept packed (its key string and offsets), not as word tuples."""
    packed: dict[str, tuple[str, array]] = {}
    keys, spans, counts = [], array("i"), []
    for text in texts:
        got = packed.get(text)
        if got is None:
            words = seen.get(text)
            if words is None:
                words = ja_words(text)
            got = packed[text] = (
                SEP.join(k for k, _, _ in words),
                array("i", [x for _, a, b in words for x in (a, b)]),
            )
        keys.append(got[0])
        spans.extend(got[1])
        counts.append(len(got[1]) // 2)
    out: dict[str, np.ndarray] = {}
    out["keys"], out["keys_first"] = arrays.strings(keys)
    out["spans_first"] = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out["spans_first"][1:])
    out["spans"] = arrays.narrowest(np.frombuffer(spans, dtype=np.int32), (np.uint16,))
    return out


def _records(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Each row's other stored fields: `order` as a number, the rest (document, item,
    section path, …: what a section's clauses share) as an index into distinct JSON."""
    shared: dict[str, int] = {}
    shared_of = [
        shared.setdefault(_json({k: v for k, v in r.items() if k not in OWN}), len(shared))
        for r in rows
    ]
    out = {
        "shared_of": np.array(shared_of, dtype=np.int32),
        "order": np.array([r.get("order", 0) for r in rows], dtype=np.int64),
    }
    out["shared"], out["shared_first"] = arrays.strings(list(shared))
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _known_words(previous: Path | None) -> dict[str, Words]:
    """`{Japanese text: its words}` from a previous generation's views (empty if none or
    unreadable: the words are then analysed again, never trusted half-read)."""
    if previous is None or not (previous / FILE).is_file():
        return {}
    try:
        old = Views(previous / FILE)
        return {old._text("ja_text", n): old.words(n) for n in range(len(old))}
    except (OSError, ValueError, KeyError):
        return {}


def _links(gen: Path, ids: list[str]) -> dict[str, np.ndarray]:
    """The word links by document number (five numbers a link: zh start, end, ja start,
    end, probable), and the document numbers in clause-id order (to find a clause)."""
    path = gen / links_store.FILE
    by_id: dict[str, array] = {}  # packed as read: the file parsed whole is ~10x its size
    if path.is_file():
        for cid, ls in links_store.iter_links(path):
            by_id[cid] = array("i", [x for link in links_store.compact(ls) for x in link])
    none = array("i")
    flat = array("i")
    first = np.zeros(len(ids) + 1, dtype=np.int64)
    for n, cid in enumerate(ids):
        flat.extend(by_id.get(cid, none))
        first[n + 1] = len(flat) // 5
    del by_id
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return {
        "links_first": first,
        "links": arrays.narrowest(np.frombuffer(flat, dtype=np.int32), (np.uint16,)),
        "by_id": np.array(order, dtype=np.int32),
    }


class _Once:
    """`fn(n)`, computed on the first call and kept: a view's Japanese words are decoded
    when marking first needs them, once (a plain class: `functools.cache` costs more to
    wrap than most views ever save)."""

    __slots__ = ("fn", "got", "n")

    def __init__(self, fn: Any, n: int):
        self.fn, self.n, self.got = fn, n, None

    def __call__(self) -> Any:
        if self.got is None:
            self.got = self.fn(self.n)
        return self.got


class Views:
    """A generation's `views.bin`, mapped read-only (ValueError if it is not one)."""

    def __init__(self, path: Path):
        a = arrays.load(path)
        # memoryviews, not numpy: indexing one returns a Python int without a numpy scalar
        strings = (*TEXTS, "keys", "shared")
        self._arrays = a
        self._first = {name: a[name + "_first"].data for name in (*strings, "spans")}
        self._shared_of = a["shared_of"].data
        self._order = a["order"].data
        self._shared: dict[int, dict[str, Any]] = {}
        self._spans = a["spans"].data
        self._links_first = a["links_first"].data
        self._links = a["links"].data
        self._ids = arrays.Strings(a, "id", order=a["by_id"].data)  # the ids, sorted

    def __len__(self) -> int:
        return len(self._first["id"]) - 1

    def _text(self, name: str, n: int) -> str:
        first = self._first[name]
        return self._arrays.text(name, first[n], first[n + 1])

    def key_lengths(self, ns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sentence-key lengths of documents `ns`' Chinese and Japanese texts."""
        return self._arrays["zh_key_len"][ns], self._arrays["ja_key_len"][ns]

    def get(self, n: int) -> dict[str, Any]:
        """`{"id", "zh_text", "ja_text", "ja_words"}` of document number `n`; `ja_words`
        is a function (`words` of `n`): most marking never needs the words."""
        out: dict[str, Any] = {name: self._text(name, n) for name in TEXTS}
        out["ja_words"] = _Once(self.word_row, n)
        return out

    def stored(self, n: int) -> dict[str, Any]:
        """Every stored field of document number `n` (as Whoosh's `stored_fields` gives
        them), with `ja_words` as in `get`."""
        out = self.get(n)
        out.update(self._fields(self._shared_of[n]))
        out["order"] = self._order[n]
        return out

    def _fields(self, i: int) -> dict[str, Any]:
        """Distinct shared fields, decoded once (a section's clauses share them): callers
        copy the dict, and read its section path without changing it."""
        got = self._shared.get(i)
        if got is None:
            if len(self._shared) >= SHARED_KEPT:
                self._shared.clear()
            got = self._shared[i] = json.loads(self._text("shared", i))
        return got

    def docnum(self, clause_id: str) -> int | None:
        """The document number of a clause id (a binary search over the ids in order)."""
        i = self._ids.find(clause_id)
        return None if i is None else self._ids.row(i)

    def links(self, n: int) -> list[CompactLink]:
        """The word links of document number `n`, as `engine.counterparts` reads them."""
        first = self._links_first
        it = iter(self._links[5 * first[n] : 5 * first[n + 1]].tolist())
        return list(zip(it, it, it, it, it, strict=True))

    def links_key(self, n: int) -> bytes:
        """The raw bytes of document `n`'s links: equal exactly when the links are equal,
        and ~10x cheaper to compare than the tuples `links` builds."""
        first = self._links_first
        return self._links[5 * first[n] : 5 * first[n + 1]].tobytes()

    def links_of(self, clause_id: str) -> list[CompactLink]:
        """The word links of a clause by its id (none for an unknown id)."""
        n = self.docnum(clause_id)
        return [] if n is None else self.links(n)

    def words(self, n: int) -> Words:
        """The Japanese words of document number `n`, as (key, start, end) triples."""
        keys, offsets = self.word_row(n)
        it = iter(offsets)
        return tuple(zip(keys, it, it, strict=True))

    def word_row(self, n: int) -> WordRow:
        """The Japanese words of document number `n` as marking reads them (`ja_words`):
        the keys, and their offsets flat (start, end, start, …); no tuple per word, which
        was most of marking a long clause the first time."""
        first = self._first["spans"]
        a, b = first[n], first[n + 1]
        if a == b:
            return WordRow((), [])
        return WordRow(tuple(self._text("keys", n).split(SEP)), self._spans[2 * a : 2 * b].tolist())
