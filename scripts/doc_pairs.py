"""What the builders of the documentation sources share (`make_*docs_pairs.py`,
`make_rustbook_pairs.py`): reading a pinned commit, cleaning a Markdown paragraph, which
pairs are kept, and the seeded draw written as the `pairs.tsv` that `taiyaku add` reads.

Not part of the product: the builders run by hand, at development time, so that each
evaluation source can be rebuilt byte for byte from its pinned commits.
"""

from __future__ import annotations

import random
import re
import subprocess
from collections.abc import Iterator

KANA = re.compile(r"[\u3040-\u30ff]")
LATIN = re.compile(r"[A-Za-z]")
ENDS = re.compile(r"[。！？!?]")


def git(repo: str, *args: str) -> str:
    done = subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True)
    return done.stdout.decode()


def markdown_blocks(
    text: str, heading: re.Pattern[str]
) -> Iterator[tuple[re.Match[str] | None, list[str], int]]:
    """Walk a Markdown page: `(m, [], n)` at each line `heading` matches (a new section),
    and `(None, lines, start)` for each block: a code fence whole, or the lines up to a
    blank one; `n` and `start` count lines from 1."""
    block: list[str] = []
    start, fence = 0, False
    for n, line in enumerate(text.splitlines(), 1):
        if fence:
            block.append(line)
            if line.lstrip().startswith("```"):
                fence = False
                yield None, block, start
                block = []
            continue
        if line.lstrip().startswith("```"):
            if block:
                yield None, block, start
            block, start, fence = [line], n, True
            continue
        m = heading.match(line)
        if m or not line.strip():
            if block:
                yield None, block, start
                block = []
            if m:
                yield m, [], n
            continue
        if not block:
            start = n
        block.append(line)
    if block:
        yield None, block, start


def prose(s: str) -> str:
    """Text outside inline code: HTML tags and emphasis markers dropped."""
    s = re.sub(r"<[^>]+>", "", s)
    s = s.replace("*", "").replace("__", "")
    return re.sub(r"(?<![\w])_([^_\s][^_]*?)_(?![\w])", r"\1", s)


def markdown_text(s: str, reference_links: bool = False) -> str:
    """A Markdown paragraph as plain text, lines not yet joined: images dropped, a link
    (and, with `reference_links`, a `[text][ref]` link) kept as its text, inline code as
    its code, HTML tags and emphasis dropped outside code (`prose`)."""
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)
    target = r"(?:\([^)]*\)|\[[^\]]*\])" if reference_links else r"\([^)]*\)"
    s = re.sub(r"\[([^\]]*)\]" + target, r"\1", s)
    parts = re.split(r"(`[^`]*`)", s)  # HTML tags dropped outside inline code only
    return "".join(p[1:-1] if p.startswith("`") else prose(p) for p in parts)


def codes(s: str) -> list[str]:
    """The inline code a paragraph names: both sides of a pair must name the same."""
    return sorted(re.findall(r"`([^`]*)`", s))


def keep(zh: str, ja: str, banned: str = "{}$|", words: tuple[str, ...] = ()) -> bool:
    """A pair worth a case: 15–150 characters of Chinese and 15–200 of Japanese, at most
    two sentence ends a side, little Latin in the Chinese, kana in the Japanese and none
    in the Chinese, none of the `banned` characters (templates, maths, tables) or `words`,
    and not a short lead-in to a code sample."""
    if not (15 <= len(zh) <= 150 and 15 <= len(ja) <= 200):
        return False
    if len(ENDS.findall(zh)) > 2 or len(ENDS.findall(ja)) > 2:
        return False
    if len(LATIN.findall(zh)) > 0.3 * len(zh) or not KANA.search(ja) or KANA.search(zh):
        return False
    if any(c in zh + ja for c in banned) or any(w in zh + ja for w in words):
        return False
    return not (len(zh) < 40 and zh.endswith(("：", ":")))


def write_draw(
    cands: list[tuple[str, str, str]], seed: int, draw: int, left_out: frozenset[str], out: str
) -> None:
    """`draw` of the candidate (id, zh, ja) rows, drawn with `seed`, in id order, less the
    rows left out by reading, as a `pairs.tsv`."""
    picked = sorted(random.Random(seed).sample(cands, min(draw, len(cands))))
    with open(out, "w", encoding="utf-8") as f:
        f.write("id\tzh\tja\n")
        for row in (r for r in picked if r[0] not in left_out):
            f.write("\t".join(row) + "\n")
