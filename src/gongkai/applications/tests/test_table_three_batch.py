"""table_three_by_agency: one grouped query for many agencies, the same tables as one by one."""

import random
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency
from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021
from gongkai.applications.models import Application
from gongkai.applications.queries import table_three, table_three_by_agency
from gongkai.applications.rules import APPLICANT_TYPES, OUTCOME_KEYS
from gongkai.applications.testing import bare_application


def _random_applications(agencies, rng: random.Random, per_agency: int = 60) -> None:
    rows = []
    for agency in agencies:
        for i in range(per_agency):
            received = date(2023, 1, 1) + timedelta(days=rng.randrange(4 * 365))
            finished = received + timedelta(days=rng.randrange(0, 90)) if rng.random() < 0.7 else None
            state = rng.choice(["closed", "registered", "merged", "submitted"])
            rows.append(
                bare_application(
                    agency,
                    f"{agency.code}-{i}",
                    state=state,
                    applicant_type=rng.choice(sorted(APPLICANT_TYPES)),
                    received_on=None if state == "submitted" else received,
                    outcome=rng.choice(OUTCOME_KEYS) if finished else "",
                    finished_on=finished,
                )
            )
    Application.objects.bulk_create(rows)


def test_batch_equals_one_by_one(world):
    busy = [world.a, world.b, world.other_dept]
    _random_applications(busy, random.Random(7))
    agencies = [*busy, world.county]  # the county government has no applications
    for year in (2023, 2024, 2025, 2026):
        for layout in (LAYOUT_2021, LAYOUT_2019):
            with CaptureQueriesContext(connection) as queries:
                batch = table_three_by_agency(agencies, year, layout)
            assert len(queries) == 1  # one GROUP BY, whatever the number of agencies
            assert list(batch) == [a.pk for a in agencies]
            for agency in agencies:
                assert batch[agency.pk] == table_three(agency, year, layout), (agency.code, year)
    empty = table_three_by_agency([world.county], 2025)[world.county.pk]
    assert all(value == 0 for _row, _column, value in empty.items())  # complete, zeros
    assert table_three_by_agency([world.a], 2025)[world.a.pk].get("new_received", "total") > 0


def test_batch_accepts_a_queryset_and_pks(world):
    _random_applications([world.a, world.b], random.Random(11), per_agency=20)
    qs = Agency.objects.filter(pk__in=[world.a.pk, world.b.pk, world.office.pk])
    by_qs = table_three_by_agency(qs, 2025)
    by_pks = table_three_by_agency([world.a.pk, world.b.pk, world.office.pk], 2025)
    assert set(by_qs) == {world.a.pk, world.b.pk, world.office.pk}
    assert by_qs == by_pks
    assert by_qs[world.b.pk] == table_three(world.b, 2025)
    assert table_three_by_agency([], 2025) == {}


def test_large_agency_lists_are_chunked(world, monkeypatch):
    from gongkai.agencies import batch

    _random_applications([world.a, world.b, world.other_dept], random.Random(3), per_agency=15)
    agencies = [world.a, world.b, world.other_dept, world.county, world.office]
    monkeypatch.setattr(batch, "CHUNK", 2)
    with CaptureQueriesContext(connection) as queries:
        chunked = table_three_by_agency(agencies, 2025)
    assert len(queries) == 3
    monkeypatch.undo()
    assert chunked == table_three_by_agency(agencies, 2025)
