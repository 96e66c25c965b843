"""table_two_by_agency and its parts: grouped queries for many agencies, the same as one by one."""

import random
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021
from gongkai.catalogue.models import DocType, Status, Validity
from gongkai.catalogue.testing import make_entry
from gongkai.records import queries
from gongkai.records.rules import Kind
from gongkai.records.testing import make_decision, make_fee, make_total


def _random_records(agencies, rng: random.Random) -> None:
    for agency in agencies:
        for _ in range(rng.randrange(5, 25)):
            make_decision(
                agency, rng.choice(list(Kind)), date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            )
        for year in (2023, 2024, 2025):
            for kind in Kind:
                if rng.random() < 0.3:  # a yearly total replaces the records of that kind and year
                    make_total(agency, year, kind, rng.randrange(0, 500))
            for i in range(rng.randrange(0, 4)):
                make_fee(agency, year, f"收费{i}", f"{rng.randrange(0, 99999)}.{rng.randrange(100):02d}")
        for _ in range(rng.randrange(2, 8)):
            made = date(2022, 1, 1) + timedelta(days=rng.randrange(4 * 365))
            repealed = rng.random() < 0.4
            make_entry(
                agency,
                "规范性文件",
                status=Status.PUBLISHED,
                doc_type=rng.choice([DocType.REGULATION, DocType.NORMATIVE]),
                created_date=made,
                validity=Validity.REPEALED if repealed else Validity.VALID,
                invalid_date=made + timedelta(days=rng.randrange(1, 500)) if repealed else None,
            )


def test_batch_equals_one_by_one(world):
    busy = [world.a, world.b, world.other_dept]
    _random_records(busy, random.Random(2024))
    agencies = [*busy, world.office]  # the office has no records at all
    for year in (2023, 2024, 2025):
        for layout in (LAYOUT_2021, LAYOUT_2019):
            with CaptureQueriesContext(connection) as captured:
                batch = queries.table_two_by_agency(agencies, year, layout)
            assert len(captured) == 4  # catalogue, decisions, yearly totals, fees: for all agencies
            assert list(batch) == [a.pk for a in agencies]
            for agency in agencies:
                assert batch[agency.pk] == queries.table_two(agency, year, layout), (agency.code, year)
        counts = queries.decision_counts_by_agency(agencies, year)
        fees = queries.fee_total_yuan_by_agency(agencies, year)
        for agency in agencies:
            assert counts[agency.pk] == queries.decision_counts(agency, year)
            assert fees[agency.pk] == queries.fee_total_yuan(agency, year)

    office = queries.table_two_by_agency([world.office], 2024)[world.office.pk]
    assert set(office) == {"art20_1", "art20_5", "art20_6", "art20_8"}
    assert all(v == 0 for table in office.values() for _r, _c, v in table.items())  # complete zeros
    assert queries.fee_total_yuan_by_agency([world.office], 2024)[world.office.pk] == queries.fee_total_yuan(
        world.office, 2024
    )


def test_yearly_total_of_one_agency_does_not_leak(world):
    make_decision(world.a, Kind.PENALTY, date(2024, 5, 1))
    make_decision(world.b, Kind.PENALTY, date(2024, 5, 1))
    make_decision(world.b, Kind.PENALTY, date(2024, 6, 1))
    make_total(world.a, 2024, Kind.PENALTY, 40)
    counts = queries.decision_counts_by_agency([world.a, world.b], 2024)
    assert counts[world.a.pk][Kind.PENALTY] == (40, "yearly_total")
    assert counts[world.b.pk][Kind.PENALTY] == (2, "records")
    assert counts[world.b.pk][Kind.LICENSING] == (0, "records")
