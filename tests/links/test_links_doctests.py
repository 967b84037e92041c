"""The `>>>` examples of the knowledge modules and of the pair-table generator are tests."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest

import indexer.dictionaries.cedict
import indexer.links.confidence
import indexer.links.names
import indexer.links.omitted
import indexer.links.priors
import indexer.links.spans

SCRIPT = Path(__file__).parents[2] / "scripts" / "make_ja_pairs.py"


def _generator():
    spec = importlib.util.spec_from_file_location("make_ja_pairs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "module",
    [
        indexer.dictionaries.cedict,
        indexer.links.names,
        indexer.links.confidence,
        indexer.links.omitted,
        indexer.links.priors,
        indexer.links.spans,
    ],
    ids=lambda m: m.__name__,
)
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_generator_pairs_words_through_a_whole_sense_or_a_shared_first_sense():
    gen = _generator()
    zh = [(["海关"], {"customs"}, "customs"), (["风俗"], {"social custom"}, "social custom")]
    ja = [(["税関"], {"customs", "customs house"}, "customs"), (["本"], {"book"}, "book")]
    zh.append((["书"], {"book", "letter"}, "book"))
    found = gen.pairs(zh, ja)
    assert found == {("海关", "税関"): 1, ("书", "本"): 1}
    assert gen.sense("(n,vs) (1) to collide (with)") == "collide"
