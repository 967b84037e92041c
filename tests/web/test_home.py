"""The home page lists the documents, each a link to its aligned text."""

from __future__ import annotations


def test_home_lists_documents_with_links(client, engine):
    page = client.get("/").get_data(as_text=True)
    for d in engine.stats()["documents"]:
        assert f'href="/doc/{d["id"]}"' in page
        assert d["number"] in page
