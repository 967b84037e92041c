"""Bad input gives a clear IngestError; a failed build never replaces the last good output."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import IngestError
from indexer.ingest.corpus import build_corpus
from indexer.ingest.report import format_report

MANIFEST = """\
[[document]]
id = "t-1"
number = "国函〔2020〕9号"
issuer = {{ zh = "国务院", ja = "国務院" }}
title = {{ zh = "测试", ja = "テスト" }}

[[document.source]]
file = "{file}"
format = "{format}"
languages = {languages}
"""

PAGES_OK = """\
一、第一点内容。

一、第一点の内容である。

二、第二点内容。

二、第二点の内容である。
"""


def make_dir(tmp: Path, text: str, fmt: str = "bilingual-pages", langs: str = '["zh", "ja"]'):
    (tmp / "doc.txt").write_text(text, encoding="utf-8")
    manifest = MANIFEST.format(file="doc.txt", format=fmt, languages=langs)
    (tmp / "documents.toml").write_text(manifest, encoding="utf-8")
    return tmp


def test_small_document_builds(tmp_path: Path) -> None:
    c = build_corpus(make_dir(tmp_path, PAGES_OK))
    assert [(x.zh, x.ja) for x in c.clauses] == [
        ("第一点内容。", "第一点の内容である。"),
        ("第二点内容。", "第二点の内容である。"),
    ]
    assert [x.id for x in c.clauses] == ["t-1.l.1.1", "t-1.l.2.1"]
    assert "aligned pairs: 2" in format_report(c)


def test_missing_file_in_manifest(tmp_path: Path) -> None:
    make_dir(tmp_path, PAGES_OK)
    (tmp_path / "doc.txt").unlink()
    with pytest.raises(IngestError, match=r"file not found: .*doc\.txt"):
        build_corpus(tmp_path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="manifest not found"):
        build_corpus(tmp_path)


def test_no_japanese_source_in_manifest(tmp_path: Path) -> None:
    make_dir(tmp_path, "一、内容。\n", fmt="plain", langs='["zh"]')
    with pytest.raises(IngestError, match="no source gives the ja side"):
        build_corpus(tmp_path)


def test_no_japanese_text_in_bilingual_source(tmp_path: Path) -> None:
    make_dir(tmp_path, "一、第一点内容。\n\n二、第二点内容。\n")
    with pytest.raises(
        IngestError,
        match=r"doc\.txt: expected Chinese and Japanese .*found 2 Chinese .*no Japanese text",
    ):
        build_corpus(tmp_path)


def test_empty_source_file(tmp_path: Path) -> None:
    make_dir(tmp_path, "")
    with pytest.raises(IngestError, match=r"doc\.txt: file is empty"):
        build_corpus(tmp_path)


def test_heading_numbers_out_of_sequence(tmp_path: Path) -> None:
    bad = PAGES_OK.replace("二、第二点の", "三、第二点の")
    with pytest.raises(IngestError, match=r"ja heading 三 follows 1 .*out of sequence"):
        build_corpus(make_dir(tmp_path, bad))


def test_heading_missing_in_one_language_is_reported_unaligned(tmp_path: Path) -> None:
    text = PAGES_OK + "\n三、第三点内容。\n"
    c = build_corpus(make_dir(tmp_path, text))
    (unaligned,) = c.reports[0].unaligned
    assert unaligned.reason == "point 三、 has no Japanese text"
    assert unaligned.text == "第三点内容。"
    assert "point 三、 has no Japanese text" in format_report(c)
