"""schemathesis against the read API's own OpenAPI description, through the WSGI app.

Positive cases (what the description allows) must get answers the description documents
(status, content type, headers, body schema); negative cases (what it forbids: wrong types,
out-of-range sizes, stray characters) must never get a 500. Examples are bounded and
derandomised so the run is repeatable and takes seconds.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = 40


@pytest.fixture
def api_schema(published, embargoed, draft):
    """The description as served, bound to the WSGI app. The app runs in this thread on the
    test's connection, so Django must not close it at the end of each request (the test client
    makes the same arrangement)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(strategy, check):
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        check(case)

    run()


def test_it_answers_as_its_openapi_description_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/ninjs/",
        "/api/ninjs/{story_id}/",
        "/api/ninjs/events/",
        "/api/ninjs/events/{event_id}/",
        "/api/ninjs/plans/",
        "/api/ninjs/plans/{plan_id}/",
    }
    # Every other check runs. Not "schema-valid data is accepted": a cursor is opaque (any
    # string fits its schema, only the ones we hand out mean something) and a slug that names
    # no section is a well-formed mistake; both are documented 400s.
    for operation in operations:
        _run(
            operation.as_strategy(),
            # Through WSGI nothing decompresses: ask for the body as it is (compression is
            # tested on its own, tests/caching/test_compression.py).
            lambda case: case.call_and_validate(
                headers={"Accept-Encoding": "identity"},
                excluded_checks=[positive_data_acceptance],
            ),
        )


def test_it_never_fails_with_a_500_on_what_the_description_forbids(api_schema):
    for result in api_schema.get_all_operations():
        strategy = result.ok().as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
        _run(strategy, lambda case: case.call_and_validate(checks=[not_a_server_error]))
