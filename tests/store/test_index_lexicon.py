"""The lexicon kept in `postings.bin` is Whoosh's, term for term and prefix for prefix.

Prefix expansion (`ja:ウェア*`, a Japanese run inside a word) and the suggestion
vocabulary read it instead of walking every segment's term dictionary; what a query
expands to must not depend on which of the two was read.
"""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from engine import SearchRequest
from storage.clause_views import FILE as VIEWS
from storage.clause_views import Views
from storage.generations import current_generation
from storage.postings_file import FILE, PostingsFile


def _whoosh_terms(reader, field: str) -> list[str]:
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]


def test_every_field_lists_the_terms_whoosh_has(seed_index: Path):
    gen = current_generation(seed_index)
    lists = PostingsFile(gen / FILE)
    with whoosh_index.open_dir(str(gen)).reader() as reader:
        for field in ("zh", "ja", "han", "id", "doc"):
            assert list(lists.lexicon(field)) == _whoosh_terms(reader, field), field
        assert not lists.lexicon("no_such_field")


def test_prefixes_expand_as_whoosh_expands_them(seed_index: Path):
    gen = current_generation(seed_index)
    lists = PostingsFile(gen / FILE)
    with whoosh_index.open_dir(str(gen)).reader() as reader:
        for field in ("zh", "ja", "han"):
            terms = _whoosh_terms(reader, field)
            # every first character, and every two-character start, of the field's terms
            prefixes = {t[:1] for t in terms} | {t[:2] for t in terms[::7]} | {"", "\uffff"}
            for prefix in sorted(prefixes):
                want = [
                    t.decode("utf-8") if isinstance(t, bytes) else t
                    for t in reader.expand_prefix(field, prefix)
                ]
                got = lists.lexicon(field).prefixed(prefix)
                assert got == want, (field, prefix)
                assert lists.lexicon(field).prefixed(prefix, 2) == want[:2]


def test_one_character_finds_every_clause_with_it(engine, seed_index: Path):
    """A one-character query is every n-gram starting with it: a prefix of the lexicon."""
    views = Views(current_generation(seed_index) / VIEWS)
    for char in ("ソ", "港", "境"):
        want = {
            views.get(n)["id"]
            for n in range(len(views))
            if char in views.get(n)["zh_text"] + views.get(n)["ja_text"]
        }
        res = engine.search(SearchRequest(char, limit=None))
        assert want and {h.id for h in res.hits} == want, char
