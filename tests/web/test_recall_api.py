"""Recall (#11) through `GET /api/search`: punctuation, sentence lookup, suggestions."""

from __future__ import annotations

import pytest

PUNCTUATED = [
    ("「知識産権」", "知識産権"),
    ("跨境，", "跨境"),
    ("（知识产权）", "知识产权"),
    ("知识产权。", "知识产权"),
    ("クロスボーダー。", "クロスボーダー"),
    ("\u3000数据\u00a0", "数据"),
    ("“数字贸易”", "数字贸易"),
]


def get(api, **params):
    r = api.get("/api/search", query_string={"limit": "all", **params})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@pytest.mark.parametrize(("typed", "bare"), PUNCTUATED, ids=[p[0] for p in PUNCTUATED])
def test_punctuation_around_a_term_changes_nothing(api, typed, bare):
    got, want = get(api, q=typed), get(api, q=bare)
    assert want["total"] > 0
    assert [h["id"] for h in got["hits"]] == [h["id"] for h in want["hits"]]
    assert got["query"]["expansions"] == want["query"]["expansions"]
    assert got["query"]["terms"] == want["query"]["terms"]


@pytest.mark.parametrize("piece", ["ウェア", "フォーム", "ボーダ"])
def test_part_of_a_katakana_word_finds_it_flagged_as_substring(api, piece):
    res = get(api, q=piece)
    assert res["total"] > 0
    for h in res["hits"]:
        assert piece in (h["ja"] or {}).get("text", "") + (h["zh"] or {}).get("text", "")
        ja = h["ja"]
        assert any(piece in ja["text"][m["start"] : m["end"]] for m in ja["marks"])
        assert h["match_kind"] in ("word", "substring")


@pytest.mark.parametrize(("side", "piece"), [("ja", "ウェア"), ("ja", "ボーダ"), ("zh", "识产")])
def test_a_piece_typed_for_one_side_is_found_on_that_side(api, side, piece):
    """`ja:ウェア` is a substring search on the Japanese side only (the n-gram layer holds
    both texts, so each candidate is checked on the side asked for)."""
    everywhere = get(api, q=piece)
    res = get(api, q=f"{side}:{piece}")
    want = [h["id"] for h in everywhere["hits"] if piece in (h[side] or {}).get("text", "")]
    assert res["total"] == len(want) > 0
    assert sorted(h["id"] for h in res["hits"]) == sorted(want)
    other = "zh" if side == "ja" else "ja"
    assert get(api, q=f"{other}:{piece}")["total"] == 0


def test_word_matches_rank_above_substring_matches(api):
    kinds = [h["match_kind"] for h in get(api, q="数据")["hits"]]
    assert "substring" not in kinds[: kinds.count("word")]


def test_sentence_lookup_reports_percentage_and_differing_spans(api):
    clause = get(api, q="服务业")["hits"][0]["zh"]["text"]
    edited = clause[:6] + clause[8:]  # two characters cut from the middle
    res = get(api, q=edited, mode="tm", limit="3")
    top = res["hits"][0]
    assert res["query"]["mode"] == "tm"
    assert top["zh"]["text"] == clause
    assert top["match_kind"] == "fuzzy" and 80 <= top["similarity"] < 100
    assert top["diff"] == {"zh": [[6, 8]]}
    assert res["query"]["renderings"] == []  # a sentence is looked up, not rendered
    exact = get(api, q=clause, limit="1")["hits"][0]
    assert (exact["match_kind"], exact["similarity"]) == ("exact", 100)


def test_differing_characters_are_drawn_on_the_page_and_in_html(api):
    """A new version of a sentence: the page boxes what the corpus clause has that the
    pasted text lacks, inside the text (and the API's `html` says the same)."""
    clause = get(api, q="服务业")["hits"][0]["zh"]["text"]
    edited = clause[:6] + clause[8:]
    top = get(api, q=edited, mode="tm", limit="1")["hits"][0]
    assert f'<ins class="tm-diff">{clause[6:8]}</ins>' in top["zh"]["html"]
    page = api.get("/", query_string={"q": edited, "mode": "tm"}).get_data(as_text=True)
    assert f'<ins class="tm-diff">{clause[6:8]}</ins>' in page
    assert 'class="tm-diff">differs from the pasted sentence' in page  # the legend says so
    plain = api.get("/", query_string={"q": "服务业"}).get_data(as_text=True)
    assert "tm-diff" not in plain


def test_zero_hits_suggest_spellings_the_corpus_uses(api):
    res = get(api, q="电子商务")
    assert res["total"] == 0
    offered = {s["text"]: s for s in res["suggestions"]}
    assert "电商" in offered
    # 电商 → 電子商取引 is learned from two pairs only: too little to be offered as a
    # correction (engine.glossary_index.supported) until a dictionary confirms it.
    assert "電子商取引" not in offered
    assert not [t for t in offered if t in "电子商务"]  # never a piece of the typed term
    assert all(
        s["hits"] > 0 and s["why"] in ("folding", "glossary", "spelling", "dictionary")
        for s in offered.values()
    )
    assert offered["电商"]["why"] == "dictionary"  # CC-CEDICT: both mean "e-commerce"
    assert get(api, q="跨境")["suggestions"] == []


def test_dictionary_variants_are_corpus_words_of_one_specific_sense():
    """The table a build keeps: a headword the corpus lacks → corpus words that share one
    of its senses whole; a sense many headwords share suggests nothing."""
    from indexer.links import variants
    from indexer.links.dictionary import _fold

    corpus = {_fold(w) for w in ("电商", "建设", "构建", "建立")}
    table = variants.build(corpus)
    assert _fold("电商") in table[_fold("电子商务")]
    assert all(set(ws) <= corpus for ws in table.values())
    assert not set(corpus) & set(table)  # only words the corpus lacks are keys


def test_bad_mode_is_a_400(api):
    assert api.get("/api/search?q=数据&mode=fast").status_code == 400
