"""Function words: grammar rather than content, in either language.

A word that only carries grammar is never a term to mark and never a rendering to count:
the word links skip it when they learn (`indexer.links`), and the glossary browse list
drops it (`engine.termbase`). One list, so the learner and the search core agree.
"""

from __future__ import annotations

import re

from analyzers.folding import fold

_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
# Chinese function words (prepositions, conjunctions, particles, modal 要): grammar, not
# terms; a link from one is the aligner filling a gap, never a rendering to mark. The
# prepositions 按 依 据 经 至 自 ("according to") are grammar too, and so is the aspect
# particle 着 beside 了, written 著 in traditional text (活著, 躺著), and the sentence-final
# particles of mood (吗, 吧, 呢, 啊: a question or a tone, no word of the other side).
FUNCTION_ZH = (
    frozenset("的了和与及或等在对为是将把被以从向于并且其之也都而由所要")
    | frozenset("按依据经至自")
    | frozenset("着著")
    | frozenset("吗吧呢啊呀哟嘛啦")
    | frozenset(["你", "您", "我", "他", "她", "它", "你们", "我们", "他们", "她们", "它们"])
)  # and personal pronouns: an address (你们关于…的请示) is dropped, not translated

# Keys are folded (对 → 對): the list is matched in both forms.
_FUNCTION_ZH_FOLDED = frozenset(fold(w) for w in FUNCTION_ZH)


def is_function(word: str, lang: str) -> bool:
    """Grammar rather than content: a Chinese function character, a Japanese word all in
    hiragana (する, こと, よう, おい: light verbs and forms the query analyzer keeps).

    >>> is_function("的", "zh"), is_function("する", "ja"), is_function("実施", "ja")
    (True, True, False)
    """
    if lang == "zh":
        return word in FUNCTION_ZH or word in _FUNCTION_ZH_FOLDED
    return bool(_HIRAGANA.fullmatch(word))
