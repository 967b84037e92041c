"""The process-wide jieba tokenizer: jieba's whole dictionary plus the user dictionary.

Built once per process, its cache in `var/cache` (never jieba's default temp folder). The
search side avoids it where it can (`analyzers.query_dictionary` reads the few entries a
query needs from an on-disk copy); indexing and the learners use it whole.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import jieba

from analyzers.resources import cache_dir, userdict_zh

_lock = threading.Lock()
_segmenter: jieba.Tokenizer | None = None
_longest = 0  # characters in the longest dictionary word: no longer sub-word can exist


def load_userdict(tok: jieba.Tokenizer, path: Path) -> int:
    """Add the words of a jieba-format file (`word [freq] [tag]`), skipping `#` comments.

    jieba's own `load_userdict` would add a comment line as a word.
    """
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tok.add_word(parts[0], freq, parts[2] if len(parts) > 2 else None)
        n += 1
    return n


def segmenter() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer: built once, cache in `var/cache`, user dict loaded."""
    global _segmenter, _longest
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.tmp_dir = str(cache_dir())
                tok.cache_file = "jieba.cache"
                tok.initialize()
                if (userdict := userdict_zh()).exists():
                    load_userdict(tok, userdict)
                _longest = max(map(len, tok.FREQ))
                _segmenter = tok
    return _segmenter


def loaded() -> bool:
    """Whether this process has loaded the whole dictionary already."""
    return _segmenter is not None


def longest() -> int:
    """Characters in the longest dictionary word (0 before the dictionary is loaded)."""
    return _longest
