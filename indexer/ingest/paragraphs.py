"""Paragraphs: what every reader produces, whatever the layout of its source file.

Readers differ only in how they find paragraphs and their language; everything after them
(structure, clauses, alignment) works on this one shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TERMINALS = frozenset("。！？；：!?")
CLOSERS = "”’」』）)》〕】"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one language, with where it came from (for error messages).

    `bold` marks a paragraph typeset as a heading; `shared` marks a line printed identically
    in both languages (document number, issuer, date), which belongs to no sentence;
    `item` marks an item of a list the writer laid out (`1.` `1.` `1.`), body text whose
    number is no heading number.
    """

    text: str
    lang: str
    line: int
    bold: bool = False
    shared: bool = False
    item: bool = False


def is_terminated(text: str) -> bool:
    """Whether a paragraph ends a sentence; an unterminated one was cut (page end, wrap)."""
    t = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(t) and t[-1] in TERMINALS


def join_text(head: str, tail: str) -> str:
    """Join two pieces of one paragraph: no space between CJK characters, else one space."""
    head, tail = head.rstrip(), tail.lstrip()
    if not head or not tail:
        return head + tail
    if _CJK.match(head[-1]) or _CJK.match(tail[0]):
        return head + tail
    return f"{head} {tail}"


_REMNANT = re.compile(r"^\s*([^\s()（）]{1,6})[)）]")


def drop_repeated_remnant(head: str, tail: str) -> str:
    """Drop what a page break repeated of the head's closing bracket from the tail.

    PDF extraction sometimes prints the end of a bracketed phrase again, garbled, at the top
    of the next page (…（以下、総合モデル区）| 尔区) を構築する。). The remnant is short, closes a
    bracket it never opened, follows a head that already closed its own, and shares
    characters with the head's last words; anything else is left as written.
    """
    m = _REMNANT.match(tail)
    end = head.rstrip()
    if not m or not end.endswith((")", "）")):
        return tail
    if not set(m.group(1)) & set(end[-12:-1]):
        return tail
    return tail[m.end() :].lstrip()


@dataclass(frozen=True)
class ReadContext:
    """What a reader may know besides the text: file name, declared languages, shared lines.

    `stated`: the user stated the languages (`taiyaku add --lang`), so detection never
    overrules them.
    """

    name: str
    languages: tuple[str, ...]
    shared: frozenset[str] = frozenset()
    stated: bool = False


_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_NUMBER = re.compile(r"^\S{1,8}〔\d{4}〕\s*\d+\s*号$")


def is_shared_line(text: str, shared: frozenset[str]) -> bool:
    """A date, document number or issuer line: printed the same in both languages."""
    t = text.strip()
    return t in shared or bool(_DATE.match(t) or _NUMBER.match(t))
