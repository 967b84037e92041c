"""The glossary users look up, built from the same word links that mark counterparts.

A term's entries are the term panel of its search (`engine.renderings`): the renderings
marked as its counterpart, counted in pairs, so `/glossary?q=跨境`, `/api/glossary`,
`taiyaku glossary` and the panel above the search results say the same thing. Curated
entries (`data/glossary.tsv`) come first, as they decide the expansion. Learned entries
too weak to expand a search (`glossary_index.supported`: a pair or two, no dictionary)
come last, as origin "weak": shown, so a user can judge them, never used silently.

With no term, the glossary is browsed: the sure links of the corpus (not "probable")
propose the entries, both directions, and each is then counted as its own term page
counts it (`recount`), so the list and the page an entry links to give the same number;
an entry seen in fewer than two pairs there is dropped. What is not a rendering
is left out: a word linked to itself after folding (貿易 ↔ 贸易 is the same word), a
function word or a span starting or ending with one (する必要, よう保証し), and any span
across a clause's punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from analyzers import chinese, japanese
from analyzers.folding import fold
from engine.api import SearchResult
from engine.glossary_index import supported
from engine.port import Index
from indexer.links.tokens import is_function

MIN_PAIRS = 2  # a browsed rendering is seen in at least this many pairs
_PUNCT = re.compile(r"[，、。；：！？,.;:!?「」『』《》（）()\s]")
_PARTICLE_EDGE = re.compile(r"^[\u3041-\u309f]")  # starts with hiragana: a clipped phrase


def from_result(q: str, result: SearchResult, curated: list[dict[str, Any]]) -> list[dict]:
    """Entries of one term: curated ones, the renderings of its search's panel, then the
    learned glossary entries too weak to be used (`curated`: every glossary entry of q)."""
    scanned = max(result.query.renderings_scanned, 1)
    entries = [e for e in curated if e["origin"] == "curated"]
    seen = {(e["source_lang"], e["target"]) for e in entries}
    for r in result.query.renderings:
        src_lang = "ja" if r.lang == "zh" else "zh"
        if (src_lang, r.text) in seen:
            continue
        entries.append(
            {
                "source": r.term,
                "source_lang": src_lang,
                "target": r.text,
                "target_lang": r.lang,
                "count": r.count,
                "score": round(r.count / scanned, 3),
                "origin": "links",
                "examples": r.examples,
            }
        )
    for e in curated:
        if (
            e["origin"] == "learned"
            and not supported(e)
            and (e["source_lang"], e["target"]) not in seen
        ):
            entries.append({**e, "origin": "weak"})
    return entries


def browse(index: Index, links: Callable[[str], list[Any]]) -> list[dict[str, Any]]:
    """Every rendering the sure links of the corpus name in ≥ `MIN_PAIRS` pairs."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for n in index.all_docs():
        f = index.stored(n)
        zh, ja = f.get("zh_text") or "", f.get("ja_text") or ""
        if not (zh and ja):
            continue
        found = {
            (zh[zs:ze], ja[js:je]) for zs, ze, js, je, probable in links(f["id"]) if not probable
        }
        for key in found:
            if is_rendering(*key):
                pairs.setdefault(key, []).append(f["id"])
    out = []
    for src_lang, tgt_lang, flip in (("zh", "ja", False), ("ja", "zh", True)):
        per_source: dict[str, int] = {}
        for (zh, ja), ids in pairs.items():
            per_source[ja if flip else zh] = per_source.get(ja if flip else zh, 0) + len(ids)
        for (zh, ja), ids in pairs.items():
            src, tgt = (ja, zh) if flip else (zh, ja)
            if len(ids) >= MIN_PAIRS:
                out.append(
                    {
                        "source": src,
                        "source_lang": src_lang,
                        "target": tgt,
                        "target_lang": tgt_lang,
                        "count": len(ids),
                        "score": round(len(ids) / per_source[src], 3),
                        "origin": "links",
                        "examples": ids[:5],
                    }
                )
    return out


def recount(
    candidates: list[dict[str, Any]],
    term_entries: Callable[[str], list[dict[str, Any]]],
    limit: int,
) -> list[dict[str, Any]]:
    """The first `limit` candidates that their term page (`term_entries(source)`, the
    entries of `/glossary?q=source`) confirms in ≥ `MIN_PAIRS` pairs, with its count and
    examples: a browsed count is the term page's count, not the raw links'."""
    pages: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    out: list[dict[str, Any]] = []
    for e in candidates:
        if len(out) == limit:
            break
        if e["source"] not in pages:
            pages[e["source"]] = {
                (x["target"], x["target_lang"]): x
                for x in term_entries(e["source"])
                if x["origin"] == "links"
            }
        page = pages[e["source"]].get((e["target"], e["target_lang"]))
        if page and page["count"] >= MIN_PAIRS:
            out.append({**e, "count": page["count"], "examples": page["examples"]})
    return out


def is_rendering(zh: str, ja: str) -> bool:
    """A link worth listing: two different words, no function word, within one clause.

    >>> is_rendering("跨境", "クロスボーダー"), is_rendering("贸易", "貿易")
    (True, False)
    >>> is_rendering("需要", "する必要"), is_rendering("文件和经", "公文書および国")
    (False, False)
    """
    if fold(zh).lower() == fold(ja).lower() or _PUNCT.search(zh) or _PUNCT.search(ja):
        return False
    words = [("zh", w) for w, _, _ in chinese.words(zh)] + [
        ("ja", w) for w, _, _ in japanese.words(ja)
    ]
    return not any(is_function(w, lang) for lang, w in words) and not _PARTICLE_EDGE.search(ja)
