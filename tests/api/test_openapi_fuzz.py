"""schemathesis drives every operation of the OpenAPI description with generated requests (as a principal, as a
Sở official and anonymously): no server error, and every documented response matches its schema."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 15


def _run(key: str | None, schema, operations_seen: list):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

    headers = {"Authorization": f"Bearer {key}"} if key else {}
    for result in schema.get_all_operations():
        operation = result.ok()
        operations_seen.append(operation.label)

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(
                headers=headers,
                checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
            )

        check()


@pytest.mark.parametrize("who", ["principal", "official", None])
def test_every_operation_holds_to_its_openapi_description(world_with_plan, who):
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from truyenthong.api.services import api_token_issue
    from truyenthong.indicators.services import indicators_create_defaults

    w = world_with_plan
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    key = None
    if who:
        org = w.school if who == "principal" else w.department
        key = api_token_issue(actor=w.users[who], user=w.users[who], organisation=org, name="fuzz")[1]
    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
        seen: list = []
        _run(key, schema, seen)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert len(seen) >= 15
