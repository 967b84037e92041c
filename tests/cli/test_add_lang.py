"""`taiyaku add --lang`: the user states the languages; detection judges a file as a whole."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from search_app.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
ZH = "个人信息保护\n\n为了保护个人信息权益，制定本法。\n\n自然人的个人信息受法律保护。\n"
# a Japanese page that is mostly a quoted Chinese law: detection calls it Chinese
JA_QUOTING = (
    "個人情報保護\n\n以下は原文である。\n\n为了保护个人信息权益，规范个人信息处理活动，"
    "促进个人信息合理利用，根据宪法，制定本法。\n\n自然人的个人信息受法律保护，"
    "任何组织、个人不得侵害自然人的个人信息权益。\n"
)
JA_WITH_KANJI_HEADING = (
    "内容\n\n個人情報の権利を保護するため、この法律を制定する。\n\n"
    "自然人の個人情報は法律により保護される。\n"
)


def invoke(env: dict[str, str], *args: str):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"TAIYAKU_DATA_DIR": str(tmp_path / "data"), "TAIYAKU_INDEX_DIR": str(tmp_path / "ix")}


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def manifest(env: dict[str, str]) -> dict:
    return tomllib.loads((Path(env["TAIYAKU_DATA_DIR"]) / "documents.toml").read_text("utf-8"))


def test_an_all_kanji_heading_does_not_make_a_japanese_file_chinese(env, tmp_path) -> None:
    zh, ja = write(tmp_path, "a.zh.txt", ZH), write(tmp_path, "a.ja.txt", JA_WITH_KANJI_HEADING)
    result = invoke(env, "add", zh, ja)
    assert result.exit_code == 0, result.output
    assert "a.ja.txt: plain, Japanese, 3 paragraphs" in result.output
    assert "langs" not in manifest(env)["document"][0]


def test_a_file_mostly_in_the_other_language_needs_lang(env, tmp_path) -> None:
    zh, ja = write(tmp_path, "b.zh.txt", ZH), write(tmp_path, "b.ja.txt", JA_QUOTING)
    refused = invoke(env, "add", zh, ja)
    assert refused.exit_code == 3
    assert "expected one Chinese and one Japanese file" in refused.output


@pytest.mark.parametrize("given", [["--lang", "zh,ja"], ["--lang", "zh", "--lang", "日本語"]])
def test_stated_languages_are_kept_in_the_manifest_and_honoured_by_build(
    env, tmp_path, given: list[str]
) -> None:
    zh, ja = write(tmp_path, "c.zh.txt", ZH), write(tmp_path, "c.ja.txt", JA_QUOTING)
    added = invoke(env, "add", zh, ja, *given)
    assert added.exit_code == 0, added.output
    assert "c.ja.txt: plain, Japanese (stated)" in added.output
    entry = manifest(env)["document"][0]
    assert entry["langs"] == ["zh", "ja"]
    assert [s["languages"] for s in entry["source"]] == [["zh"], ["ja"]]
    built = invoke(env, "build")
    assert built.exit_code == 0, built.output


def test_a_stated_japanese_file_that_is_chinese_is_refused_at_build_without_langs(
    env, tmp_path
) -> None:
    zh, ja = write(tmp_path, "d.zh.txt", ZH), write(tmp_path, "d.ja.txt", JA_QUOTING)
    assert invoke(env, "add", zh, ja, "--lang", "zh,ja").exit_code == 0
    path = Path(env["TAIYAKU_DATA_DIR"]) / "documents.toml"
    manifest = tomllib.loads(path.read_text("utf-8"))
    del manifest["document"][0]["langs"]  # as if the languages had never been stated
    path.write_text(tomli_w.dumps(manifest), "utf-8")
    built = invoke(env, "build")
    assert built.exit_code == 3
    assert "mostly Chinese" in built.output and "--lang ja" in built.output


@pytest.mark.parametrize(
    ("given", "code", "message"),
    [
        (["--lang", "fr"], 2, "unknown language 'fr'"),
        (["--lang", "zh,zh"], 3, "give zh and ja, once each"),
        (["--lang", "zh"], 3, "give zh and ja, once each"),
    ],
)
def test_bad_lang_values_are_refused(env, tmp_path, given, code: int, message: str) -> None:
    zh, ja = write(tmp_path, "e.zh.txt", ZH), write(tmp_path, "e.ja.txt", JA_WITH_KANJI_HEADING)
    result = invoke(env, "add", zh, ja, *given)
    assert result.exit_code == code
    assert message in result.output
    assert not (Path(env["TAIYAKU_DATA_DIR"]) / "documents.toml").exists()


def test_the_report_of_a_pre_aligned_source_has_no_ratio_and_no_confidence_list(env) -> None:
    result = invoke(env, "add", str(FIXTURES / "memory.tmx"), "--build")
    assert result.exit_code == 0, result.output
    assert "pairs as given by the source" in result.output
    assert "length ratio" not in result.output and "lowest-confidence" not in result.output


def test_the_report_speaks_about_the_document_at_hand(env, tmp_path) -> None:
    zh = write(tmp_path, "f.zh.txt", ZH + "\n这一句没有日文翻译。\n")
    ja = write(tmp_path, "f.ja.txt", JA_WITH_KANJI_HEADING)
    result = invoke(env, "add", zh, ja, "--build")
    assert result.exit_code == 0, result.output
    assert "no Japanese counterpart found" in result.output
    assert "reply letter" not in result.output
