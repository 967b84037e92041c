"""Encodings: UTF-8 with/without BOM, GB18030, CP932; empty and undecodable files."""

from __future__ import annotations

import pytest

from indexer.errors import IngestError
from indexer.ingest.decoding import decode

ZH = "附件\n一、总体要求\n（一）推进服务业扩大开放。深化改革。\n"
JA = "付属文書\n一、総体要求\n（一）サービス業の開放拡大を推進する。改革を深化させる。\n"

ENCODED = [
    ("UTF-8", ZH.encode("utf-8"), ZH),
    ("UTF-8 BOM", b"\xef\xbb\xbf" + ZH.encode("utf-8"), ZH),
    ("GB18030 中文", ZH.encode("gb18030"), ZH),
    ("CP932 日本語", JA.encode("cp932"), JA),
    ("CRLF", ZH.replace("\n", "\r\n").encode("utf-8"), ZH),
    ("UTF-16LE BOM (Excel Unicode Text)", ZH.encode("utf-16"), ZH),
    ("UTF-16BE BOM", b"\xfe\xff" + JA.encode("utf-16-be"), JA),
    ("UTF-32LE BOM", b"\xff\xfe\x00\x00" + JA.encode("utf-32-le"), JA),
]


@pytest.mark.parametrize(("data", "text"), [e[1:] for e in ENCODED], ids=[e[0] for e in ENCODED])
def test_decodes(data: bytes, text: str) -> None:
    assert decode(data, "x.txt") == text


def test_full_width_latin_is_normalised() -> None:
    assert decode("ＡＩ（试点）".encode(), "x.txt") == "AI（试点）"


@pytest.mark.parametrize(
    "data", [b"", b"  \n\n", b"\xef\xbb\xbf\n"], ids=["空", "空白", "BOM only"]
)
def test_empty_file(data: bytes) -> None:
    with pytest.raises(IngestError, match=r"x\.txt: file is empty"):
        decode(data, "x.txt")


def test_undecodable_names_file_and_offset() -> None:
    data = "正文".encode() + b"\xff\xfe\xff"
    with pytest.raises(IngestError) as err:
        decode(data, "data/bad.txt")
    assert "data/bad.txt" in err.value.message
    assert "byte offset 6" in err.value.message


def test_a_broken_utf16_file_names_its_byte_order_mark_and_offset() -> None:
    data = "正文".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(IngestError) as err:
        decode(b"\xff\xfe" + data, "data/bad.tsv")
    assert "UTF-16 byte order mark" in err.value.message
    assert "byte offset 6" in err.value.message
