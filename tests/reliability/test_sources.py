"""Failure families 2 and 3: sources that escape the data folder, and sources too big or
garbled to index. Each case ends in exit 3 with a one-line message naming file (and line),
never a traceback, a crash of the tokenizer or gigabytes of memory."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from indexer.ingest import limits

FIRST_SOURCE = re.compile(r'file = "001_744f217aed3c4039\.txt"')


def point_first_source(data: Path, file: str) -> None:
    manifest = data / "documents.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(FIRST_SOURCE.sub(f"file = {file!r}".replace("'", '"'), text), "utf-8")


@pytest.mark.parametrize(
    "file",
    ["/etc/passwd", "../../../../etc/passwd", "sub/../../outside.txt", "escape.txt"],
    ids=["absolute", "dot-dot", "dot-dot-inside", "symlink"],
)
def test_sources_outside_the_data_folder_are_refused(cli, data, tmp_path, file):
    (tmp_path / "outside.txt").write_text("秘密\n", encoding="utf-8")
    (data / "escape.txt").symlink_to("/etc/passwd")
    point_first_source(data, file)
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 3
    assert "data folder" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ix" / "CURRENT").exists()


def test_oversized_file_is_refused_before_reading(cli, data, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 3
    assert "the limit is" in result.output and "per source file" in result.output


def random_han(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n))


def test_million_character_paragraph_of_random_cjk_is_refused_not_a_crash(cli, data, tmp_path):
    (data / "001_744f217aed3c4039.txt").write_text(random_han(1_000_000) + "\n", "utf-8")
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 3, result.output
    assert "001_744f217aed3c4039.txt:1: text looks garbled" in result.output


def test_random_gb2312_bytes_are_not_published_as_chinese(cli, data, tmp_path):
    rng = random.Random(7)
    raw = bytes(
        b for _ in range(20_000) for b in (rng.randint(0xB0, 0xD7), rng.randint(0xA1, 0xFE))
    )
    (data / "001_744f217aed3c4039.txt").write_bytes(raw)
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 3
    assert "garbled" in result.output


def test_long_repeated_paragraph_is_cut_at_sentence_ends_and_builds(cli, data, tmp_path):
    """A 10,000-character repeated paragraph, five times the cut length (100,000 once took
    5 GB in the gap learner; bench/bench_limits.py measures that one: 413 MB)."""
    src = data / "001_744f217aed3c4039.txt"
    lines = src.read_text(encoding="utf-8").splitlines()
    sentence = re.sub(r"^[\d一二三四五六七八九十（）()、.．\s]+", "", max(lines, key=len))
    long_line = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    src.write_text("\n".join([*lines, long_line]) + "\n", encoding="utf-8")
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 0, result.output
    clauses = next((tmp_path / "ix").glob("gen-*")) / "clauses.jsonl"
    longest = max(len(line) for line in clauses.read_text(encoding="utf-8").splitlines())
    assert longest < 4 * limits.MAX_PARAGRAPH_CHARS  # both sides plus the JSON around them


def test_cut_keeps_every_character_and_prefers_sentence_ends():
    from indexer.ingest.paragraphs import Paragraph

    text = "这是一个句子。" * 1000 + random_han(5000)
    pieces = limits.cut(Paragraph(text, "zh", 3))
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= limits.MAX_PARAGRAPH_CHARS for p in pieces)
    assert pieces[0].text.endswith("。") and all(p.line == 3 for p in pieces)


def test_non_utf8_curated_glossary_is_bad_data(cli, data, tmp_path):
    (data / "glossary.tsv").write_bytes("跨境\tクロスボーダー\n".encode("shift_jis", "replace"))
    result = cli("build", "--data", data, "--index", tmp_path / "ix")
    assert result.exit_code == 3
    assert "glossary.tsv: not UTF-8" in result.output
