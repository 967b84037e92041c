"""Word translations learned offline from open parallel text: the build's prior knowledge.

`scripts/learn_priors.py` trains Model 1 both ways on tens of thousands of open zh–ja
sentence pairs with the build's own analyzers and keeps the word pairs both directions
agree on often (`parallel_priors.tsv.gz`, its provenance in the file's header and in
`PRIORS.md`). The link learner reads it as evidence code O, a prior of the aligner: a
fifty-pair document starts from these translations, and a large corpus's own EM still
outweighs them where its usage differs. Only the build reads it; the server never does.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from analyzers.folding import fold

PRIORS = Path(__file__).with_name("parallel_priors.tsv.gz")  # `scripts/learn_priors.py`


@lru_cache(maxsize=2)
def parallel_pairs(path: Path = PRIORS) -> dict[str, frozenset[str]]:
    """Folded Chinese word → the folded Japanese words it was learned to translate (empty
    when the file is missing: the build then runs without this evidence).

    The file's keys are already the build's folded keys; folding again keeps them so
    should the folding table change."""
    out: dict[str, set[str]] = {}
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            zh, ja = line.split("\t", 2)[:2]
            out.setdefault(fold(zh).lower(), set()).add(fold(ja).lower())
    return {z: frozenset(js) for z, js in out.items()}
