"""The `>>>` examples in ingestion modules (radical repair, language codes) are tests too."""

from __future__ import annotations

import doctest

import pytest

import indexer.ingest.language
import indexer.ingest.radicals

MODULES = [indexer.ingest.language, indexer.ingest.radicals]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
