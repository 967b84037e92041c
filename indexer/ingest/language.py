"""Which language a paragraph is in, decided per paragraph, never per block.

A block (a page's run of text, a table column) can hold both languages: an alternating
zh/ja layout, a line-by-line translation, a heading printed in both. Deciding per block
files the minority language under the majority one, so each paragraph is judged on its
own text: kana ⇒ Japanese; otherwise the script forms (务 only in Chinese, 総 only in
Japanese, see `analyzers.detect.guess_language`); otherwise a complete Han-only sentence
is Chinese, because Japanese prose cannot write a sentence without kana. Short Han-only
lines (headings such as 附件, 知识产权) stay undecided and follow their neighbours.
"""

from __future__ import annotations

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
    paragraphs: list[Paragraph], languages: tuple[str, ...], name: str, layout: str
) -> list[Paragraph]:
    """Give each paragraph its own language; undecided ones follow the paragraph before.

    In a source declared as one language, a paragraph plainly in the other one is an error
    (a wrong file or a wrong declaration), never silently filed under the declared one.
    """
    out: list[Paragraph] = []
    lang = languages[0]
    for p in paragraphs:
        own = None if p.shared else paragraph_language(p.text)
        if own and own not in languages:
            raise IngestError(
                f"{name}: {NAMES[own]} text in a {NAMES[languages[0]]} source "
                f"({p.text[:30]}); give each language its own file, or both in one"
            )
        lang = own or lang
        out.append(Paragraph(p.text, lang, p.line, bold=p.bold, shared=p.shared))
    require_languages(out, languages, name, layout)
    return out
