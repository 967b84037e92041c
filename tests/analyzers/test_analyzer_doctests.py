"""The `>>>` examples in the analyzer modules are tests too."""

import doctest

import pytest

import analyzers.chinese
import analyzers.chunks
import analyzers.detect
import analyzers.folding
import analyzers.function_words
import analyzers.japanese
import analyzers.langs
import analyzers.normalize
import analyzers.scripts

MODULES = [
    analyzers.chinese,
    analyzers.chunks,
    analyzers.detect,
    analyzers.folding,
    analyzers.function_words,
    analyzers.japanese,
    analyzers.langs,
    analyzers.normalize,
    analyzers.scripts,
]


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
