"""The shared shape of our Whoosh tokenizers: spans in, one reused `Token` out.

Each tokenizer only says which spans a text has (`spans`); turning them into Whoosh
tokens (positions, offsets shifted by `start_char`, `keeporiginal`, `tokenize=False`) is
the same for all and lives here once. A span's `step` says how far the position moves
before it: 1 for the next word, 0 for a token at the same position (a Chinese sub-word
under its word), 2 to leave a gap that no phrase may cross (between two Han runs).
Tokenizers hold no tagger or segmenter, so Whoosh can pickle them into the index; two
tokenizers are equal when their class and settings are, which is how Whoosh compares
schemas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.analysis import Token, Tokenizer

Span = tuple[str, int, int, int]  # (text, start, end, step)


class SpanTokenizer(Tokenizer):
    """Base class: subclasses implement `spans(value, mode)`."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((self.__class__, tuple(sorted(self.__dict__.items()))))

    def spans(self, value: str, mode: str) -> Iterable[Span]:
        raise NotImplementedError

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
        items = self.spans(value, mode) if tokenize else ((value, 0, len(value), 1),)
        pos = start_pos - 1
        for text, start, end, step in items:
            pos += step
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t
