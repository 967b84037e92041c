"""The aligner merges where one language splits a sentence, and skips what has no match."""

from __future__ import annotations

from indexer.ingest.sentence_align import align

RATIO = 1.6


def test_one_to_two_for_a_split_sentence() -> None:
    zh = ["建设国际人才全流程服务体系，推动国际人才社区建设。", "保障产业链用地。"]
    ja = [
        "国際人材の全プロセスサービス体系を構築する。",
        "国際人材コミュニティの構築を推進する。",
        "産業チェーン用地を保障する。",
    ]
    assert [(b.zh, b.ja) for b in align(zh, ja, RATIO)] == [((0,), (0, 1)), ((1,), (2,))]


def test_two_to_one_for_a_semicolon_list() -> None:
    zh = [
        "制定北京市公共数据管理办法；",
        "完善数据分类分级安全保护制度。",
        "推进知识产权保险试点。",
    ]
    ja = [
        "北京市公共データ管理弁法を制定し、データ分類等級安全保護制度を完備する。",
        "知的財産権保険試行を推進する。",
    ]
    beads = align(zh, ja, RATIO)
    assert [(b.zh, b.ja, b.link) for b in beads] == [((0, 1), (0,), "2-1"), ((2,), (1,), "1-1")]
    assert all(0 <= b.confidence <= 1 for b in beads)


def test_empty_side_gives_skips_not_a_crash() -> None:
    beads = align(["只有中文。"], [], RATIO)
    assert [(b.zh, b.ja, b.link, b.confidence) for b in beads] == [((0,), (), "1-0", 0.0)]


def test_swapped_neighbours_are_paired_across() -> None:
    zh = [
        "加强知识产权保护。",
        "完善统计监测体系，定期发布发展报告。",
        "推动人工智能在跨境电商领域的应用。",
        "本方案自发布之日起施行。",
    ]
    ja = [
        "知的財産権の保護を強化する。",
        "越境EC分野における人工知能の応用を推進する。",
        "統計モニタリング体系を整備し、発展報告を定期的に公表する。",
        "本方案は公布の日から施行する。",
    ]
    pairs = {(b.zh, b.ja) for b in align(zh, ja, RATIO)}
    assert pairs == {((0,), (0,)), ((1,), (2,)), ((2,), (1,)), ((3,), (3,))}
