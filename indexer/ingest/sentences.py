"""Split paragraphs into clauses at sentence ends (。！？；), never inside brackets.

A sentence end inside 《…》, “…”, （…） or 「…」 belongs to the quoted or parenthesised
text, so it does not end the clause. Extraction leaves unbalanced brackets (a stray `)`
from a page join, a `（` never closed); only brackets that find their partner count, so
one stray bracket cannot swallow the rest of a paragraph.
"""

from __future__ import annotations

ENDS = frozenset("。！？；!?")
PAIRS = {
    "《": "》",
    "“": "”",
    "‘": "’",
    "（": "）",
    "(": ")",
    "「": "」",
    "『": "』",
    "【": "】",
    "〔": "〕",
    "[": "]",
}
_CLOSERS = frozenset(PAIRS.values())
TRAILERS = frozenset(PAIRS.values()) | ENDS


def bracket_depths(text: str) -> list[int]:
    """Nesting depth at each position, counting only brackets that are matched."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c in PAIRS:
            stack.append((c, i))
        elif c in _CLOSERS:
            for k in range(len(stack) - 1, -1, -1):
                if PAIRS[stack[k][0]] == c:
                    spans.append((stack[k][1], i))
                    del stack[k:]  # openers left unclosed inside are unmatched
                    break
    delta = [0] * (len(text) + 1)
    for start, end in spans:
        delta[start + 1] += 1
        delta[end] -= 1
    depths, depth = [], 0
    for i in range(len(text)):
        depth += delta[i]
        depths.append(depth)
    return depths


def split_clauses(text: str) -> list[str]:
    """Clauses of a paragraph, each keeping its final punctuation and closing quotes."""
    depths = bracket_depths(text)
    clauses: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        if text[i] in ENDS and depths[i] == 0:
            j = i + 1
            while j < n and text[j] in TRAILERS and depths[j] <= 1 and _closes_or_ends(text, j):
                j += 1
            _append(clauses, text[start:j])
            start, i = j, j
            continue
        i += 1
    _append(clauses, text[start:])
    return clauses


def _closes_or_ends(text: str, j: int) -> bool:
    """A character after a sentence end that still belongs to it (。” or 。。)."""
    return text[j] in ENDS or text[j] in _CLOSERS


def _append(clauses: list[str], piece: str) -> None:
    piece = piece.strip()
    if piece:
        clauses.append(piece)
