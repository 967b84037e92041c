"""The aligner's beads on translations that share few characters: one rule per test."""

from __future__ import annotations

from indexer.ingest.sentence_align import align
from indexer.ingest.similarity import evidence, identifiers, similarity, support

RATIO = 1.45


def links(zh: list[str], ja: list[str]) -> set[tuple[int, int]]:
    return {(i, j) for b in align(zh, ja, RATIO) for i in b.zh for j in b.ja}


def test_a_sentence_the_translation_splits_in_two_is_a_1_2_bead() -> None:
    zh = [
        "今天，维护者们发布了一批关键漏洞的修复补丁。",
        "目前有 40% 以上的管理员正在使用它，如果你是其中之一，请立即采取行动，保护你的用户和数据。",
        "这是一个非常严重的安全风险。",
    ]
    ja = [
        "本日、メンテナーは一連の重大な脆弱性に対するパッチをリリースしました。",
        "管理者の40%超が利用しています。",
        "もしあなたがそれに該当する場合は、ユーザーとデータを保護するために直ちに対応を行ってください。",
        "これは、非常に深刻な状況です。",
    ]
    assert links(zh, ja) == {(0, 0), (1, 1), (1, 2), (2, 3)}


def test_two_sentences_re_cut_into_two_are_a_2_2_bead() -> None:
    zh = [
        "这是第一件事情的说明。",
        "会议由北京市政府主办。",
        "上海市政府和天津市政府协办，共有三百人参加。",
        "本规定自发布之日起施行。",
    ]
    ja = [
        "これは最初の事柄の説明である。",
        "会議は北京市政府が主催し、上海市政府と天津市政府が協力した。",
        "参加者は三百人であった。",
        "本規定は公布の日から施行する。",
    ]
    beads = align(zh, ja, RATIO)
    assert [b.link for b in beads] == ["1-1", "2-2", "1-1"]


def test_neighbours_that_pair_one_to_one_stay_two_beads() -> None:
    zh = [
        "这是第一件事情的说明。",
        "加强知识产权保护。",
        "严厉打击侵犯商标专用权的行为。",
        "本规定自发布之日起施行。",
    ]
    ja = [
        "これは最初の事柄の説明である。",
        "知的財産権の保護を強化する。",
        "商標専用権を侵害する行為を厳しく取り締まる。",
        "本規定は公布の日から施行する。",
    ]
    assert [b.link for b in align(zh, ja, RATIO)] == ["1-1"] * 4


def test_list_items_written_as_one_sentence_merge_into_one_bead() -> None:
    zh = [
        "关于这些漏洞的信息，请参阅以下 GitHub Issue：",
        "- CVE-2025-24513",
        "- CVE-2025-24514",
        "- CVE-2025-1097",
        "- CVE-2025-1098",
    ]
    ja = ["各脆弱性の詳細については、以下のGitHub Issueをご参照ください: "
          "CVE-2025-24513、CVE-2025-24514、CVE-2025-1097、CVE-2025-1098。"]  # fmt: skip
    assert [b.link for b in align(zh, ja, RATIO)] == ["5-1"]


def test_a_sentence_with_no_counterpart_is_left_alone_not_glued() -> None:
    zh = [
        "鼓励金融机构为中小企业提供出口信用保险。",
        "优化海关通关流程。",
        "本方案自发布之日起施行。",
    ]
    ja = [
        "金融機関が中小企業に輸出信用保険を提供することを奨励する。",
        "本方案は公布の日から施行する。",
    ]
    assert links(zh, ja) == {(0, 0), (2, 1)}


def test_the_dictionary_reading_helps_katakana_translations_but_not_the_confidence() -> None:
    zh, ja = "保护你的用户和数据。", "ユーザーとデータを保護してください。"
    assert evidence(zh, ja, RATIO) > similarity(zh, ja, RATIO)


def test_a_merged_part_is_supported_by_its_own_identifiers_not_the_runs() -> None:
    part, other = "- CVE-2025-1097", "CVE-2025-24513、CVE-2025-1097をご参照ください。"
    assert support(part, other) >= 0.3
    assert support(part, "このブログ記事は2025年5月に改訂されました。") < 0.3
    words, ids = frozenset({"ingress", "nginx"}), frozenset({"ingress-nginx"})
    assert support("ingress-nginx 很受欢迎。", "ingress-nginxを削除する。", words, True, ids) < 0.3
    assert identifiers("v1.12.1 和 CVE-2025-1974") == {"v1.12.1", "cve-2025-1974"}
