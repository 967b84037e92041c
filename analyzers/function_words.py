"""Function words: grammar rather than content, in either language.

A word that only carries grammar is never a term to mark and never a rendering to count:
the word links skip it when they learn (`indexer.links`), and the glossary browse list
drops it (`engine.termbase`). One list, so the learner and the search core agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzers.folding import fold

_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
# Chinese function words (prepositions, conjunctions, particles, modal 要): grammar, not
# terms; a link from one is the aligner filling a gap, never a rendering to mark. The
# prepositions 按 依 据 经 至 自 ("according to") are grammar too, and so is the aspect
# particle 着 beside 了, written 著 in traditional text (活著, 躺著), and the sentence-final
# particles of mood (吗, 吧, 呢, 啊: a question or a tone, no word of the other side).
PRONOUNS_ZH = frozenset(
    ["你", "您", "我", "他", "她", "它", "你们", "我们", "他们", "她们", "它们"]
)
FUNCTION_ZH = (
    frozenset("的了和与及或等在对为是将把被以从向于并且其之也都而由所要")
    | frozenset("按依据经至自")
    | frozenset("着著")
    | frozenset("吗吧呢啊呀哟嘛啦")
    | PRONOUNS_ZH
)  # and personal pronouns: an address (你们关于…的请示) is dropped, not translated

# Keys are folded (对 → 對): the list is matched in both forms.
_FUNCTION_ZH_FOLDED = frozenset(fold(w) for w in FUNCTION_ZH)
_PRONOUNS_ZH = PRONOUNS_ZH | frozenset(fold(w) for w in PRONOUNS_ZH)
# UniDic's word classes of words with a meaning of their own, and its subclasses of words
# that also serve as grammar (非自立可能: する, いる, なる; 副詞可能: ため, とき).
_CONTENT_POS = frozenset({"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "接続詞", "連体詞"})
_GRAMMAR_SUB = frozenset({"非自立可能", "副詞可能"})


def is_function(word: str, lang: str) -> bool:
    """Grammar rather than content: a Chinese function character, a Japanese word all in
    hiragana (する, こと, よう, おい: light verbs and forms the query analyzer keeps).

    >>> is_function("的", "zh"), is_function("する", "ja"), is_function("実施", "ja")
    (True, True, False)
    """
    if lang == "zh":
        return word in FUNCTION_ZH or word in _FUNCTION_ZH_FOLDED
    return bool(_HIRAGANA.fullmatch(word))


def has_meaning(word: str, lang: str) -> bool:
    """A function word that still translates as a word: a Chinese personal pronoun (我 ↔
    わたし), a Japanese word in hiragana that UniDic parses alone as one word of a content
    class (わたし, しかし, まっすぐ, やみ), not one that also serves as grammar (する, いる,
    ため). Such words are function words to the rules (`is_function`: こと and もの parse
    as nouns too), and reach a link only through knowledge that names their counterpart
    (the word pairs learned from open parallel text keep them when the statistics do).

    >>> has_meaning("わたし", "ja"), has_meaning("する", "ja"), has_meaning("我", "zh")
    (True, False, True)
    """
    if lang == "zh":
        return word in _PRONOUNS_ZH
    return kana_content(word) is not None


@lru_cache(maxsize=65536)
def kana_content(word: str) -> tuple[str, str] | None:
    """(word class, lemma) of a word in hiragana that UniDic parses alone as one word of a
    content class, not one that also serves as grammar; else None.

    >>> kana_content("やみ"), kana_content("いる"), kana_content("報酬")
    (('名詞', '闇'), None, None)
    """
    if not _HIRAGANA.fullmatch(word):
        return None
    # imported here: the search core reads `is_function` and never needs the tagger
    from analyzers.japanese import tagger

    nodes = list(tagger()(word))
    if len(nodes) != 1 or len(nodes[0].feature) <= 7:
        return None
    pos, subs = nodes[0].feature[0], nodes[0].feature[1:3]
    if pos not in _CONTENT_POS or not _GRAMMAR_SUB.isdisjoint(subs):
        return None
    return pos, nodes[0].feature[7].partition("-")[0]
