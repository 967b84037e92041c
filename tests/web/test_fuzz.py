"""Whatever a user sends, the API answers 200 or a 4xx in the error shape, never a 500."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUERY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # lone surrogates can't be URL-encoded
    max_size=60,
) | st.sampled_from(['"', "*", "-", "OR", "NOT", "zh:", "item:", "跨境 OR", '"跨境', "財産*"])
PARAM = st.one_of(st.none(), st.text(max_size=8), st.integers(-5, 5000).map(str))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=QUERY, limit=PARAM, offset=PARAM, sort=PARAM, lang=PARAM, item=PARAM)
def test_search_never_fails_on_any_input(client, q, limit, offset, sort, lang, item):
    params = {"q": q, "limit": limit, "offset": offset, "sort": sort, "lang": lang, "item": item}
    r = client.get("/api/search", query_string={k: v for k, v in params.items() if v is not None})
    assert r.status_code in (200, 400), r.get_data(as_text=True)[:200]
    body = r.get_json()
    if r.status_code == 400:
        assert set(body["error"]) == {"code", "message"}
    else:
        assert body["total"] >= len(body["hits"])
    page = client.get("/", query_string={"q": q})
    assert page.status_code in (200, 400)
