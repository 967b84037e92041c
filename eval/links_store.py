"""A links file (`links.jsonl`) in memory, compact, by clause id.

The server reads a generation's links from its mapped `views.bin`
(`indexer.index.views`); this reads the links file itself, for tools and tests that
score links alone, without a built index. All links sit in one flat `array` of 32-bit
numbers (five a link: four offsets and the probable flag) and a dict maps a clause id
to its slice.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from indexer.links.store import FILE, CompactLink, compact, iter_links


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
                for link in compact(links):
                    store._flat.extend(link)
                store._where[cid] = (start, len(store._flat))
        return store

    def get(self, clause_id: str) -> list[CompactLink]:
        """The clause's links (empty if it has none)."""
        a, b = self._where.get(clause_id, (0, 0))
        it = iter(self._flat[a:b])
        return list(zip(it, it, it, it, it, strict=True))  # five at a time, in C

    def __len__(self) -> int:
        return len(self._where)
