"""Names and transcriptions: a katakana word and the Latin or Chinese word it spells.

A name is seen once or twice in a corpus, so no statistic links ジョンソン to Johnson or
イワノフ to 伊万诺夫, and no dictionary lists every name. Both sides spell the same
sounds, though: the katakana read as romaji (`romaji`), the Chinese read as pinyin
(`pypinyin`, MIT) and a Latin word as written come close once each is reduced to a rough
common spelling (`skeleton`: l and r alike, v and w alike — 卡瓦诺 and カヴァノー for
Kavanaugh — doubled letters once). Two
words whose skeletons match closely — with and without their vowels, since Japanese adds
vowels a name does not have (Smith, スミス) — give evidence T. A katakana word whose
English origin in UniDic (ジョンソン-Johnson) is the Latin word itself gives N, as sure as
the same word on both sides.

Only words of four or more skeleton letters on both sides are compared: shorter ones
sound alike by chance (他们, タメ).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from analyzers.loanwords import loan_origin
from indexer.links.pair_words import PairTokens

Cell = tuple[int, int]
Runs = tuple[tuple[int, int, str], ...]

MIN_SIMILAR = 0.8  # mean of the two skeleton ratios above which two spellings are one name
MIN_LETTERS = 4  # skeletons shorter than this are not compared
MAX_CHARS = 8  # Chinese runs longer than this are phrases, not names
_KANA = (
    "ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ si ス su セ se ソ so "
    "タ ta チ ci ツ cu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he "
    "ホ ho マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro "
    "ワ wa ヰ i ヱ e ヲ o ン n ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo "
    "ダ da ヂ ji ヅ zu デ de ド do バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe "
    "ポ po ヴ vu ァ a ィ i ゥ u ェ e ォ o ャ ya ュ yu ョ yo ヮ wa"
)
KANA = dict(zip(_KANA.split()[::2], _KANA.split()[1::2], strict=True))
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"[a-z]+")
# Spellings of one sound, in order: English first (Latin words only), then all.
_PINYIN = (("uo", "o"),)  # 诺 nuo is ノ
_ENGLISH = (("ough", "o"), ("augh", "o"), ("au", "o"), ("ee", "i"), ("oo", "u"), ("ck", "k"))
_COMMON = (
    ("ph", "f"), ("th", "s"), ("sh", "s"), ("zh", "j"), ("ch", "c"), ("ts", "c"), ("x", "s"),
    ("q", "c"), ("v", "w"), ("l", "r"), ("w", "u"), ("y", "i"), ("ng", "n"), ("h", ""),
)  # fmt: skip


# Consonants one script voices and another does not, or writes with another letter: pinyin
# j and q spell what katakana writes キ or ジ (基里尔, キリル), z and c what it writes ザ or
# サ (以赛亚, イザヤ); voicing differs between transcriptions (迦拿, カナ).
_CLASSES = str.maketrans({"g": "k", "j": "k", "q": "k", "z": "s", "c": "s", "d": "t", "p": "b"})


def romaji(kana: str) -> str:
    """Katakana read as simple romaji (small kana join the sound before; ー and ッ drop).

    >>> romaji("ジョンソン"), romaji("イワノフ"), romaji("カヴァノー")
    ('jonson', 'iwanofu', 'kavano')
    """
    out: list[str] = []
    for ch in kana:
        if ch in "ャュョ" and out and out[-1].endswith("i") and len(out[-1]) > 1:
            head = out[-1][:-1]
            out[-1] = head + (KANA[ch][1:] if head in ("s", "c", "j") else KANA[ch])
        elif ch in "ァィゥェォ" and out and out[-1][-1:] in tuple("aiueo"):
            out[-1] = (out[-1][:-1] or out[-1]) + KANA[ch]
        elif ch in KANA:
            out.append(KANA[ch])
    return "".join(out)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A word reduced to a rough spelling that katakana, pinyin and Latin share.

    >>> skeleton("ジョンソン") == skeleton("Johnson"), skeleton("Kavanaugh")
    (True, 'kauano')
    """
    if _KATAKANA.fullmatch(word):
        s, rules = romaji(word), _COMMON
    elif _HAN.fullmatch(word):
        s, rules = _pinyin(word), _PINYIN + _COMMON
    else:
        s, rules = "".join(_LATIN.findall(word.lower())), _ENGLISH + _COMMON
        s = re.sub(r"c(?=[aoukrl]|$)", "k", s)  # Cana, カナ; Clark, クラーク
        s = s[:-1] + "f" if s.endswith("v") else s  # Ivanov, イワノフ
    for a, b in rules:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s.translate(_CLASSES))


def _pinyin(word: str) -> str:
    return "".join(map(_char_pinyin, word))


@lru_cache(maxsize=16384)
def _char_pinyin(char: str) -> str:
    """One character's usual reading (per character: a name's characters are read alone,
    and a per-character cache makes a corpus's runs cost a lookup each)."""
    from pypinyin import lazy_pinyin  # build time only; loads its tables on first use

    return lazy_pinyin(char, v_to_u=True)[0].replace("ü", "u")


@lru_cache(maxsize=65536)
def _shape(word: str) -> tuple[str, str]:
    """(skeleton, its consonants)."""
    x = skeleton(word)
    return x, re.sub("[aeiou]", "", x)


@lru_cache(maxsize=262144)
def similarity(a: str, b: str) -> float:
    """How alike two words sound (0–1): the skeletons compared with and without vowels.

    >>> similarity("伊万诺夫", "イワノフ") >= MIN_SIMILAR, similarity("数据", "データ")
    (True, 0.0)
    """
    (x, cx), (y, cy) = _shape(a), _shape(b)
    if min(len(x), len(y)) < MIN_LETTERS or not 0.5 <= len(x) / len(y) <= 2:
        return 0.0
    if cx[:1] != cy[:1]:  # names keep their first consonant (Obama, 奥巴马: b)
        return 0.0
    return (SequenceMatcher(None, x, y).ratio() + SequenceMatcher(None, cx, cy).ratio()) / 2


def name_cells(
    p: PairTokens, zr: Runs, jr: Runs, glosses: Callable[[str], frozenset[str]]
) -> Iterator[tuple[Cell, str]]:
    """Cells joining each katakana run of the Japanese side to the Chinese run (Han or
    Latin) that spells it best, the best pairs first and each word once: N where the
    katakana word's origin is the Latin word, T where they sound alike.

    A Chinese word the dictionary glosses (`glosses`: folded word → English words) is a
    transcription only when one of its glosses sounds like the katakana too (以赛亚,
    "Isaiah", イザヤ): 投资 "invest" sounds like ドイツ by chance."""
    if not _KATAKANA.search(p.ja.text):
        return  # (most pairs: no katakana run to look at)
    ja = p.ja
    # A run of touching words is katakana whole when each of its words is.
    kata = [bool(_KATAKANA.fullmatch(ja.text[a:b])) for a, b in ja.spans]
    kana = [
        (c, d, ja.text[ja.spans[c][0] : ja.spans[d - 1][1]]) for c, d, _ in jr if all(kata[c:d])
    ]
    if not kana:
        return
    # Each Chinese run's spellings (Latin; Han, trimmed when one word) by the first
    # consonant of their skeleton: a katakana word is compared only with the runs that
    # share its first (`similarity` is 0 otherwise), not with every run of the pair, so
    # only the runs sharing one with a katakana word of the pair are kept.
    wanted = {_shape(s)[1][:1] for _, _, s in kana}
    text, spans, function = p.zh.text, p.zh.spans, p.zh.function
    candidates: list[tuple[int, int, str, bool, tuple[tuple[str, str], ...]]] = []
    by_consonant: dict[str, set[int]] = {}
    latins: set[int] = set()  # Latin runs are compared with every katakana word
    for a, b, z in zr:
        if any(function[a:b]):
            continue
        spelt = _spellings(text[spans[a][0] : spans[b - 1][1]], z, b - a == 1)
        if spelt is None:
            continue
        latin, runs, firsts = spelt
        if latin:
            latins.add(len(candidates))
        elif wanted.isdisjoint(firsts):
            continue
        for first in firsts:
            by_consonant.setdefault(first, set()).add(len(candidates))
        candidates.append((a, b, z, latin, runs))
    found = []
    for c, d, s in kana:
        origin = loan_origin(s)
        near = by_consonant.get(_shape(s)[1][:1], set())
        for i in near | latins if latins else near:  # (`found` is sorted whole below)
            a, b, z, latin, runs = candidates[i]
            if latin:
                score = 2.0 if z == origin else similarity(z, s) if i in near else 0.0
            elif i in near:
                score = max(_as_name(x, y, s, glosses) for x, y in runs)
            else:
                continue
            if score >= MIN_SIMILAR:
                found.append((score, d - c + b - a, a, b, c, d))
    zh_done: set[int] = set()
    ja_done: set[int] = set()
    for score, _, a, b, c, d in sorted(found, reverse=True):
        if zh_done.isdisjoint(range(a, b)) and ja_done.isdisjoint(range(c, d)):
            zh_done.update(range(a, b))
            ja_done.update(range(c, d))
            code = "N" if score > 1 else "T"
            yield from [((i, k), code) for i in range(a, b) for k in range(c, d)]


@lru_cache(maxsize=262144)
def _spellings(
    surface: str, z: str, one_word: bool
) -> tuple[bool, tuple[tuple[str, str], ...], tuple[str, ...]] | None:
    """(Latin?, the spellings compared as (surface, folded), the first consonant of each
    one's skeleton) of a Chinese run (`surface`, folded `z`), or None when it is no name:
    neither Latin nor Han, or Han longer than `MAX_CHARS` (a phrase). A single word may
    be a name glued to its neighbour (`_trimmed`)."""
    latin = bool(_LATIN.fullmatch(z))
    if latin:
        runs: tuple[tuple[str, str], ...] = ((z, z),)
    elif len(z) <= MAX_CHARS and _HAN.fullmatch(surface):
        runs = (
            tuple(zip(_trimmed(surface), _trimmed(z), strict=True)) if one_word else ((surface, z),)
        )
    else:
        return None
    return latin, runs, tuple(_shape(x)[1][:1] for x, _ in runs)


def _as_name(surface: str, z: str, kana: str, glosses: Callable[[str], frozenset[str]]) -> float:
    """How alike a Chinese run (`surface`, folded `z`) and a katakana word sound, 0 when the
    dictionary glosses the run and no gloss sounds like the katakana (see `name_cells`)."""
    score = similarity(surface, kana)
    if score >= MIN_SIMILAR and (known := glosses(z)) and not _spelled(known, kana):
        return 0.0
    return score


def _trimmed(surface: str) -> tuple[str, ...]:
    """A Chinese word, and without its last or first character when it has three or more:
    jieba glues a name it does not know to the word beside it (迦拿行, 迦拿 "Cana" and 行
    "go"), and the whole word then spells more than the katakana does. (A run of several
    words is not trimmed: its words are runs of their own.)

    >>> _trimmed("迦拿行"), _trimmed("迦拿")
    (('迦拿行', '迦拿', '拿行'), ('迦拿',))
    """
    return (surface, surface[:-1], surface[1:]) if len(surface) >= 3 else (surface,)


def _spelled(glosses: frozenset[str], kana: str) -> bool:
    """Whether an English gloss of a word sounds like the katakana (a name's gloss)."""
    return any(similarity(g, kana) >= MIN_SIMILAR for g in glosses)
