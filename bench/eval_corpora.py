"""The seed corpus plus outside development sources, as clauses and cases for the link
benches (`bench_passes.py`, `calibrate_marks.py`): links alone, no index, no search.

The sources are added as `taiyaku add` adds them (`eval.runner.built_index` does the
same before a build). A held-out test source is refused unless `held_out` is given: its
text and cases are for the final report of `python -m eval --test`, and then for the
report of what each pass is worth there (`bench_passes.py --held-out`), never for tuning
before that final figure. A sealed source is always refused.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eval.cases import read_cases, read_seed_cases
from eval.runner import NO_META, SEED_DATA
from eval.sources import SOURCES


@contextmanager
def corpora(
    sources: list[str], held_out: bool = False
) -> Iterator[tuple[Path, dict[str, list[dict[str, Any]]]]]:
    """(data folder with the seed and `sources` added, cases by source name: "seed" for
    the seed's first case file, then each source's)."""
    from indexer.ingest.adding import add_document

    allowed = {"dev", "test"} if held_out else {"dev"}
    for name in sources:
        if SOURCES[name].split not in allowed:
            raise SystemExit(f"{name} is a {SOURCES[name].split} source: not for the benches")
    with tempfile.TemporaryDirectory(prefix="taiyaku-bench-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED_DATA, data)
        for name in sources:
            add_document(data, [SOURCES[name].pairs_file], name, NO_META)
        seed = [c for c in read_seed_cases()][:997]  # tests/spotting/cases.jsonl
        cases = {"seed (in-sample)": [_as_dict(c) for c in seed]}
        for name in sources:
            label = "dev" if SOURCES[name].split == "dev" else "held-out"
            cases[f"{name} ({label})"] = [_as_dict(c) for c in read_cases(name)]
        yield data, cases


def _as_dict(case) -> dict[str, Any]:
    return {
        "dir": case.dir,
        "pair": case.pair,
        "term": case.term,
        "counterpart": list(case.counterpart),
        "kind": case.kind,
    }
