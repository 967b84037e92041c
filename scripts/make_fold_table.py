"""Write the analyzers' shipped OpenCC tables: fold_table.json and han_evidence.json.

`analyzers.folding` answers Basic-Multilingual-Plane Han characters from `fold_table.json`
(every character folding changes) and `analyzers.detect` from `han_evidence.json` (the
characters that are Japanese-only or simplified-Chinese-only in form), instead of starting
OpenCC in every process. Run it again after upgrading OpenCC
(`tests/analyzers/test_fold_table.py` fails until you do):
`.venv/bin/python scripts/make_fold_table.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from analyzers.detect import EVIDENCE_TABLE, opencc_evidence
from analyzers.folding import SHIPPED, opencc_fold
from analyzers.scripts import HAN_CHAR


def bmp_han() -> list[str]:
    """Every Han character of the Basic Multilingual Plane, in code point order."""
    return [chr(code) for code in range(0x10000) if HAN_CHAR.match(chr(code))]


def table() -> dict[str, str]:
    """`{character: folded}` for the BMP Han characters the chain changes."""
    return {c: f for c in bmp_han() if (f := opencc_fold(c)) != c}


def evidence() -> dict[str, str]:
    """`{"ja": characters with evidence +1, "zh": characters with -1}`, as strings."""
    han = [(c, opencc_evidence(c)) for c in bmp_han()]
    return {"ja": "".join(c for c, e in han if e > 0), "zh": "".join(c for c, e in han if e < 0)}


def write(path: Path, data: dict[str, str], characters: int) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"{path}: {characters} characters")


if __name__ == "__main__":
    folded, signs = table(), evidence()
    write(SHIPPED, folded, len(folded))
    write(EVIDENCE_TABLE, signs, sum(map(len, signs.values())))
