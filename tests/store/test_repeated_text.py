"""A clause text repeated in many clause pairs is analysed once per writing process; the
index (every term's postings, positions, field lengths) is the one analysing each gave."""

from __future__ import annotations

import numpy as np

from engine import SearchRequest
from indexer.index import segment_writer
from storage import arrays
from storage import postings_file as postings
from storage.generations import current_generation

PAIRS = [
    (
        "第一条 为了规范跨境数据流动，制定本办法。",
        "第1条 越境データの流れを規範化するため、本弁法を制定する。",
    ),
    ("本办法自公布之日起施行。", "本弁法は公布の日から施行する。"),
    (
        "第二条 数据处理者应当履行保护义务。",
        "第2条 データ処理者は保護義務を履行しなければならない。",
    ),
] * 4 + [("本办法自公布之日起施行。", "本規定は公布の日から施行する。")]


def built(tiny_engine, tmp_path):
    """The engine over PAIRS and its generation's posting arrays (copied)."""
    engine = tiny_engine(PAIRS)
    gen = current_generation(tmp_path / "tiny-index")
    return engine, {k: np.array(v) for k, v in arrays.load(gen / postings.FILE).items()}


def test_repeated_texts_index_as_if_each_were_analysed(tiny_engine, tmp_path, monkeypatch):
    engine, remembered = built(tiny_engine, tmp_path)
    assert engine.search(SearchRequest("施行", limit=50)).total == 5  # each copy, the variant
    monkeypatch.setattr(segment_writer, "TEXT_FIELDS", ())  # nothing remembered
    _, plain = built(tiny_engine, tmp_path)
    assert remembered.keys() == plain.keys()
    assert all(np.array_equal(remembered[k], plain[k]) for k in plain)
