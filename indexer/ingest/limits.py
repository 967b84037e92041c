"""Limits on source data: file size, paragraph length, and a check that text is not mojibake.

Each limit answers a measured failure: a 50 MB + 72 MB pair of files passed 10 GB of memory
while still ingesting; a 1,000,000-character paragraph crashed MeCab (segmentation fault);
a 100,000-character paragraph made the glossary learners quadratic; 40 KB of random bytes
in the GB2312 range decoded "successfully" and was published as a Chinese clause.
Long paragraphs are not refused: they are cut at sentence ends (a real document may lack
line breaks), so nothing longer than `MAX_PARAGRAPH_CHARS` reaches alignment or a tokenizer;
pre-aligned units (TMX, XLIFF, tables) are cut the same way (one 66,000-character CSV cell
wedged every later build in the link repair, which is quadratic in a clause's length).
A source is read through `read_source`: its size is checked by `stat` before a byte is
read, and the read itself stops past the limit (a sparse 1.5 GB file reached 7.6 GB).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from indexer.errors import IngestError
from indexer.ingest.paragraphs import Paragraph
from indexer.ingest.units import Unit

MAX_FILE_BYTES = 16 * 1024 * 1024  # the seed documents are 40-90 KB; a long law is ~2 MB
MB = 1024 * 1024  # sizes are shown in binary megabytes, as the limit is set
MAX_PARAGRAPH_CHARS = 2000  # longer paragraphs are cut at sentence ends
MIN_CHECKED_CJK = 30  # paragraphs with fewer CJK characters are too short to judge
MIN_COMMON_SHARE = 0.35  # real text: 0.69-0.95 per paragraph; random GB2312/CJK: 0.02-0.09

# The 600 most frequent Han characters of jieba's dictionary (frequency-weighted). In real
# Chinese or Japanese prose most CJK characters are kana or among these; in mojibake or
# random bytes almost none are.
COMMON_HAN = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之"
    "对得主长可过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定"
    "开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将"
    "员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向"
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科"
    "金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活"
    "几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五京河接条规式县白它改风光运信受"
    "什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增"
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英"
    "克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃"
    "观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早"
    "况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚"
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环"
    "案批切斗富乡另倒若按查故突责严"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?\n])")


def check_size(path: Path) -> None:
    """Refuse a source file over `MAX_FILE_BYTES` before reading it."""
    _refuse_over(path, path.stat().st_size)


def _refuse_over(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise IngestError(
            f"{path}: {size / MB:.1f} MB; the limit is {MAX_FILE_BYTES // MB} MB "
            "per source file (split the document into several files)"
        )


def read_source(path: Path) -> bytes:
    """A source file's bytes: its size checked first, and never more than the limit read."""
    with path.open("rb") as fh:
        _refuse_over(path, os.fstat(fh.fileno()).st_size)
        data = fh.read(MAX_FILE_BYTES + 1)  # a file growing meanwhile is still cut off
    _refuse_over(path, len(data))
    return data


def common_share(text: str) -> tuple[float, int]:
    """(share of CJK characters that are kana or common Han, number of CJK characters)."""
    han = _HAN.findall(text)
    kana = len(_KANA.findall(text))
    n = len(han) + kana
    return (sum(c in COMMON_HAN for c in han) + kana) / max(1, n), n


def check_quality(p: Paragraph, name: str) -> None:
    """Refuse a paragraph that reads as mojibake or random bytes, naming file and line."""
    check_line(p.text, name, p.line)


def check_text(text: str, name: str) -> None:
    """Every line of a decoded text file checked before any reader interprets it."""
    for n, line in enumerate(text.split("\n"), 1):
        check_line(line, name, n)


def check_line(text: str, name: str, line: int) -> None:
    share, n = common_share(text)
    if n >= MIN_CHECKED_CJK and share < MIN_COMMON_SHARE:
        raise IngestError(
            f"{name}:{line}: text looks garbled (only {share:.0%} of its CJK characters "
            "are common ones): wrong encoding or not text? Fix or remove the file"
        )


def cut(p: Paragraph, limit: int = MAX_PARAGRAPH_CHARS) -> list[Paragraph]:
    """`p` as pieces of at most `limit` characters, cut at sentence ends where there are any."""
    if len(p.text) <= limit:
        return [p]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(p.text):
        while len(sentence) > limit:  # no sentence end within the limit: cut hard
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return [replace(p, text=t) for t in pieces if t.strip()]


def bounded(paragraphs: list[Paragraph], name: str) -> list[Paragraph]:
    """Every paragraph checked for mojibake and cut to the length limit."""
    out: list[Paragraph] = []
    for p in paragraphs:
        check_quality(p, name)
        out.extend(cut(p))
    return out


def cut_unit(unit: Unit, limit: int = MAX_PARAGRAPH_CHARS) -> list[Unit]:
    """A pre-aligned unit as consecutive units no side of which is over `limit` characters.

    Each side is cut like a paragraph; piece `i` of the longer side goes with the pieces of
    the other side that fall at the same share of its length, so the pairs stay in order
    (a piece with no partner becomes a one-sided unit, reported as unaligned)."""
    if len(unit.zh) <= limit and len(unit.ja) <= limit:
        return [unit]
    zh = [p.text for p in cut(Paragraph(unit.zh, "zh", 0), limit)] if unit.zh else []
    ja = [p.text for p in cut(Paragraph(unit.ja, "ja", 0), limit)] if unit.ja else []
    n = max(len(zh), len(ja))
    out = []
    for i in range(n):
        zh_part = "".join(zh[-(-i * len(zh) // n) : -(-(i + 1) * len(zh) // n)])
        ja_part = "".join(ja[-(-i * len(ja) // n) : -(-(i + 1) * len(ja) // n)])
        unit_id = f"{unit.unit_id}-{i + 1}" if unit.unit_id else ""
        out.append(replace(unit, zh=zh_part, ja=ja_part, unit_id=unit_id))
    return out
