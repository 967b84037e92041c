"""Write analyzers/fold_table.json: every BMP Han character that folding changes.

`analyzers.folding` answers Basic-Multilingual-Plane Han characters from this file
instead of starting OpenCC in every process. Run it again after upgrading OpenCC
(`tests/analyzers/test_fold_table.py` fails until you do):
`.venv/bin/python scripts/make_fold_table.py`.
"""

from __future__ import annotations

import json

from analyzers.folding import SHIPPED, opencc_fold
from analyzers.scripts import HAN_CHAR


def table() -> dict[str, str]:
    """`{character: folded}` for the BMP Han characters the chain changes."""
    out = {}
    for code in range(0x10000):
        c = chr(code)
        if HAN_CHAR.match(c):
            folded = opencc_fold(c)
            if folded != c:
                out[c] = folded
    return out


if __name__ == "__main__":
    got = table()
    SHIPPED.write_text(json.dumps(got, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"{SHIPPED}: {len(got)} characters")
