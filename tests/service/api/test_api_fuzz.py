"""Property-based fuzzing of the served API from its own OpenAPI schema: no 5xx, responses match the schema.

Each operation gets its own Hypothesis run (schemathesis strategies driven directly: its lazy pytest
fixture loader does not work with this pytest), all against one real server.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
import service_pipelines
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from service_http import ServiceFactory

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 25


def test_api_never_fails_with_a_server_error(make_service: ServiceFactory) -> None:
    # With API keys on, so the fuzzer's own authentication checks (no key, wrong key → 401) apply too.
    service = make_service(pipeline=service_pipelines.quick, api_keys="fuzz-key")
    schema = schemathesis.openapi.from_url(f"{service.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case: Any) -> None:
            # A URL can match the schema and still be refused by the URL policy (422): that is the
            # policy's job, so "schema-valid data must be accepted" does not hold for this API.
            case.call_and_validate(
                base_url=service.url,
                headers={"Authorization": "Bearer fuzz-key"},
                excluded_checks=[positive_data_acceptance],
            )

        check()
