"""The enumeration learner: terms seen once, as items of a list, read off the pair itself.

Lists of fields and measures (集成电路、人工智能、生物医药、关键材料等领域 ↔
集積回路・AI・バイオ医薬・基幹材料などの分野) are where a policy text names most of its
terms, often only once: Dice has nothing to go on, and the gap learner needs an anchor on
each side of the term, which a list item next to other unexplained items lacks. But a
list is its own alignment: when both sides list the same number of items, in order, the
k-th items translate each other.

- Chinese items are separated by `、`, the last one possibly joined by 和/及/与/以及;
  Japanese items by `・` (or `、` where no `・` list fits), the last possibly joined by
  および/や/と. A list needs MIN_ITEMS items. The k-th list of n items of one side pairs
  with the k-th of the other only if both sides have as many lists of n items, and only
  if no anchored word of an item's term links to just one other item (a reordered list).
- Middle items are clean. The first item carries the text before the list (对在京从事集成电路),
  the last the text after it (关键材料等领域…): the Japanese term is the compound (kanji,
  katakana, Latin: no hiragana particle) at the item's list side; the Chinese term is the
  run of words at that side, up to a function word or a word anchored outside that
  compound (从事 ↔ 従事). Where that is unsure (an unknown one-character word inside the
  run, which may be a verb: 建, 抓), the edge item is skipped.
- A proposal must look like a term on both sides, neither side may have an entry yet, and
  proposals that disagree across pairs are all dropped, as in the gap learner.

On the seed corpus it learns 29 pairs, 28 right and one loose (开源社区交流平台 ↔
オープンソースコミュニティプラットフォーム: the translation drops 交流).
"""

from __future__ import annotations

import re

from analyzers.folding import fold
from indexer.glossary.evidence import Glossary, Link, Pair, Stats
from indexer.glossary.gaps import GAP_SCORE, GAP_ZH_CHARS, Anchors, anchor_links, unambiguous

Span = tuple[int, int]

MIN_ITEMS = 3  # two items joined by 、 alone are too often a phrase, not a list
ZH_CONJ = frozenset({"和", "及", "与", "以及"})
JA_CONJ = ("および", "及び", "並びに", "ならびに", "や", "と")
# Words that end a term in a list's edge item: prepositions, conjunctions, 等 and 的.
ZH_FUNCTION = frozenset("对在从向为于将把和与及的等并以由按或其各所被给让使至到也即之") | {
    *("通过", "关于", "对于", "按照", "根据", "围绕", "包括", "以及", "及其", "等等"),
    *("诸如", "例如", "其他", "其它"),
}

_ZH_SEGMENT = re.compile(r"[\w、]+")  # a list never crosses other punctuation
_JA_SEGMENT = {"・": re.compile(r"[\w・]+"), "、": re.compile(r"[\w、]+")}
_ZH_TERM = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,8}|[A-Za-z][A-Za-z0-9+.\-]{1,15}")
_JA_CHARS = "\u3400-\u9fff\uf900-\ufaff々\u30a1-\u30fa\u30fcA-Za-z0-9"
_JA_CHAR = re.compile(f"[{_JA_CHARS}]")
_JA_TERM = re.compile(f"(?=.*[^0-9])[{_JA_CHARS}]{{2,}}")
_ALL_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]+")


def learn_enumerations(stats: Stats, gloss: Glossary) -> list[tuple[str, str, int]]:
    """Add single-evidence entries read off aligned lists; return (zh, ja, pairs) added."""
    seen: dict[tuple[str, str], set[str]] = {}
    anchors = Anchors.of(stats, gloss)
    for p in stats.pairs:
        if "、" not in p.text["zh"]:
            continue
        for z, j in unambiguous(set(propose(p, anchors))):
            seen.setdefault((z, j), set()).add(p.id)
    added = []
    for (z, j), ids in unambiguous(seen).items():
        if z in gloss["zh"] or j in gloss["ja"]:
            continue  # the statistics know that word: one list is weaker evidence
        for lang, src, tgt in (("zh", z, j), ("ja", j, z)):
            entry = {"target": tgt, "count": len(ids), "score": GAP_SCORE, "origin": "learned"}
            gloss[lang][src] = [entry]
        added.append((z, j, len(ids)))
    return added


def propose(p: Pair, anchors: Anchors) -> list[tuple[str, str]]:
    """(zh item, ja item) for every item of every pair of aligned lists in the pair."""
    zh_lists = zh_enumerations(p)
    if not zh_lists:
        return []
    links = anchor_links(p, anchors)
    by_sep = [ja_enumerations(p.text["ja"], sep) for sep in ("・", "、")]  # ・ is the rule
    out = []
    for n in {len(zi) for zi in zh_lists}:
        zs = [zi for zi in zh_lists if len(zi) == n]
        js = next(([j for j in ls if len(j) == n] for ls in by_sep if _has(ls, n)), [])
        if len(js) == len(zs):  # the k-th list of n items on each side
            for zi, ji in zip(zs, js, strict=True):
                out.extend(_items(p, links, zi, ji))
    return out


def _has(lists: list[list[Span]], n: int) -> bool:
    return any(len(items) == n for items in lists)


def zh_enumerations(p: Pair) -> list[list[Span]]:
    """Item spans of each Chinese list (A、B、C or A、B和C) of the pair."""
    text, out = p.text["zh"], []
    for m in _ZH_SEGMENT.finditer(text):
        items = _split(m.start(), m.group(), "、")
        if items is None:
            continue
        s, e = items[-1]
        for a, b in p.words("zh"):  # the last item's conjunction, if a word of its own
            if s < a and b < e and text[a:b] in ZH_CONJ and _ALL_HAN.fullmatch(text[s:a]):
                items[-1:] = [(s, a), (b, e)]
                break
        if len(items) >= MIN_ITEMS:
            out.append(items)
    return out


def ja_enumerations(text: str, sep: str) -> list[list[Span]]:
    """Item spans of each Japanese list separated by `sep` (the last item may be joined
    by a conjunction, taken only between two compounds: 奨励および補助)."""
    out = []
    for m in _JA_SEGMENT[sep].finditer(text):
        items = _split(m.start(), m.group(), sep)
        if items is None:
            continue
        s, e = items[-1]
        for conj in JA_CONJ:
            k = text.find(conj, s, e)
            after = k + len(conj)
            if k > s and _JA_TERM.fullmatch(text[s:k]) and _JA_CHAR.match(text, after):
                items[-1:] = [(s, k), (after, e)]
                break
        if len(items) >= 2:
            out.append(items)
    return out


def _split(start: int, segment: str, sep: str) -> list[Span] | None:
    """The spans of the `sep`-separated parts of a segment; None unless 2+ non-empty ones."""
    parts, out, i = segment.split(sep), [], start
    for part in parts:
        if not part:
            return None
        out.append((i, i + len(part)))
        i += len(part) + 1
    return out if len(out) >= 2 else None


def _in_order(
    links: list[Link], cores: list[tuple[Span, Span] | None], zi: list[Span], ji: list[Span]
) -> bool:
    """No anchored word of an item's term, on either side, links to one other item of the
    other list only (a reordered translation: pairing items by position would be wrong).
    A word linked to several items recurs (文化 in 文化证券、文化产业…) and tells nothing;
    the text around the list is free to be reordered (从事 … ↔ … 従事する)."""
    for side, items in ((0, ji), (1, zi)):
        terms = [c[side] if c else (-1, -1) for c in cores]
        found: dict[Span, set[int | None]] = {}
        term_of: dict[Span, int | None] = {}  # links share spans: each looked up once
        for link in links:
            here, there = (link[:2], link[2:]) if side == 0 else (link[2:], link[:2])
            k = term_of.get(here, -1)
            if k == -1:
                k = term_of[here] = _index(terms, *here)
            if k is not None:
                found.setdefault(here, set()).add(_index(items, *there))
        if any(len(ks) == 1 and _index(terms, *w) not in ks for w, ks in found.items()):
            return False
    return True


def _index(items: list[Span], a: int, b: int) -> int | None:
    return next((i for i, (s, e) in enumerate(items) if s <= a and b <= e), None)


def _items(p: Pair, links: list[Link], zi: list[Span], ji: list[Span]) -> list[tuple[str, str]]:
    """The term pairs of two aligned lists: middle items whole, edge items trimmed."""
    zh, ja = p.text["zh"], p.text["ja"]
    cores: list[tuple[Span, Span] | None] = []
    for k, (zs, js) in enumerate(zip(zi, ji, strict=True)):
        if 0 < k < len(zi) - 1:
            cores.append((zs, js))
            continue
        tail = k == 0  # the first item's term ends the item, the last's starts it
        jt = _ja_edge(ja, links, js, zi, tail)
        zt = jt and _zh_edge(p, links, zs, jt, tail)
        cores.append((zt, jt) if jt and zt else None)
    if not _in_order(links, cores, zi, ji):
        return []
    terms = [(zh[z[0] : z[1]], ja[j[0] : j[1]]) for z, j in filter(None, cores)]
    return [(z, j) for z, j in terms if _is_term(z, j)]


def _ja_edge(ja: str, links: list[Link], item: Span, zlist: list[Span], tail: bool) -> Span | None:
    """The compound at the list side of a Japanese edge item, less any outer part that is
    anchored only outside the Chinese list (a verb glued to it: …推進 ↔ 推动…). Anchors into
    the other items do not count: a word may recur across items (文化 in 文创…、文化证券)."""
    s, e = item
    a, b = (e, e) if tail else (s, s)
    if tail:
        while a > s and _JA_CHAR.match(ja[a - 1]):
            a -= 1
    else:
        while b < e and _JA_CHAR.match(ja[b]):
            b += 1
    zitem = zlist[0 if tail else -1]
    core = [zitem, *zlist[1:-1]]
    in_core = {z: _index(core, *z) is not None for z in {link[:2] for link in links}}
    inside = {(js, je) for zs, ze, js, je in links if in_core[zs, ze]}
    for js, je in {(js, je) for *_, js, je in links} - inside:
        if a < je and js < b:
            a, b = (max(a, je), b) if tail else (a, min(b, js))
    return (a, b) if a < b else None


def _zh_edge(p: Pair, links: list[Link], item: Span, jt: Span, tail: bool) -> Span | None:
    """The run of words at the list side of a Chinese edge item that renders `jt`.

    Words are taken from the list side outwards until a function word, a word anchored
    only outside `jt`, or the item's edge; an anchor of `jt`'s outer end inside the run
    fixes the run's outer end. An unknown one-character word is part of the term (新 of
    新材料, 云 of 云计算) only next to the list or right before a stop; anywhere else it
    may be a verb or preposition (建, 向), and the edge is skipped as unsure."""
    zh = p.text["zh"]
    words = [w for w in p.words("zh") if item[0] <= w[0] and w[1] <= item[1]]
    words = words[::-1] if tail else words
    kinds = [
        _kind(zh[a:b], {(js, je) for zs, ze, js, je in links if zs < b and a < ze}, jt)
        for a, b in words
    ]
    run: list[Span] = []
    for k, (w, kind) in enumerate(zip(words, kinds, strict=True)):
        if kind == "stop":
            break
        if kind == "single" and k > 0 and (k + 1 == len(words) or kinds[k + 1] != "stop"):
            return None
        run.append(w)
    if not run:
        return None
    s, e = min(run)[0], max(run)[1]
    outer = jt[0] if tail else jt[1]
    anchored = {
        zs if tail else ze
        for zs, ze, js, je in links
        if (js if tail else je) == outer and s <= zs and ze <= e
    }
    if len(anchored) > 1:
        return None
    if anchored:
        s, e = (anchored.pop(), e) if tail else (s, anchored.pop())
    return (s, e)


def _kind(word: str, ja_spans: set[Span], jt: Span) -> str:
    """ "stop" (function word, or anchored only outside `jt`), "single" (an unknown
    one-character word) or "word"."""
    inside = any(jt[0] <= js and je <= jt[1] for js, je in ja_spans)
    if word in ZH_FUNCTION or (ja_spans and not inside):
        return "stop"
    return "single" if len(word) == 1 and not inside else "word"


def _is_term(z: str, j: str) -> bool:
    """Both sides look like terms, and not like the same term folded (folding has it) or
    a kanji rendering much shorter than the Chinese (a fragment of it)."""
    if not (_ZH_TERM.fullmatch(z) and _JA_TERM.fullmatch(j)) or fold(z) == fold(j):
        return False
    lo, hi = GAP_ZH_CHARS
    if _ALL_HAN.fullmatch(z) and not lo <= len(z) <= hi:
        return False
    return not (_ALL_HAN.fullmatch(j) and 2 * len(j) < len(z))
