"""Which spans of a pair are marked, and as what: the marking policy, per query term.

For each term of the query, per hit:

1. its *query side* is the side where the term occurs as typed (letters folded to lower
   case); if it occurs as typed on both sides or on neither, the side of the language the
   term was taken to be written in;
2. on the query side, the term and its variants (folded kanji, inflected forms, the words
   of a loose match) are marked `query`;
3. on the other side, what the pair's word links (built by `indexer.links`) attach to
   those spans is marked `counterpart` (or `probable`, when only weak evidence supports
   the link), and so are the glossary equivalents of the term that the text contains —
   where the links give a sure mark, only the equivalents it overlaps (an equivalent
   elsewhere in the pair renders another occurrence, not this one);
4. when the other side contains the term itself (the same kanji after folding), that is
   its counterpart, and link marks that do not touch it are dropped: identity is stronger
   evidence than the statistical alignment;
5. once a term has a sure counterpart in the pair, its `probable` marks there are dropped:
   a weak link beside a sure one is most often the aligner filling a gap;
6. a pair that has the term on neither side was reached through a glossary equivalent
   (クロスボーダー searched, 跨境 … 越境 found): the equivalent is marked `query`, and its
   own counterpart (越境) is marked through the links as the equivalent's, never as the
   typed term's. The hit says so (`Hit.via`, see `reached_via`).

What each rule is worth is measured in `bench/README.md` (spotting).

Spans of several terms are then resolved by `engine.highlight.resolve`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from analyzers.langs import other
from engine.counterparts import counterpart_marks
from engine.highlight import Needles, Spans, WordsFn, find_spans, fold_key

Span = tuple[int, int]
LinksFn = Callable[[str], Sequence[Any]]  # clause id → its word links


@dataclass
class TermNeedles:
    """What one query term marks: its variants and its glossary equivalents, per side."""

    text: str
    primary: str  # the language the term was taken to be written in
    variant: dict[str, Needles] = field(default_factory=lambda: {"zh": Needles(), "ja": Needles()})
    equivalent: dict[str, Needles] = field(
        default_factory=lambda: {"zh": Needles(), "ja": Needles()}
    )


def terms_key(terms: Sequence[TermNeedles]) -> tuple[Any, ...]:
    """What the marks of `terms` depend on, hashable: equal for terms that mark alike
    however their needles were collected (a set's order is not part of it)."""
    return tuple(
        (
            t.text,
            t.primary,
            *(
                (frozenset(n.surfaces), frozenset(n.sequences))
                for side in (t.variant, t.equivalent)
                for n in (side["zh"], side["ja"])
            ),
        )
        for t in terms
    )


def pair_links(f: dict[str, Any], links: LinksFn | None) -> Sequence[Any]:
    """A pair's word links: read by document number when the backend put a reader in its
    fields (`f["links"]`), else looked up by clause id; none without a links source."""
    if links is None:
        return []
    read = f.get("links")
    return read() if read is not None else links(f["id"])


def pair_key(f: dict[str, Any], links: LinksFn | None) -> tuple[Any, ...]:
    """What a pair's marks depend on besides the terms: its two texts and its links.

    The links enter as the backend's raw bytes when it offers them (`f["links_key"]`):
    the term panel keys up to 100 clauses a request by this, and building the link tuples
    only to compare them cost a tenth of a query's CPU at 100x.
    """
    zh, ja = f["zh_text"] or "", f["ja_text"] or ""
    if not (zh and ja):
        return (zh, ja, ())
    raw = f.get("links_key")
    return (zh, ja, raw() if raw is not None else tuple(pair_links(f, links)))


def query_side(term: TermNeedles, texts: dict[str, str]) -> str:
    """The side where the term occurs as typed, else as folded (知識産権 occurs in a
    Chinese 知识产权: a spelling variant is the term), else the language it was taken to
    be in."""
    typed = term.text.lower()
    found = [lang for lang in ("zh", "ja") if typed and typed in texts[lang].lower()]
    if not found and typed:
        key = fold_key(typed)
        found = [lang for lang in ("zh", "ja") if key in fold_key(texts[lang])]
    return found[0] if len(found) == 1 else term.primary


def pair_spans(
    texts: dict[str, str],
    terms: Sequence[TermNeedles],
    links: Sequence[Any],
    ja_words: WordsFn | None = None,
) -> dict[str, Spans]:
    """Spans by kind on both sides of one pair, for every term of the query.

    `ja_words`: the Japanese side's words if the index stored them (else analysed here).
    """
    out: dict[str, Spans] = {"zh": {}, "ja": {}}
    for term in terms:
        find = _finder(texts, term, ja_words)
        via = reached_via(texts, term, ja_words, find)
        if via is not None:
            _mark_via(out, texts, via, links)
            continue
        q = query_side(term, texts)
        o = other(q)
        mine = find(q, "variant") + find(q, "equivalent")
        counter: list[tuple[int, int, str]] = []
        if mine and links and texts[o]:
            counter = counterpart_marks(mine, links, q)
        counter += [(a, b, "counterpart") for a, b in _linked(find(o, "equivalent"), counter)]
        same = find(o, "variant")
        kept = _unexplained(mine, same, links, q) if same and links and texts[o] else []
        if same:  # the same word on the other side: that is the counterpart, not a guess
            counter = [c for c in counter if _overlaps((c[0], c[1]), same)]
            counter += [(a, b, "counterpart") for a, b in same]
        if any(kind == "counterpart" for _, _, kind in counter):  # a sure one: no guesses
            counter = [c for c in counter if c[2] == "counterpart"]
        counter += kept  # another occurrence's sure identity says nothing of this one
        out[q].setdefault("query", []).extend(mine)
        for a, b, kind in counter:
            out[o].setdefault(kind, []).append((a, b))  # type: ignore[arg-type]
    return out


def reached_via(
    texts: dict[str, str],
    term: TermNeedles,
    ja_words: WordsFn | None = None,
    find: Callable[[str, str], list[Span]] | None = None,
) -> tuple[str, list[Span]] | None:
    """(side, spans) of the term's glossary equivalent when the pair has the term itself
    on neither side: the pair was found only through that equivalent. None otherwise.
    `find`: the pair's `_finder`, when the caller goes on to mark it."""
    if not any(term.equivalent[lang] for lang in ("zh", "ja")):
        return None
    find = find or _finder(texts, term, ja_words)
    for lang in ("zh", "ja"):
        if find(lang, "variant"):
            return None
    for lang in ("zh", "ja"):
        spans = find(lang, "equivalent")
        if spans:
            return lang, spans
    return None


def _finder(
    texts: dict[str, str], term: TermNeedles, ja_words: WordsFn | None
) -> Callable[[str, str], list[Span]]:
    """`find(lang, "variant" | "equivalent")`: where the term's needles of that kind occur
    on a side, each looked for once per pair (the via check and the marks share them).
    Callers get a copy of the list."""
    words = {"zh": None, "ja": ja_words}
    seen: dict[tuple[str, str], list[Span]] = {}

    def find(lang: str, kind: str) -> list[Span]:
        got = seen.get((lang, kind))
        if got is None:
            needles = term.variant[lang] if kind == "variant" else term.equivalent[lang]
            got = seen[lang, kind] = _find(texts[lang], needles, lang, words[lang])
        return list(got)

    return find


def _mark_via(
    out: dict[str, Spans],
    texts: dict[str, str],
    via: tuple[str, list[Span]],
    links: Sequence[Any],
) -> None:
    """The equivalent as the query on its side, its linked counterpart on the other."""
    e, spans = via
    o = other(e)
    counter = counterpart_marks(spans, links, e) if links and texts[o] else []
    if any(kind == "counterpart" for _, _, kind in counter):
        counter = [c for c in counter if c[2] == "counterpart"]
    out[e].setdefault("query", []).extend(spans)
    for a, b, kind in counter:
        out[o].setdefault(kind, []).append((a, b))  # type: ignore[arg-type]


def _unexplained(
    mine: list[Span], same: list[Span], links: Sequence[Any], q: str
) -> list[tuple[int, int, str]]:
    """Link marks of the term's occurrences that its identity on the other side cannot
    explain: when the term occurs more often on its side than as itself on the other
    (建设 twice, once rendered 構築 and once 建設), an occurrence whose links reach no
    identity keeps its counterpart; with as many identities as occurrences, none does."""
    occurrences = merged(mine)
    if len(occurrences) <= len(merged(same)):
        return []
    out: list[tuple[int, int, str]] = []
    for span in occurrences:
        marks = counterpart_marks([span], links, q)
        if marks and not any(_overlaps((a, b), same) for a, b, _ in marks):
            out += marks
    return out


def merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans as one (a variant and a glossary needle often mark one word)."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _find(text: str, needles: Needles, lang: str, words: WordsFn | None) -> list[Span]:
    return find_spans(text, needles, lang, words) if text and needles else []


def _linked(equivalents: list[Span], counter: list[tuple[int, int, str]]) -> list[Span]:
    """The glossary equivalents found on the other side, those a sure link mark overlaps
    when the links give one: elsewhere they are another occurrence of the word (国際協力
    three times in a pair, for 一批 that the translator dropped) or a learned entry the
    pair's own links do not bear out. Without a sure link mark, all of them."""
    sure = [(a, b) for a, b, kind in counter if kind == "counterpart"]
    return [e for e in equivalents if _overlaps(e, sure)] if sure else equivalents


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in others)
