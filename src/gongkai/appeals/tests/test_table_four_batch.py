"""table_four_by_agency: one grouped query for many agencies, the same tables as one by one and as
the pure tally over the cases."""

import random
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021
from gongkai.appeals import queries, rules
from gongkai.appeals.rules import Kind, Scope
from gongkai.appeals.testing import make_appeal

from .test_table_four import _rows, _year_2024


def _random_cases(agencies, rng: random.Random, n: int = 30) -> None:
    for agency in agencies:
        for _ in range(n):
            kind = rng.choice(list(Kind))
            received = date(2022, 6, 1) + timedelta(days=rng.randrange(3 * 365))  # some carried over
            decided = received + timedelta(days=rng.randrange(0, 400))
            end = rng.random()
            co_defendant = kind == Kind.LITIGATION_AFTER and rng.random() < 0.4  # 201号
            if end < 0.3:
                make_appeal(agency, kind, received, review_body_co_defendant=co_defendant)
            elif end < 0.4:
                make_appeal(
                    agency,
                    kind,
                    received,
                    withdrawn=True,
                    decided_on=decided,
                    review_body_co_defendant=co_defendant,
                )
            else:
                decision = rng.choice(rules.decisions_for(kind)).code
                make_appeal(
                    agency,
                    kind,
                    received,
                    decision=decision,
                    decided_on=decided,
                    review_body_co_defendant=co_defendant,
                )


def test_batch_equals_one_by_one(world):
    busy = [world.a, world.b, world.other_dept]
    _random_cases(busy, random.Random(201))
    agencies = [*busy, world.office]  # no cases in the office
    for year in (2022, 2023, 2024, 2025):
        for scope in Scope:
            for layout in (LAYOUT_2021, LAYOUT_2019):
                with CaptureQueriesContext(connection) as captured:
                    batch = queries.table_four_by_agency(agencies, year, scope, layout)
                assert len(captured) == 1
                assert list(batch) == [a.pk for a in agencies]
                for agency in agencies:
                    single = queries.table_four(agency, year, scope, layout)
                    assert batch[agency.pk] == single, (agency.code, year, scope)
                    # and the grouped count is what the pure tally makes of the cases one by one
                    cases = queries.counted(agency, year, scope).values_list(
                        "kind", "stage", "decision", "decided_on"
                    )
                    assert single == queries.tally(cases, year, layout)
    office = queries.table_four_by_agency([world.office], 2024)[world.office.pk]
    assert all(v == 0 for _r, _c, v in office.items())
    assert any(queries.table_four_by_agency([world.a], 2024)[world.a.pk].get(k.value, "total") for k in Kind)


def test_hand_computed_year_in_a_batch(world):
    _year_2024(world.a, world.b)
    batch = queries.table_four_by_agency([world.b, world.a, world.county], 2024)
    assert _rows(batch[world.a.pk]) == {
        "reconsideration": [1, 3, 2, 2, 8],
        "litigation_direct": [1, 0, 1, 1, 3],
        "litigation_after_reconsideration": [0, 1, 1, 0, 2],  # the 201号 co-defendant cases left out
    }
    assert _rows(batch[world.b.pk])["reconsideration"] == [1, 0, 0, 0, 1]
    assert _rows(batch[world.county.pk])["reconsideration"] == [0, 0, 0, 0, 0]
    # carried over: decided in 2025, or still open
    assert _rows(queries.table_four_by_agency([world.a], 2025)[world.a.pk])["reconsideration"] == [
        1,
        0,
        0,
        2,
        3,
    ]
