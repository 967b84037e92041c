"""The term panel: what the matching pairs actually say for each query term, with counts.

Linguee shows, above the examples, the translations the examples use. Here they are
read off the marks: for every matching pair (not only the page shown), the spans the
marking policy (`engine.marking`) marks as the counterpart of a term, counted once per
pair. The panel and the pages therefore cannot disagree, and the glossary lookup
(`SearchService.glossary`) is the same count. "probable" marks are left out (the page
shows them lighter: the panel lists what is sure). A rendering that is the term itself
(同意 → 同意, 国家 → 國家) is listed like any other: a translator who keeps the word is
an answer too, and hiding it made the glossary say "no entries" for a linked word.

Marking every hit of a frequent term would cost as much as showing them all, so only the
first `SCAN` matching clauses in relevance order are read; the result says how many.

A panel is a property of the corpus, not of the request: the same terms over the same
clauses give the same renderings. `Panels` keeps the recent ones of a generation, so a
term asked again (the glossary page asks each of its terms; users page and refine) costs
a dictionary lookup instead of marking a hundred pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from engine.api import Rendering
from engine.highlight import Spans
from engine.kept import Kept
from engine.marking import (
    LinksFn,
    TermNeedles,
    merged,
    pair_key,
    pair_links,
    pair_spans,
    reached_via,
    terms_key,
)

SpansFn = Callable[[dict[str, Any], Sequence[TermNeedles]], dict[str, Spans]]

SCAN = 100  # matching clauses read for the panel (relevance order): ~0.1 ms each
EXAMPLES = 5  # clause ids kept per rendering
KEPT = 1024  # panels a generation keeps (a few KB each)

Key = tuple[int, str, str]  # (term index, lang, surface)
VIA = -1  # the term index of a pair reached only through an equivalent
VIA_KEY: Key = (VIA, "", "")  # sorts first


def renderings(
    stored: Callable[[int], dict[str, Any]],
    docnums: Sequence[int],
    terms: Sequence[TermNeedles],
    links: LinksFn | None,
    scan: int = SCAN,
    spans: SpansFn | None = None,
) -> tuple[list[Rendering], int, int]:
    """Renderings of each term over the first `scan` of `docnums`, how many were read, and
    how many of those were reached only through a glossary equivalent (`Hit.via`): a
    rendering counts pairs that contain the typed term, so those are counted apart.

    `spans(f, terms)` marks a pair (default: `pair_spans` with `links`); the service
    passes its page's `HitBuilder.spans`, so a clause the page shows is marked once.
    """
    if spans is None:
        spans = lambda f, ts: pair_spans(_texts(f), ts, pair_links(f, links))  # noqa: E731
    read = list(docnums[:scan])
    pairs: dict[Key, list[str]] = {}
    via = 0
    # A pair's renderings follow from its texts and links: a provision repeated across
    # documents is read off once (18,800 pairs hold 6,137 distinct ones at 100x).
    known: dict[tuple[Any, ...], tuple[bool, list[Key]]] = {}
    for n in read:
        f = stored(n)
        texts = _texts(f)
        if not (texts["zh"] and texts["ja"] and terms):
            continue
        same = pair_key(f, links)
        found = known.get(same)
        if found is None:
            # sorted: a set's order would follow the hash seed
            keys = sorted(_pair_renderings(f, texts, terms, spans))
            found = known[same] = (keys[:1] == [VIA_KEY], [k for k in keys if k[0] != VIA])
        via += found[0]
        for key in found[1]:
            pairs.setdefault(key, []).append(f["id"])
    ranked = sorted(pairs.items(), key=lambda kv: -len(kv[1]))  # stable: first seen first
    out = [
        Rendering(terms[t].text, text, lang, len(ids), ids[:EXAMPLES])  # type: ignore[arg-type]
        for (t, lang, text), ids in ranked
    ]
    return out, len(read), via


Panel = tuple[list[Rendering], int, int]  # renderings, clauses read, reached via


class Panels(Kept[Panel]):
    """The recent panels of one generation (`engine.kept`).

    Keyed by the terms' needles (`terms_key`) and the clauses read, in order: the two
    things besides the generation a panel depends on.
    """

    def __init__(self, generation: str, kept: int = KEPT):
        super().__init__(generation, kept)

    def panel(
        self,
        stored: Callable[[int], dict[str, Any]],
        docnums: Sequence[int] | Callable[[], Sequence[int]],
        terms: Sequence[TermNeedles],
        links: LinksFn | None,
        spans: SpansFn | None = None,
        asked: Hashable | None = None,
    ) -> Panel:
        """`renderings(...)` with `SCAN`, computed once per generation, terms and clauses.

        `docnums` may be a function that orders them, and `asked` what determines that
        order (the request's query, language, mode and filters): then a kept panel is
        found without putting a hundred clauses in order first."""
        order = docnums if callable(docnums) else lambda: docnums  # already in order
        read = None if asked is not None else order()
        key = (terms_key(terms), asked if read is None else tuple(read[:SCAN]))
        got = self.get(key)
        if got is None:
            got = renderings(stored, order() if read is None else read, terms, links, spans=spans)
            self.put(key, got)
        panel, read, via = got
        return list(panel), read, via


def _texts(f: dict[str, Any]) -> dict[str, str]:
    return {"zh": f["zh_text"] or "", "ja": f["ja_text"] or ""}


def _pair_renderings(
    f: dict[str, Any], texts: dict[str, str], terms: Sequence[TermNeedles], spans: SpansFn
) -> set[Key]:
    """(term, lang, surface) of every counterpart mark of each term in one pair; a term
    the pair has on neither side (found through an equivalent) gives (VIA, "", "")."""
    out: set[Key] = set()
    for t, term in enumerate(terms):
        if reached_via(texts, term, f.get("ja_words")) is not None:
            out.add(VIA_KEY)
            continue
        marked = spans(f, terms[t : t + 1])
        for lang in ("zh", "ja"):
            for a, b in merged(marked[lang].get("counterpart", [])):
                out.add((t, lang, texts[lang][a:b]))
    return out
