"""The demo loaders give every demo agency data for every demo report year (on 2026-12-06: 2024 and
2025 published, 2026 so far) that passes the report checks."""

from datetime import date

import pytest

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.testing import make_user
from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.model import AgencyLevel, Report
from gongkai.appeals import queries as appeal_queries
from gongkai.appeals.demo import load_demo_appeals
from gongkai.appeals.models import Appeal
from gongkai.applications.models import Application
from gongkai.applications.testing import make_application
from gongkai.cli import demo as web_demo
from gongkai.records import queries
from gongkai.records.demo import load_demo_records
from gongkai.records.models import Decision, FeeCollection, YearlyTotal


@pytest.fixture
def county(db):
    agencies = {}
    for short, name, kind, level, _office in web_demo.AGENCIES:
        agencies[short] = Agency.objects.create(
            code=f"{web_demo.PREFIX}-{short}",
            name=name,
            kind=kind,
            level=level,
            parent=None if short == "gov" else agencies.get("gov"),
        )
        make_user(f"zhuanyuan_{short}", agencies[short], Role.CLERK)
    return agencies


TODAY = date(2026, 12, 6)  # fixed, so the test does not depend on the day it runs


def test_demo_years_pass_the_checks(county):
    app = make_application(county["jyj"], received=date(2024, 3, 4))
    Application.objects.filter(pk=app.pk).update(outcome="r_deny_third_party", finished_on=date(2024, 3, 20))
    assert load_demo_records(log=lambda *_: None, today=TODAY) > 0
    assert load_demo_appeals(log=lambda *_: None, today=TODAY) > 0
    assert load_demo_records(log=lambda *_: None, today=TODAY) == 0  # once only

    for agency in county.values():
        for year in (2024, 2025, 2026):
            report = Report.empty("2021", year=year)
            report.agency.level = AgencyLevel(agency.level)
            report.tables.update(queries.table_two(agency, year))
            report.tables["review_litigation"] = appeal_queries.table_four(agency, year)
            bad = [
                f
                for f in run_checks(report)
                if f.code.startswith(("T2", "T4", "CELL", "UNIT-MONEY"))
                and f.severity in (Severity.ERROR, Severity.WARNING)
            ]
            assert bad == [], (agency.code, year, bad)
            assert all(
                v is not None
                for key in ("art20_5", "art20_6", "art20_8", "review_litigation")
                for _, _, v in report.tables[key].items()
            )

    # the demo years only, and the year not over yet only up to yesterday
    assert set(Decision.objects.values_list("decided_on__year", flat=True)) == {2024, 2025, 2026}
    assert set(YearlyTotal.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert max(Decision.objects.values_list("decided_on", flat=True)) < TODAY
    assert max(Appeal.objects.values_list("received_on", flat=True)) < TODAY

    # both ways of counting are shown, and the 201号 case exists for the county government
    assert YearlyTotal.objects.filter(agency=county["gaj"]).exists()
    assert Decision.objects.filter(agency=county["scjgj"], kind="admin_licensing").exists()
    assert (
        Appeal.objects.filter(agency=county["gov"], review_body_co_defendant=True).exists()
        or not Appeal.objects.filter(kind="litigation_after_reconsideration")
        .exclude(agency=county["gov"])
        .exists()
    )
    assert Appeal.objects.filter(application=app).exists()
    assert Membership.objects.count() == len(county)


def test_a_year_not_over_has_the_totals_and_fees_so_far(county):
    load_demo_records(log=lambda *_: None, today=date(2026, 3, 1))
    licensing = {
        t.year: t.count for t in YearlyTotal.objects.filter(agency=county["gaj"], kind="admin_licensing")
    }
    assert min(licensing[2024], licensing[2025]) >= 900  # a whole year: 900 to 1300 (records.demo.TOTALS)
    assert 0 < licensing[2026] <= 1300 * 59 // 365 + 1  # January and February
    fees = {f.year: f.amount_yuan for f in FeeCollection.objects.filter(agency=county["zrzyj"])}
    assert fees[2025] >= 1_800_000 and fees[2026] <= 2_600_000 * 59 / 365 + 1
