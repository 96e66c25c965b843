"""article20_item1_counts: table 二 第二十条第（一）项 from the catalogue, hand-computed cases."""

from datetime import date

from gongkai.annual.layout import ACTIVE_2021
from gongkai.catalogue.models import DocType, Status, Validity
from gongkai.catalogue.queries import article20_item1_counts
from gongkai.catalogue.testing import make_entry

P = Status.PUBLISHED
REG, NORM = DocType.REGULATION, DocType.NORMATIVE


def _doc(agency, doc_type, made, validity=Validity.VALID, ended=None, status=P):
    return make_entry(
        agency,
        f"{doc_type} {made}",
        status=status,
        doc_type=doc_type,
        created_date=made,
        validity=validity,
        invalid_date=ended,
    )


def test_counts_across_years(world):
    a = world.a
    # 行政规范性文件
    _doc(a, NORM, date(2022, 6, 1))  # made 2022, still valid
    _doc(a, NORM, date(2023, 3, 1), Validity.REPEALED, date(2024, 7, 1))  # made 2023, repealed 2024
    _doc(a, NORM, date(2023, 9, 1), Validity.EXPIRED, date(2023, 12, 31))  # expired at end of 2023
    _doc(a, NORM, date(2024, 2, 1))  # made 2024
    _doc(a, NORM, date(2024, 5, 1), Validity.REPEALED, date(2025, 1, 15))  # made 2024, repealed 2025
    _doc(a, NORM, date(2024, 8, 1), Validity.REPEALED, date(2024, 11, 1))  # made and repealed 2024
    _doc(a, NORM, date(2024, 10, 1), status=Status.DRAFT)  # not published: not counted
    _doc(a, NORM, date(2024, 10, 2), status=Status.WITHDRAWN)  # withdrawn: not counted
    # 规章
    _doc(a, REG, date(2023, 4, 1))
    _doc(a, REG, date(2024, 4, 1), Validity.REPEALED, date(2026, 1, 1))
    # Other agencies and ordinary documents do not count.
    _doc(world.b, NORM, date(2024, 1, 1))
    make_entry(a, "普通文件", status=P, created_date=date(2024, 1, 1))

    assert article20_item1_counts(a, 2023) == {
        "regulations": {"made": 1, "repealed": 0, "valid": 1},
        # valid at 2023-12-31: the 2022 doc and the one repealed in 2024; the expired one ended that day
        "normative_docs": {"made": 2, "repealed": 0, "valid": 2},
    }
    assert article20_item1_counts(a, 2024) == {
        "regulations": {"made": 1, "repealed": 0, "valid": 2},
        # made: 2/1, 5/1, 8/1; repealed: 7/1 and 11/1; valid at year end: 2022 doc, 2/1, 5/1
        "normative_docs": {"made": 3, "repealed": 2, "valid": 3},
    }
    assert article20_item1_counts(a, 2025) == {
        "regulations": {"made": 0, "repealed": 0, "valid": 2},
        "normative_docs": {"made": 0, "repealed": 1, "valid": 2},
    }
    assert article20_item1_counts(a, 2026)["regulations"] == {"made": 0, "repealed": 1, "valid": 1}


def test_keys_match_the_report_layout(world):
    grid = next(t for t in ACTIVE_2021 if getattr(t, "key", None) == "art20_1")
    counts = article20_item1_counts(world.a, 2024)
    assert set(counts) == {r.key for r in grid.rows}
    for row in counts.values():
        assert set(row) == {c.key for c in grid.columns}


def _random_documents(agencies, rng, n: int = 14) -> None:
    from datetime import timedelta

    for agency in agencies:
        for _ in range(n):
            made = date(2022, 1, 1) + timedelta(days=rng.randrange(4 * 365))
            validity = rng.choice([Validity.VALID, Validity.VALID, Validity.REPEALED, Validity.EXPIRED])
            ended = made + timedelta(days=rng.randrange(1, 700)) if validity != Validity.VALID else None
            _doc(
                agency,
                rng.choice([REG, NORM, DocType.ORDINARY]),
                made,
                validity,
                ended,
                status=rng.choice([P, P, P, Status.DRAFT, Status.WITHDRAWN]),
            )


def test_batch_equals_one_by_one(world):
    import random

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.catalogue.queries import article20_item1_counts_by_agency

    _random_documents([world.a, world.b], random.Random(5))
    agencies = [world.a, world.b, world.county]  # the county government has no documents
    seen = 0
    for year in (2022, 2023, 2024, 2025):
        with CaptureQueriesContext(connection) as queries:
            batch = article20_item1_counts_by_agency(agencies, year)
        assert len(queries) == 1
        assert list(batch) == [a.pk for a in agencies]
        for agency in agencies:
            assert batch[agency.pk] == article20_item1_counts(agency, year)
            seen += sum(n for counts in batch[agency.pk].values() for n in counts.values())
        assert batch[world.county.pk] == {
            "regulations": {"made": 0, "repealed": 0, "valid": 0},
            "normative_docs": {"made": 0, "repealed": 0, "valid": 0},
        }
    assert seen > 0  # the random documents did land in the tables
