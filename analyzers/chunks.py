"""Bounded pieces of text for the C tokenizers, with offsets kept exact.

MeCab crashed the whole process (segmentation fault, exit 139) on one 1,000,000-character
paragraph of random CJK, and jieba's cost per call grows with its input. Ingestion already
cuts paragraphs (`indexer.ingest.limits`), but the analyzers also tokenize whatever a
caller passes (queries, highlighting, other tools), so they enforce their own bound: text
longer than `MAX_CHUNK` is tokenized piece by piece, cut at a sentence end, else at a space
or punctuation, else hard, and each piece's offsets are shifted back into the whole.

>>> [(off, len(p)) for off, p in chunks("あ。" * 3000, 4096)]
[(0, 4096), (4096, 1904)]
>>> list(chunks("短い", 4096))
[(0, '短い')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_CHUNK = 4096  # characters per tokenizer call; MeCab and jieba are fast and safe below it
_SENTENCE = re.compile(r"[。！？；!?\n]")
_SOFT = re.compile(r"[\s、，,：:（）()「」『』]")


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end the piece starting at `start`: just after the last good break."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start + limit // 2 : end]
    for pattern in (_SENTENCE, _SOFT):
        found = [m.end() for m in pattern.finditer(window)]
        if found:
            return start + limit // 2 + found[-1]
    return end


def chunks(text: str, limit: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """`(offset, piece)` covering `text` in order, every piece at most `limit` characters."""
    start = 0
    while start < len(text):
        end = _cut_point(text, start, limit)
        yield start, text[start:end]
        start = end
