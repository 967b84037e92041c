"""A Japanese text's words as marking compares them: folded keys with character offsets.

The build stores them per clause (`storage.clause_views`), and the search core analyses a
text itself only when an index did not store them (`engine.highlight`): both must cut
and fold alike, so the one definition lives here.
"""

from __future__ import annotations

from typing import NamedTuple

from analyzers import japanese
from analyzers.folding import fold_key

Words = tuple[tuple[str, int, int], ...]  # (folded key, start, end) of each Japanese word


class WordRow(NamedTuple):
    """The same words as marking reads them: the keys (compared as word sequences), and
    their offsets flat — start and end of word i at 2i and 2i+1."""

    keys: tuple[str, ...]
    offsets: list[int]


def word_row(words: Words) -> WordRow:
    """`words` as a `WordRow`."""
    return WordRow(tuple(k for k, _, _ in words), [x for _, a, b in words for x in (a, b)])


def ja_words(text: str) -> Words:
    """The query-mode words of `text`, folded (so 貿易 and 贸易 compare equal).

    >>> [k for k, _, _ in ja_words("資金の流動")]
    ['資金', '流動']
    """
    return tuple((fold_key(t), a, b) for t, a, b in japanese.words(text, mode="query"))
