"""The language pair, defined once: every module that pairs Chinese with Japanese asks here."""

from __future__ import annotations

from typing import Literal

LANGS: tuple[Literal["zh"], Literal["ja"]] = ("zh", "ja")


def other(lang: str) -> str:
    """The other language of the pair.

    >>> other("zh"), other("ja")
    ('ja', 'zh')
    """
    if lang not in LANGS:
        raise ValueError(f"not a language of the pair: {lang!r}")
    return "ja" if lang == "zh" else "zh"
