"""The demo loaders give every demo agency complete 2024 and 2025 data that passes the report checks."""

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
from gongkai.records.models import Decision, YearlyTotal


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


def test_demo_years_pass_the_checks(county):
    app = make_application(county["jyj"], received=date(2024, 3, 4))
    Application.objects.filter(pk=app.pk).update(outcome="r_deny_third_party", finished_on=date(2024, 3, 20))
    assert load_demo_records(log=lambda *_: None) > 0
    assert load_demo_appeals(log=lambda *_: None) > 0
    assert load_demo_records(log=lambda *_: None) == 0  # once only

    for agency in county.values():
        for year in (2024, 2025):
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
