"""The API against its own OpenAPI document, by schemathesis (a bounded run in `make test`).

schemathesis generates requests from /api/openapi.json (valid and invalid parameters) and
checks every answer against the document: no 5xx, only declared status codes, bodies
that match their schema, and valid parameters not refused. The run is bounded by
`max_examples` per operation so `make test` stays quick; `bench/` holds no longer run.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

MAX_EXAMPLES = 40  # per operation: ~300 requests in all


def test_every_operation_answers_as_documented(real_app) -> None:
    """schemathesis's pytest plugin does not run under this pytest, so the operations are
    driven through its Python API: one Hypothesis run per operation of the document."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", real_app)
    tried, calls = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            case.call_and_validate()
            calls.append(case.path)

        check()
        tried += 1
    assert tried >= 6
    assert len(calls) >= 10 * tried  # generation was not starved (each operation ran cases)
