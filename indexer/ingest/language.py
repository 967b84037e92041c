"""Which language a paragraph is in: per paragraph in a bilingual source, per file in a
monolingual one.

A block (a page's run of text, a table column) can hold both languages: an alternating
zh/ja layout, a line-by-line translation, a heading printed in both. Deciding per block
files the minority language under the majority one, so in a bilingual source each
paragraph is judged on its own text: kana ⇒ Japanese; otherwise the script forms (务 only
in Chinese, 総 only in Japanese, see `analyzers.detect.guess_language`); otherwise a
complete Han-only sentence is Chinese, because Japanese prose cannot write a sentence
without kana. Short Han-only lines (headings such as 附件, 知识产权) stay undecided and
follow their neighbours.

A monolingual file is one language as a whole (`file_language`): a Japanese page has
all-kanji headings (内容, 概要) and may quote Chinese, English or code, and none of that
makes it a Chinese file. It is refused only when most of its text is plainly the other
language, and the message says how to state the language; a stated language is taken as
said.
"""

from __future__ import annotations

from dataclasses import replace

from analyzers.detect import guess_language
from analyzers.scripts import is_han
from indexer.errors import IngestError
from indexer.ingest.paragraphs import Paragraph, is_terminated

NAMES = {"zh": "Chinese", "ja": "Japanese"}
MIN_SENTENCE_HAN = 4  # a Han-only terminated line at least this long is a Chinese sentence

# Language codes and header names a user or a CAT tool writes for each language.
_CODES = {
    "zh": (
        "zh",
        "zho",
        "chi",
        "cmn",
        "chs",
        "cht",
        "chinese",
        "中文",
        "汉语",
        "漢語",
        "中国語",
        "中国语",
        "简体中文",
        "繁體中文",
        "简体",
        "繁體",
        "华语",
    ),
    "ja": ("ja", "jp", "jpn", "japanese", "日本語", "日本语", "日文", "日语", "日語"),
}


def paragraph_language(text: str) -> str | None:
    """'zh', 'ja', or None when the paragraph gives no evidence (short Han-only heading)."""
    guess = guess_language(text)
    if guess:
        return guess
    han = sum(1 for c in text if is_han(c))
    if han >= MIN_SENTENCE_HAN and is_terminated(text):
        return "zh"
    return None


def language_of_code(code: str) -> str | None:
    """'zh' or 'ja' for a language tag or name (zh-CN, zh-Hans, ja-JP, 中文, 日本語), else None.

    >>> [language_of_code(c) for c in ("zh-Hans", "ZH_tw", "ja-JP", "日本語", "en-US")]
    ['zh', 'zh', 'ja', 'ja', None]
    """
    c = code.strip().lower().replace("_", "-")
    primary = c.split("-", 1)[0]
    for lang, names in _CODES.items():
        if c in names or primary in names:
            return lang
    return None


class WrongLanguage(IngestError):
    """A monolingual file that is mostly the other language than the one it was read as."""


def file_language(paragraphs: list[Paragraph]) -> tuple[str | None, dict[str, int]]:
    """The language most of a file's text is plainly in, and the characters per language.

    Weighted by length, so a long Japanese paragraph outweighs a short all-kanji heading;
    undecided paragraphs (short Han-only lines, code, Latin) count for neither.

    >>> file_language([Paragraph("内容", "", 1), Paragraph("これは日本語の文です。", "", 2)])[0]
    'ja'
    """
    weight = {"zh": 0, "ja": 0}
    for p in paragraphs:
        own = None if p.shared else paragraph_language(p.text)
        if own:
            weight[own] += len(p.text)
    decided = sum(weight.values())
    if not decided:
        return None, weight
    best = max(weight, key=lambda k: weight[k])
    return (best if weight[best] * 2 > decided else None), weight


def one_language(
    paragraphs: list[Paragraph], lang: str, name: str, stated: bool = False
) -> list[Paragraph]:
    """Every paragraph of a monolingual file in its language; refuse a file mostly in the other.

    A stated language (`taiyaku add --lang`, `langs` in the manifest) is never questioned.
    """
    found, weight = file_language(paragraphs)
    if found and found != lang and not stated:
        share = round(100 * weight[found] / sum(weight.values()))
        raise WrongLanguage(
            f"{name}: mostly {NAMES[found]} text ({share}% of the text whose language is "
            f"plain), not {NAMES[lang]}; if it is {NAMES[lang]}, state it: taiyaku add … "
            f"--lang {lang} (or langs in documents.toml)"
        )
    return [replace(p, lang=lang) for p in paragraphs]


def require_languages(
    paragraphs: list[Paragraph], ctx_languages: tuple[str, ...], name: str, layout: str
) -> None:
    """Stop with what was expected and what was found when a declared language is missing."""
    counts = {lang: sum(1 for p in paragraphs if p.lang == lang) for lang in ctx_languages}
    missing = [lang for lang, n in counts.items() if n == 0]
    if not missing:
        return
    found = ", ".join(f"{n} {NAMES[lang]}" for lang, n in counts.items() if n) or "nothing"
    raise IngestError(
        f"{name}: expected {' and '.join(NAMES[x] for x in ctx_languages)} paragraphs "
        f"({layout}); found {found} paragraph{'' if sum(counts.values()) == 1 else 's'} "
        f"and no {NAMES[missing[0]]} text"
    )


def label_paragraphs(
    paragraphs: list[Paragraph],
    languages: tuple[str, ...],
    name: str,
    layout: str,
    stated: bool = False,
) -> list[Paragraph]:
    """Give each paragraph its language: the file's in a monolingual source (`one_language`),
    its own in a bilingual one, where undecided paragraphs follow the paragraph before."""
    if len(languages) == 1:
        out = one_language(paragraphs, languages[0], name, stated)
        require_languages(out, languages, name, layout)
        return out
    out: list[Paragraph] = []
    lang = languages[0]
    for p in paragraphs:
        own = None if p.shared else paragraph_language(p.text)
        lang = own or lang
        out.append(replace(p, lang=lang))
    require_languages(out, languages, name, layout)
    return out
