"""The generation's links file: JSON Lines, one clause a line.

`{"id": clause id, "links": [[zh_start, zh_end, ja_start, ja_end, confidence, codes]]}`,
offsets into the clause's `zh` and `ja` texts exactly as in clauses.jsonl. Clauses with
no link have no line. Readable and greppable like the clause file it sits beside.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from indexer.links.confidence import tier
from indexer.links.spans import Link

FILE = "links.jsonl"
CompactLink = tuple[int, int, int, int, int]  # zh start, end, ja start, end, probable (0/1)


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
