"""Decode source bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 by their byte order
mark (Excel's "Unicode Text" export is UTF-16 with one), else GB18030 or CP932, else a
clear error.

GB18030 accepts most Shift-JIS byte streams (as rare hanzi) and CP932 accepts many GB
streams (as half-width katakana), so when UTF-8 fails we decode with both and keep the
reading made of ordinary characters instead of trusting the first that does not fail.
"""

from __future__ import annotations

import unicodedata

from analyzers.normalize import normalize
from indexer.errors import IngestError
from indexer.ingest.radicals import unradical

FALLBACKS = ("gb18030", "cp932")
# Byte order marks that name their encoding outright, longest first (UTF-32LE's begins
# with UTF-16LE's). A BOM is no guess: no UTF-8, GB18030 or CP932 text starts with one.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _typical(c: str) -> bool:
    """Whether a character is ordinary in Chinese/Japanese prose (not mojibake)."""
    o = ord(c)
    if o < 0x80:
        return c.isprintable() or c in "\n\t\r"
    if 0x3000 <= o <= 0x30FF or 0xFF01 <= o <= 0xFF5E:  # CJK punctuation, kana, full-width
        return True
    if 0x4E00 <= o <= 0x9FFF:
        return _common_han(c)
    return unicodedata.category(c)[0] in "LPN" and not 0xFF61 <= o <= 0xFF9F


def _common_han(c: str) -> bool:
    """Han characters of GB2312 or JIS X 0208, the everyday sets of both languages."""
    for enc in ("gb2312", "shift_jis"):
        try:
            c.encode(enc)
            return True
        except UnicodeEncodeError:
            continue
    return False


def _score(text: str) -> float:
    sample = text[:20000]
    return sum(map(_typical, sample)) / max(1, len(sample))


def decode(data: bytes, name: str) -> str:
    """Decode and normalise one source file; raise IngestError naming file and byte offset."""
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    marked = next((enc for bom, enc in BOMS if data.startswith(bom)), None)
    if marked:
        text = _decode_marked(data, name, marked)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as utf8_err:
            text = _decode_fallback(data, name, utf8_err)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}: file is empty")
    return clean(text)


# Bidirectional embedding/override/isolate controls: no Chinese or Japanese text needs
# them, and one printed as it came (U+202E) reverses what a terminal or page shows next.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def clean(text: str) -> str:
    """Normalise text from any source: NFKC (width, Kangxi radicals) and radical forms;
    bidirectional controls dropped."""
    return unradical(normalize(text)).translate(BIDI_CONTROLS)


def _decode_marked(data: bytes, name: str, encoding: str) -> str:
    """Bytes that begin with the byte order mark of `encoding` (which the codec reads and
    drops): a broken code unit is an error at its offset, not a guess at another encoding."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        label = encoding.upper()
        raise IngestError(
            f"{name}: cannot decode: it starts with a {label} byte order mark but is not"
            f" {label} at byte offset {err.start}"
        ) from None


def _decode_fallback(data: bytes, name: str, utf8_err: UnicodeDecodeError) -> str:
    candidates: list[tuple[float, int, str]] = []
    failures: list[str] = []
    for rank, enc in enumerate(FALLBACKS):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as err:
            failures.append(f"{enc.upper()} at byte {err.start}")
            continue
        candidates.append((_score(text), -rank, text))
    if not candidates:
        bad = data[utf8_err.start : utf8_err.start + 1].hex()
        raise IngestError(
            f"{name}: cannot decode: invalid UTF-8 at byte offset {utf8_err.start} "
            f"(0x{bad}); also not " + " or ".join(failures)
        )
    return max(candidates)[2]
