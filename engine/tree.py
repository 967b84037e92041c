"""The query tree the engine evaluates: frozen, hashable nodes.

Expansion (`engine.expand`) builds these nodes and the evaluator (`engine.evaluate`)
scores them; being frozen, a node is also the key under which a request keeps a leaf's
scores. `tests/engine/whoosh_reference.py:to_whoosh` gives the equivalent Whoosh query
(tests check that both find the same documents).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

MAX_PREFIX_TERMS = 64  # a prefix query ORs at most this many terms (the first in term order)


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words at consecutive positions; a one-word phrase is a Term.

    `checked`: the words whose positions prove the phrase (all when empty), for words
    that overlap, as a run's bigrams do (`analyzers.ngrams.checked_grams`)."""

    field: str
    words: tuple[str, ...]
    boost: float = 1.0
    checked: tuple[int, ...] = ()


@dataclass(frozen=True)
class Prefix:
    """Any of the first `limit` terms of `field` starting with `prefix`, OR-ed.

    `limit=None` takes every such term: the n-gram layer's one-character lookup, whose
    terms are few per character and whose total must be exact.
    """

    field: str
    prefix: str
    boost: float = 1.0
    limit: int | None = MAX_PREFIX_TERMS


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Or:
    """Any child; `Or(())` matches nothing."""

    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AndNot:
    positive: Node
    negative: Node


@dataclass(frozen=True)
class OnSide:
    """`child`'s matches whose `side` text holds every run of `runs` (folded n-gram keys).

    The n-gram field holds both texts of a pair, so a substring typed for one side
    (`ja:ウェア`) is found there and then checked on that side's text. No Whoosh query
    says this: the Whoosh reference the tests use gives the child's query, a superset.
    """

    child: Node
    side: str
    runs: tuple[str, ...]


@dataclass(frozen=True)
class Every:
    """Every document, each scoring `boost`."""

    boost: float = 1.0


Node = Union[Term, Phrase, Prefix, And, Or, AndNot, OnSide, Every]  # noqa: UP007 (runtime alias)
NOTHING = Or(())


def term(field: str, words: list[str] | tuple[str, ...], boost: float = 1.0) -> Node:
    """A Term for one word, a Phrase for several."""
    if len(words) == 1:
        return Term(field, words[0], boost)
    return Phrase(field, tuple(words), boost)
