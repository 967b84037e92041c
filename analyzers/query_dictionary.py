"""jieba's dictionary on disk, read per query: segmenting a query without loading it whole.

Loading jieba's dictionary (580,000 words and prefixes, unmarshalled into one dict) costs
~1.7 s of CPU and ~100 MB per process: most of a one-shot `taiyaku search`, and of every
server process. Segmenting a text only ever looks up *substrings of that text* (jieba's
DAG walks `text[k:i]` while it is a known prefix; the route and the HMM fallback look up
words of the text), so a tokenizer whose dictionary holds just the text's substrings that
the full dictionary has, with the full dictionary's total, segments it exactly as the full
one does. Those substrings are read from an SQLite copy of the dictionary in one query.

The copy is written once per machine into the analyzers' cache folder (after the user
dictionary is loaded; its name hashes jieba's version, its dictionary and the user
dictionary, so a change writes a new one). Without a writable cache folder the full
dictionary is used, as before.

>>> import jieba
>>> lex = QueryDictionary.ensure()
>>> text = "推进资金跨境流动便利"
>>> lex is None or list(lex.tokenizer(text).cut(text)) == list(segmenter().cut(text))
True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

import jieba
from jieba import finalseg

from analyzers.jieba_dict import segmenter
from analyzers.resources import cache_dir, userdict_zh

_SURROGATE = re.compile("[\ud800-\udfff]")
BATCH = 900  # SQL variables per statement (well under SQLite's limit)
_lock = threading.Lock()
_opened: dict[Path, QueryDictionary | None] = {}


def _path() -> Path:
    """The lexicon file for the dictionaries in use; the user dictionary is read and hashed
    only when it changed (this runs for every new query text)."""
    userdict = userdict_zh()
    try:
        stamp = userdict.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _path_for(userdict, stamp, cache_dir())


@lru_cache(maxsize=16)
def _path_for(userdict: Path, stamp: int | None, cache: Path) -> Path:
    main = Path(jieba.__file__).with_name("dict.txt").stat()
    h = hashlib.sha256(f"jieba {jieba.__version__} {main.st_size} {main.st_mtime_ns}\n".encode())
    if stamp is not None:
        h.update(userdict.read_bytes())
    return cache / f"jieba-lexicon-{h.hexdigest()[:16]}.sqlite"


class QueryDictionary:
    """A read-only SQLite copy of the loaded jieba dictionary (words, prefixes, total)."""

    def __init__(self, path: Path):
        self.path = path
        with self._connect() as db:
            meta = json.loads(db.execute("SELECT value FROM meta").fetchone()[0])
        self.total: int = meta["total"]
        self.longest: int = meta["longest"]
        for word in meta["force_split"]:
            finalseg.add_force_split(word)

    @classmethod
    def ensure(cls) -> QueryDictionary | None:
        """The lexicon of the current dictionaries, written first if missing; None if the
        cache folder cannot hold it (callers then use the full dictionary)."""
        try:
            path = _path()
        except OSError:
            return None
        if path in _opened:
            return _opened[path]
        with _lock:
            if path not in _opened:
                try:
                    if not path.exists():
                        write(segmenter(), path)
                    _opened[path] = cls(path)
                except (OSError, sqlite3.Error):
                    _opened[path] = None
        return _opened[path]

    def _connect(self) -> sqlite3.Connection:
        # A connection per call: safe across threads and forked workers, ~50 µs.
        return sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)

    def subset(self, text: str) -> dict[str, int]:
        """Every substring of `text` the dictionary knows, with its frequency."""
        n, longest = len(text), self.longest
        keys = list({text[i:j] for i in range(n) for j in range(i + 1, min(n, i + longest) + 1)})
        if _SURROGATE.search(text):  # not UTF-8 encodable, and in no dictionary
            keys = [k for k in keys if not _SURROGATE.search(k)]
        found: dict[str, int] = {}
        db = self._connect()
        try:
            for k in range(0, len(keys), BATCH):
                part = keys[k : k + BATCH]
                marks = ",".join("?" * len(part))
                sql = f"SELECT word, freq FROM freq WHERE word IN ({marks})"
                found.update(db.execute(sql, part).fetchall())
        finally:
            db.close()
        return found

    def tokenizer(self, text: str) -> jieba.Tokenizer:
        """A jieba tokenizer that segments `text` exactly as the full dictionary would."""
        tok = jieba.Tokenizer()
        tok.FREQ = self.subset(text)
        tok.total = self.total
        tok.initialized = True
        return tok


def write(tok: jieba.Tokenizer, path: Path) -> None:
    """Copy a loaded tokenizer's dictionary into `path` (atomically)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    meta = {
        "total": tok.total,
        "longest": max(map(len, tok.FREQ)),
        "force_split": sorted(finalseg.Force_Split_Words),
    }
    db = sqlite3.connect(tmp)
    try:
        db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
        db.executemany("INSERT INTO freq VALUES (?, ?)", tok.FREQ.items())
        db.execute("CREATE TABLE meta (value TEXT)")
        db.execute("INSERT INTO meta VALUES (?)", (json.dumps(meta, ensure_ascii=False),))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
