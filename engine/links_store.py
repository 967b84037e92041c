"""The generation's word links in memory, compact, by clause id.

The web server holds every clause's links to mark counterparts without reading a file
per hit. A dict of per-clause lists of tuples costs ~0.5 KB a clause; here all links sit
in one flat `array` of 32-bit numbers (five a link: four offsets and the probable
flag) and the dict maps a clause id to its slice: 20 bytes a link, plus the id.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from indexer.links import is_probable
from indexer.links.store import FILE, iter_links

CompactLink = tuple[int, int, int, int, int]  # zs, ze, js, je, probable (0/1)


class LinksStore:
    """Read-only links of one generation: `store.get(clause_id)` → compact links."""

    def __init__(self) -> None:
        self._flat = array("I")
        self._where: dict[str, tuple[int, int]] = {}

    @classmethod
    def open(cls, generation: Path) -> LinksStore:
        """Load `links.jsonl` of a generation directory (empty if the file is absent:
        a generation built before links existed marks no counterparts)."""
        store = cls()
        path = Path(generation) / FILE
        if path.is_file():
            for cid, links in iter_links(path):
                start = len(store._flat)
                for zs, ze, js, je, conf, codes in links:
                    store._flat.extend((zs, ze, js, je, int(is_probable(conf, codes))))
                store._where[cid] = (start, len(store._flat))
        return store

    def get(self, clause_id: str) -> list[CompactLink]:
        """The clause's links (empty if it has none)."""
        a, b = self._where.get(clause_id, (0, 0))
        it = iter(self._flat[a:b])
        return list(zip(it, it, it, it, it, strict=True))  # five at a time, in C

    def __len__(self) -> int:
        return len(self._where)
