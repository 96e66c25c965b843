"""Schemathesis drives every operation of the schema through the WSGI app (no network): generated
valid and invalid inputs, public and with a staff token, never a server error, and every answer
conforms to the schema (documented status, body shape)."""

import os
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from gongkai.applications.testing import make_application
from gongkai.catalogue.models import Status
from gongkai.catalogue.testing import make_entry
from gongkai.records.testing import make_decision

pytestmark = pytest.mark.django_db

# Small: the whole run stays well under a minute on the 2-core machine (12 operations × 2 modes).
EXAMPLES = int(os.environ.get("GONGKAI_API_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def seeded(world, token_of):
    make_entry(world.a, "关于义务教育学校招生入学工作的通知", status=Status.PUBLISHED, body="正文")
    make_entry(world.b, "示例县财政局预算公开", status=Status.PUBLISHED, category="A02")
    make_application(world.a, date(2026, 3, 2))
    make_decision(world.a)
    return {"Authorization": f"Bearer {token_of(world.supervisor)}"}


def _fuzz(operation, mode, headers):
    """A Hypothesis test of one operation in one generation mode."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    return run


def test_every_operation_survives_generated_input(seeded, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12
    for operation in operations:
        headers = seeded if "/staff/" in operation.path else None
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers)()
