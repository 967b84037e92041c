"""The glossary as users reach it: a term's equivalents, or the whole learned termbase."""

from __future__ import annotations


def test_term_lookup_gives_the_rendering_with_evidence(api):
    body = api.get("/api/glossary", query_string={"q": "跨境"}).get_json()
    top = body["entries"][0]
    assert (top["target"], top["target_lang"], top["origin"]) == ("クロスボーダー", "ja", "learned")
    assert top["count"] >= 2 and top["examples"]


def test_japanese_and_traditional_spellings_reach_the_same_entries(api):
    ja = api.get("/api/glossary", query_string={"q": "クロスボーダー"}).get_json()["entries"]
    assert ja[0]["target"] == "跨境"


def test_empty_query_browses_learned_renderings_most_frequent_first(api):
    entries = api.get("/api/glossary", query_string={"q": ""}).get_json()["entries"]
    assert entries and all(e["origin"] != "folding" for e in entries)
    zh = [e["count"] for e in entries if e["source_lang"] == "zh"]
    assert zh == sorted(zh, reverse=True)
    assert any(e["source"] == "跨境" and e["target"] == "クロスボーダー" for e in entries)
