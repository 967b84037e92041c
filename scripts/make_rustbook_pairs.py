"""Build `eval/corpora/rustbook/pairs.tsv` from two translations of "The Rust Programming Language".

Why a script: the pairs must be reproducible from pinned commits. The Simplified Chinese
(KaiserY/trpl-zh-cn) and Japanese (rust-lang-ja/book-ja) translations keep the English
book's file names and heading structure, and the same code listings. A chapter present in
both is cut into sections at its headings (HTML comments, where book-ja keeps the English
original, removed first); sections are paired in order where both sides have the same
heading level and the same sequence of block kinds (prose, code, other): the longest
common subsequence of these signatures. Its prose paragraphs are then paired in
order, and a pair kept only when both sides name the same inline code and the same number
of links. Not part of the product: run by hand,
`python scripts/make_rustbook_pairs.py ZH_GIT_DIR JA_GIT_DIR OUT.tsv`.
"""

from __future__ import annotations

import difflib
import re
import sys

from doc_pairs import codes, git, keep, markdown_blocks, markdown_text, write_draw

ZH_COMMIT = "49df980589ccd5c1b8829b9be47439136dc34101"
JA_COMMIT = "822ffbb7b5ecf28ff5393e4057c8b9189a5d3fe1"
SEED, DRAW = 61207, 260
# Left out by reading: the Japanese (an older edition) has another paragraph in the place
# of the first, and another second sentence in the second.
LEFT_OUT = frozenset({"ch01-01-43", "ch00-00-66"})
HEADING = re.compile(r"^(#{1,6}) ")
CJK = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"


def chapters(repo: str, commit: str) -> set[str]:
    names = git(repo, "ls-tree", "-r", "--name-only", commit, "src/").split()
    return {n for n in names if re.fullmatch(r"src/(ch\d\d|appendix)-[\w-]+\.md", n)}


def sections(text: str) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Sections in order: (heading level, blocks (kind, text, line)); comments removed."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    out: list[tuple[int, list[tuple[str, str, int]]]] = [(0, [])]
    for m, block, start in markdown_blocks(text, HEADING):
        if m:
            out.append((len(m.group(1)), []))
            continue
        first = block[0].lstrip()
        if first.startswith("```"):
            kind = "code"
        elif first[:1] in "<{|>" or re.match(r"(?:[-*] |\d+\. |\[)", first):
            kind = "other"
        else:
            kind = "prose"
        out[-1][1].append((kind, "\n".join(block), start))
    return out


def matched(zs: list, js: list) -> list[tuple[list, list]]:
    """Sections paired in order where both sides have the same heading level and the same
    sequence of block kinds (the longest common subsequence of such signatures)."""

    def sig(sec: tuple[int, list[tuple[str, str, int]]]) -> tuple:
        return (sec[0], *(k for k, _, _ in sec[1]))

    sm = difflib.SequenceMatcher(None, [sig(s) for s in zs], [sig(s) for s in js], autojunk=False)
    return [
        (zs[b.a + i][1], js[b.b + i][1]) for b in sm.get_matching_blocks() for i in range(b.size)
    ]


def join_lines(s: str) -> str:
    """A paragraph's lines joined: no space between two CJK characters (book-ja breaks
    its lines inside sentences), one space otherwise."""
    lines = [x.strip() for x in s.split("\n") if x.strip()]
    out = lines[0] if lines else ""
    for x in lines[1:]:
        cjk = re.match(f"[{CJK}]", out[-1:]) and re.match(f"[{CJK}]", x[:1])
        out += x if cjk else " " + x
    return out


def clean(s: str) -> str:
    return join_lines(markdown_text(s, reference_links=True))


def links(s: str) -> int:
    return len(re.findall(r"\]\(|\]\[", s))


def main() -> None:
    zh_repo, ja_repo, out = sys.argv[1:4]
    cands = []
    for page in sorted(chapters(zh_repo, ZH_COMMIT) & chapters(ja_repo, JA_COMMIT)):
        zs = sections(git(zh_repo, "show", f"{ZH_COMMIT}:{page}"))
        js = sections(git(ja_repo, "show", f"{JA_COMMIT}:{page}"))
        for zb, jb in matched(zs, js):
            for (kind, z, line), (_, j, _) in zip(zb, jb, strict=True):
                if kind != "prose" or codes(z) != codes(j) or links(z) != links(j):
                    continue
                zc, jc = clean(z), clean(j)
                if keep(zc, jc, "{}$|\t", ()):
                    stem = page.removeprefix("src/").split("-")[0]
                    cands.append((f"{stem}-{page.split('-')[1]}-{line}", zc, jc))
    print(f"{len(cands)} candidates", file=sys.stderr)
    write_draw(cands, SEED, DRAW, LEFT_OUT, out)


if __name__ == "__main__":
    main()
