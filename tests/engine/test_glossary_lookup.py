"""The glossary as users reach it: a term's renderings, or the whole termbase, both from
the word links that mark counterparts (so the glossary and the term panel agree)."""

from __future__ import annotations


def test_term_lookup_gives_the_rendering_with_evidence(api):
    body = api.get("/api/glossary", query_string={"q": "跨境"}).get_json()
    top = body["entries"][0]
    assert (top["target"], top["target_lang"], top["origin"]) == ("クロスボーダー", "ja", "links")
    assert top["count"] >= 2 and top["examples"]


def test_japanese_and_traditional_spellings_reach_the_same_entries(api):
    ja = api.get("/api/glossary", query_string={"q": "クロスボーダー"}).get_json()["entries"]
    assert ja[0]["target"] == "跨境"


def test_empty_query_browses_learned_renderings_most_frequent_first(api):
    entries = api.get("/api/glossary", query_string={"q": ""}).get_json()["entries"]
    assert entries and all(e["origin"] == "links" for e in entries)
    zh = [e["count"] for e in entries if e["source_lang"] == "zh"]
    assert zh == sorted(zh, reverse=True)
    assert any(e["source"] == "跨境" and e["target"] == "クロスボーダー" for e in entries)


def test_lookup_counts_are_the_term_panel_counts(api):
    panel = api.get("/api/search", query_string={"q": "跨境", "limit": 1}).get_json()
    entries = api.get("/api/glossary", query_string={"q": "跨境"}).get_json()["entries"]
    listed = {(e["target"], e["count"]) for e in entries if e["origin"] == "links"}
    assert listed == {(r["text"], r["count"]) for r in panel["query"]["renderings"]}


def test_browsing_lists_no_junk(api):
    """No word mapped to itself, no function-word fragment, nothing across punctuation."""
    from analyzers.folding import fold

    entries = api.get("/api/glossary", query_string={"q": ""}).get_json()["entries"]
    for e in entries:
        assert fold(e["source"]) != fold(e["target"]), e
        for text in (e["source"], e["target"]):
            assert not set(text) & set("，、。；：！？「」《》（）"), e
            assert not ("\u3041" <= text[0] <= "\u309f"), e  # not a clipped phrase (する必要)
        assert e["count"] >= 2


def test_a_browsed_count_is_its_term_page_count(api):
    """The list and the page each entry links to (`/glossary?q=SOURCE`) give one number."""
    entries = api.get("/api/glossary", query_string={"q": ""}).get_json()["entries"]
    assert entries
    for e in entries[:: max(1, len(entries) // 25)]:
        page = api.get("/api/glossary", query_string={"q": e["source"]}).get_json()["entries"]
        same = [
            x for x in page if (x["target"], x["target_lang"]) == (e["target"], e["target_lang"])
        ]
        assert same and same[0]["count"] == e["count"], (e, same)
