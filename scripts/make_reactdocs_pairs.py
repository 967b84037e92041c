"""Build `eval/corpora/reactdocs/pairs.tsv` from the React documentation's two translations.

Why a script: the pairs must be reproducible from pinned commits. The Simplified Chinese
(reactjs/zh-hans.react.dev) and Japanese (reactjs/ja.react.dev) translations keep the
English heading anchors (`## 渲染列表 {/*rendering-lists*/}`): a page present in both is
cut into sections at these anchors, each section into blocks (blank lines; code fences
kept whole). A section is kept only when both sides have the same sequence of block kinds;
its prose paragraphs are then paired in order, and a pair kept only when both sides name
the same inline code and the same number of links. Not part of the product: run by hand,
`python scripts/make_reactdocs_pairs.py ZH_GIT_DIR JA_GIT_DIR OUT.tsv`.
"""

from __future__ import annotations

import re
import sys

from doc_pairs import codes, git, keep, markdown_blocks, markdown_text, write_draw

ZH_COMMIT = "f6cda05526ceff44b24588e9e0c2e2106d4588d4"
JA_COMMIT = "7f38231d9d5dddaae6ac51da7d0f173d697f835c"
FOLDERS = ("src/content/learn/", "src/content/reference/react/")
SEED, DRAW = 51207, 275
# Ids over 40 characters are not kept by the ingester: this page's stem is shortened.
SHORT = {"extracting-state-logic-into-a-reducer": "extracting-reducer"}
# Left out by reading: the same paragraph as build-a-react-app-from-scratch-7 on another page.
LEFT_OUT = frozenset({"creating-a-react-app-105"})
ANCHOR = re.compile(r"^#{1,6} .*\{/\*([\w-]+)\*/\}\s*$")
LIST = re.compile(r"^\s*(?:[-*] |\d+\. )", re.M)


def pages(repo: str, commit: str) -> set[str]:
    names = git(repo, "ls-tree", "-r", "--name-only", commit, *FOLDERS).split()
    return {n for n in names if n.endswith(".md")}


def sections(text: str) -> dict[str, list[tuple[str, str]]]:
    """Anchor → blocks (kind, text); front matter and code fences handled."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    out: dict[str, list[tuple[str, str]]] = {"_top": []}
    cur = out["_top"]
    for m, block, _ in markdown_blocks(text, ANCHOR):
        if m:
            cur = out.setdefault(m.group(1), [])
            continue
        first = block[0].lstrip()
        if first.startswith("```"):
            kind = "code"
        elif first[:1] in "<{|" or first.startswith(("* ", "- ", "1.", ">")):
            kind = "other"
        elif first.startswith("#"):
            kind = "head"
        else:
            kind = "prose"
        cur.append((kind, "\n".join(block)))
    return out


def clean(s: str) -> str:
    return re.sub(r"\s*\n\s*", " ", markdown_text(s)).strip()


def main() -> None:
    zh_repo, ja_repo, out = sys.argv[1:4]
    cands = []
    for page in sorted(pages(zh_repo, ZH_COMMIT) & pages(ja_repo, JA_COMMIT)):
        zs = sections(git(zh_repo, "show", f"{ZH_COMMIT}:{page}"))
        js = sections(git(ja_repo, "show", f"{JA_COMMIT}:{page}"))
        for anchor, zb in zs.items():
            jb = js.get(anchor)
            if jb is None or [k for k, _ in zb] != [k for k, _ in jb]:
                continue
            for (kind, z), (_, j) in zip(zb, jb, strict=True):
                if kind != "prose" or codes(z) != codes(j) or LIST.search(z + "\n" + j):
                    continue
                if z.count("](") != j.count("]("):
                    continue
                zc, jc = clean(z), clean(j)
                if keep(zc, jc, "{}$|", ("Note",)):
                    stem = page.removeprefix("src/content/").removesuffix(".md")
                    line = (
                        git(zh_repo, "show", f"{ZH_COMMIT}:{page}")
                        .split("\n")
                        .index(z.split("\n")[0])
                    )
                    pid = stem.replace("reference/react/", "ref-").replace("learn/", "")
                    pid = SHORT.get(pid, pid)
                    cands.append((f"{pid.replace('/', '-')}-{line + 1}", zc, jc))
    print(f"{len(cands)} candidates", file=sys.stderr)
    write_draw(cands, SEED, DRAW, LEFT_OUT, out)


if __name__ == "__main__":
    main()
