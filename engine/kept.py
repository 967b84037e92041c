"""What a generation keeps between requests: a bounded map, least recently used dropped first.

A term's panel and a clause's marks are functions of the generation's data and the
query's needles, never of the request, so the service keeps recent ones per generation
(`SearchService`): a term searched again skips its marking. A generation published later
starts empty, so nothing kept outlives the data it was computed from. Shared by a
server's threads; a size of 0 keeps nothing (the benches' cold figure).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """At most `size` values of one generation by key; the least recently used go first."""

    def __init__(self, generation: str, size: int):
        self.generation = generation
        self.size = size
        self._kept: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            got = self._kept.get(key)
            if got is not None:
                self._kept.move_to_end(key)
            return got

    def put(self, key: Hashable, value: V) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
