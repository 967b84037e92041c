"""A monolingual file's language is the file's, not one line's; stating it overrules detection."""

from __future__ import annotations

import pytest

from indexer.errors import IngestError
from indexer.ingest.language import WrongLanguage, file_language
from indexer.ingest.paragraphs import Paragraph, ReadContext
from indexer.ingest.readers.plain import read_plain

JA_PAGE = """\
Kubernetesのコンポーネント
内容
コントロールプレーンはクラスターの全体的な決定を行います。
知识产权保护。
以下の設定を使います:
kubectl get pods --all-namespaces
これはJapanese quoting Englishの例です。
"""


def test_a_japanese_file_keeps_its_all_kanji_lines_and_quotes() -> None:
    paras = read_plain(JA_PAGE, ReadContext("page.ja.txt", ("ja",)))
    assert len(paras) == 7
    assert {p.lang for p in paras} == {"ja"}


def test_a_file_mostly_in_the_other_language_is_refused_with_the_way_to_state_it() -> None:
    zh = "这是中文的一段话。\n我们承诺以有助于建立开放的方式行事。\n日本語の文です。\n"
    with pytest.raises(WrongLanguage) as err:
        read_plain(zh, ReadContext("text.txt", ("ja",)))
    assert "mostly Chinese" in err.value.message
    assert "--lang ja" in err.value.message


def test_a_stated_language_is_never_overruled() -> None:
    zh = "这是中文的一段话。\n我们承诺以有助于建立开放的方式行事。\n"
    paras = read_plain(zh, ReadContext("text.txt", ("ja",), stated=True))
    assert {p.lang for p in paras} == {"ja"}


def test_the_file_language_weighs_text_not_lines() -> None:
    paras = [
        Paragraph(t, "", n) for n, t in enumerate(["概要", "背景", "これは長い日本語の文章です。"])
    ]
    assert file_language(paras)[0] == "ja"


def test_a_file_of_one_language_without_the_other_still_says_what_was_expected() -> None:
    with pytest.raises(IngestError):
        read_plain("\n\n", ReadContext("empty.txt", ("zh",)))
