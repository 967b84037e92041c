"""Build a temporary index of the seed data plus outside sources, and ask it every case.

The sources go in through `indexer.ingest.adding.add_document`, the code `taiyaku add`
runs (format and languages detected from the file, alignment, manifest entry), and the
index is built by `indexer.pipeline.build`, as `taiyaku build` does. Every case is then
searched as a user would, end to end: `GET /api/search?q=TERM&lang=LANG&limit=all`
through the Flask test client, and the marks on the other side of the case's pair are
judged (`eval.metrics.judge`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eval.cases import Case, clause_id
from eval.metrics import Tally, judge
from eval.sources import SOURCES, read_pairs
from settings import PROJECT_ROOT

SEED_DATA = PROJECT_ROOT / "data"
NO_META = {"title_zh": None, "title_ja": None, "date": None, "issuer": None}


@contextmanager
def built_index(sources: Iterable[str], seed_data: Path = SEED_DATA) -> Iterator[Path]:
    """A temporary index of the seed documents plus `sources`, removed afterwards."""
    from indexer.pipeline import build

    with tempfile.TemporaryDirectory(prefix="taiyaku-eval-") as tmp:
        data, index = corpus_folder(Path(tmp), sources, seed_data), Path(tmp) / "index"
        build(data, index)
        yield index


def corpus_folder(tmp: Path, sources: Iterable[str], seed_data: Path = SEED_DATA) -> Path:
    """`tmp/data`: a copy of the seed data folder with `sources` added as `taiyaku add` adds
    them."""
    from indexer.ingest.adding import add_document

    data = tmp / "data"
    shutil.copytree(seed_data, data)
    for name in sources:
        add_document(data, [SOURCES[name].pairs_file], name, NO_META)
    return data


class Asker:
    """Searches cases through `GET /api/search` of an app over one index."""

    def __init__(self, index: Path) -> None:
        from search_app import create_app

        self.client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
        self._seen: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.ids = _clause_ids(index)

    def hits(self, q: str, lang: str) -> list[dict[str, Any]]:
        """Every hit of a query (one request per distinct query and language)."""
        if (q, lang) not in self._seen:
            r = self.client.get("/api/search", query_string={"q": q, "lang": lang, "limit": "all"})
            if r.status_code != 200:
                raise RuntimeError(f"/api/search {q!r} {lang}: {r.status_code} {r.get_data()!r}")
            self._seen[q, lang] = r.get_json()["hits"]
        return self._seen[q, lang]

    def judge(self, case: Case) -> Tally:
        pair = self.ids.get(case.pair, case.pair)
        hit = next((h for h in self.hits(case.term, case.src_lang) if h["id"] == pair), None)
        side = hit[case.dst_lang] if hit else None
        if not side:
            return judge(case, None, [])
        marks = [(m["start"], m["end"], m["kind"]) for m in side["marks"]]
        return judge(case, side["text"], marks)


def _clause_ids(index: Path) -> dict[str, str]:
    """`SOURCE.u.ID` of each outside source's row → the clause id the build gave it."""
    rows = []
    for path in index.glob("gen-*/clauses.jsonl"):
        with path.open(encoding="utf-8") as f:
            rows += [(c["doc_id"], c["order"], c["id"]) for c in map(json.loads, f)]
    return row_clause_ids(rows)


def row_clause_ids(clauses: Iterable[tuple[str, int, str]]) -> dict[str, str]:
    """`SOURCE.u.ID` of each outside source's row → the clause id it was given, from the
    clauses' (document, order, id). Rows are clauses in file order (`order` = row − 1),
    whatever id the ingester kept (it keeps short, URL-safe ids and numbers the others)."""
    by_order = {(doc, order): cid for doc, order, cid in clauses if doc in SOURCES}
    out = {}
    for name in {doc for doc, _ in by_order}:
        for n, pid in enumerate(read_pairs(name)):
            if (name, n) in by_order:
                out[clause_id(name, pid)] = by_order[name, n]
    return out


def tally(asker: Asker, cases: Iterable[Case], key=lambda c: c.source) -> dict[Any, Tally]:
    """Cases counted per `key(case)` (by default their source)."""
    out: dict[Any, Tally] = {}
    for case in cases:
        out.setdefault(key(case), Tally()).add(asker.judge(case))
    return out
