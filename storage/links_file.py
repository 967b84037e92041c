"""The generation's links file (both halves): JSON Lines, one clause a line.

`{"id": clause id, "links": [[zh_start, zh_end, ja_start, ja_end, confidence, codes]]}`,
offsets into the clause's `zh` and `ja` texts exactly as in clauses.jsonl. Clauses with
no link have no line. Readable and greppable like the clause file it sits beside.
A link's kind (sure or `probable`) is decoded here from its confidence and evidence
codes, so readers get the flag and never the learner's rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

FILE = "links.jsonl"
# zh start, zh end, ja start, ja end, confidence, evidence codes (what the learner writes)
Link = tuple[int, int, int, int, float, str]
CompactLink = tuple[int, int, int, int, int]  # zh start, end, ja start, end, probable (0/1)


# Evidence sources that, alone, make a link sure (the codes are listed in `indexer.links`;
# B, a bracketed gloss, is learned no more since round 8 but may be in an older links file).
STRONG = frozenset("BCGINP")
# Sources that say what a word means, not how it is written (O: a translation learned
# from open parallel text, `indexer.dictionaries.parallel`).
MEANING = frozenset("DJLORT")
SURE = 0.5  # both directions' mean posterior above which alignment alone is sure


def is_probable(confidence: float, codes: str) -> bool:
    """A link resting on one weak source only (a kanji in common, a dictionary gloss,
    an alignment the two directions are unsure of) is marked "probable"."""
    strong = set(codes) & STRONG or ("A" in codes and confidence >= SURE)
    return not strong and len(set(codes) - {"a"}) < 2


# A link's tier from its record, as calibrated on development text (`indexer.links.confidence`
# writes the table; the rule above stands for signatures it does not name).
TABLE = Path(__file__).with_name("link_calibration.json")
HIGH = 0.5  # the confidence bin boundary (the aligner's "sure", `SURE`)
CLASSES = {"S": STRONG, "M": MEANING, "K": frozenset("K"), "g": frozenset("g")}


def signature(confidence: float, codes: str) -> str:
    """What a link rests on, as a key of the calibration table: its kinds of evidence
    (S strong, M meaning, K a kanji in common, g a two-pair glossary entry), whether both
    alignment directions agreed (+A), and its confidence bin.

    >>> signature(0.9, "AGK"), signature(0.0, "a"), signature(0.3, "Dag")
    ('SK+A:high', '-:place', 'Mg:low')
    """
    cs = set(codes)
    letters = "".join(k for k, members in CLASSES.items() if cs & members) or "-"
    agreed = "+A" if "A" in codes else ""
    if confidence <= 0 and letters == "-":
        level = "place"
    else:
        level = "high" if confidence >= HIGH else "low"
    return f"{letters}{agreed}:{level}"


@lru_cache(maxsize=4)
def table(path: Path = TABLE) -> dict[str, str]:
    """Signature → "counterpart", "probable" or "none", as calibrated (empty if no file)."""
    if not path.is_file():
        return {}
    return {k: v["tier"] for k, v in json.loads(path.read_text("utf-8"))["signatures"].items()}


def tier(confidence: float, codes: str, calibrated: dict[str, str] | None = None) -> str:
    """ "counterpart", "probable" or "none" for a link record."""
    known = (table() if calibrated is None else calibrated).get(signature(confidence, codes))
    if known:
        return known
    return "probable" if is_probable(confidence, codes) else "counterpart"


def save(links: dict[str, list[Link]], path: Path) -> None:
    """Write the links, clause ids in the order given."""
    with path.open("w", encoding="utf-8") as f:
        for cid, ls in links.items():
            if ls:
                f.write(json.dumps({"id": cid, "links": ls}, ensure_ascii=False) + "\n")


def iter_links(path: Path) -> Iterator[tuple[str, list[Link]]]:
    """(clause id, links) per line of a links file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                yield rec["id"], [tuple(x) for x in rec["links"]]


def load(path: Path) -> dict[str, list[Link]]:
    """All links of a file, by clause id."""
    return dict(iter_links(path))


def compact(links: list[Link]) -> list[CompactLink]:
    """A pair's links as readers keep them: the offsets and whether the link is probable
    (`engine.counterparts` needs no more)."""
    return [(zs, ze, js, je, int(tier(cf, cd) == "probable")) for zs, ze, js, je, cf, cd in links]
