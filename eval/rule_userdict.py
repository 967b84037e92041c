"""`python -m eval.rule_userdict OUT SOURCE…`: the user dictionary the rule writes for the
evaluation's corpus (the seed documents plus the outside SOURCEs), into the file OUT.

`python -m eval --userdict-by-rule` runs it before its build, so the figures are those a
user gets who runs `make userdict` on their own data: the rule (`analyzers.userdict`)
applied to the text being searched, not the seed's shipped list. A process of its own:
the generator needs jieba loaded without a user dictionary.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    from indexer.userdict import generate, use_empty_userdict

    out, sources = Path(argv[0]), argv[1:]
    with tempfile.TemporaryDirectory(prefix="taiyaku-eval-") as tmp:
        use_empty_userdict(Path(tmp))
        from eval.runner import corpus_folder

        out.write_text(generate(corpus_folder(Path(tmp), sources)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
