"""A learned glossary entry is used only with enough evidence, and shown for what it is.

The seed corpus learns 完善知识产权 → 完備する from two pairs: too little to expand a
search silently (a pair or two is what a paraphrase or an alignment slip also gives). It
is listed on the glossary page as "weak", never offered as a suggestion (the typo 知识产全
used to propose it), and searching it adds no Japanese equivalent.
"""

from __future__ import annotations

from engine.glossary_index import MIN_EVIDENCE, supported

WEAK = "完善知识产权"


def test_the_rule():
    learned = {"target": "x", "score": 0.9, "origin": "learned"}
    assert not supported({**learned, "count": MIN_EVIDENCE - 1})
    assert supported({**learned, "count": MIN_EVIDENCE})
    assert supported({**learned, "count": 1, "dictionary": True})
    assert supported({"target": "x", "count": 0, "score": 1.0, "origin": "curated"})
    assert not supported({"target": "x", "count": 9, "score": 1.0, "origin": "folding"})


def test_a_weak_entry_does_not_expand_the_search(api):
    body = api.get("/api/search", query_string={"q": WEAK, "lang": "zh"}).get_json()
    assert not [e for e in body["query"]["expansions"] if e["source"] == WEAK]
    assert body["query"]["terms"]["ja"] == []  # nothing in Japanese was searched for it


def test_a_weak_entry_is_shown_on_the_glossary_marked_as_weak(api, client):
    entries = api.get("/api/glossary", query_string={"q": WEAK}).get_json()["entries"]
    weak = [e for e in entries if e["origin"] == "weak"]
    assert weak and weak[0]["target"] == "完備する" and weak[0]["count"] < MIN_EVIDENCE
    html = client.get("/glossary", query_string={"q": WEAK, "ui": "en"}).get_data(as_text=True)
    assert "badge-weak" in html and "not used to expand searches" in html


def test_well_supported_entries_still_expand(api):
    body = api.get("/api/search", query_string={"q": "跨境", "lang": "zh"}).get_json()
    used = {e["target"] for e in body["query"]["expansions"]}
    assert "クロスボーダー" in used


def test_a_typo_is_not_corrected_to_a_weak_learned_phrase(api):
    body = api.get("/api/search", query_string={"q": "知识产全", "lang": "zh"}).get_json()
    offered = [s["text"] for s in body.get("suggestions", [])]
    assert WEAK not in offered, offered
