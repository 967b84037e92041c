"""The outside sources of the evaluation: where their pairs and cases live, which are test.

Each source is a folder of `eval/corpora/` with `pairs.tsv` (id, zh, ja: the file that
`taiyaku add` ingests) and `cases.tsv` (the hand-checked spotting cases). `split` says
whether a source is used for development (its figures may be looked at while changing
the code), held out as the test (its figures are read only for a final report) or
sealed: kept for the next round's final figure, neither indexed nor printed until
`python -m eval --sealed` opens it, so its text cannot move any figure before then.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CORPORA = Path(__file__).resolve().parent / "corpora"


@dataclass(frozen=True)
class Source:
    """One outside source: its folder name, genre, split and draw seed."""

    name: str
    genre: str
    split: str  # "dev", "test" or "sealed"
    seed: int

    @property
    def folder(self) -> Path:
        return CORPORA / self.name

    @property
    def pairs_file(self) -> Path:
        return self.folder / "pairs.tsv"

    @property
    def cases_file(self) -> Path:
        return self.folder / "cases.tsv"


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("tatoeba", "everyday sentences (Tatoeba cmn–jpn)", "dev", 20261207),
        Source("bible", "literary (Gospel of John 1–6, CUV / Colloquial Japanese)", "dev", 1207),
        Source("reactdocs", "technical documentation (React docs, zh-CN / ja)", "dev", 51207),
        Source("firefox", "software interface (Firefox settings, zh-CN / ja)", "test", 71207),
        Source("pydocs", "technical documentation (Python docs, zh-CN / ja)", "test", 31207),
        # sealed until round 5's final figure (2026-12-07 16:54), read once then: now a test
        Source("vuedocs", "framework guide (Vue.js docs, zh-CN / ja)", "test", 41207),
        # sealed until round 6's final figure (2026-12-07 18:51), read once then: now a test
        Source("rustbook", "programming book (the Rust book, zh-CN / ja)", "test", 61207),
        # sealed until round 7's final figure (2026-12-07 21:24), read once then: now a test
        Source("wesnoth", "game narrative (Wesnoth campaign, zh_CN / ja)", "test", 81207),
        # written in round 7, never run: sealed until round 8's final figure
        Source("cclegal", "legal text (Creative Commons licences, zh-Hans / ja)", "test", 91207),
    )
}


def read_pairs(name: str) -> dict[str, tuple[str, str]]:
    """The source's pairs by their id in `pairs.tsv`: id → (zh, ja)."""
    with SOURCES[name].pairs_file.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {r[0]: (r[1], r[2]) for r in rows[1:] if r}
