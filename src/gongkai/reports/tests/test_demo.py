"""The demo county's reports follow the day the demo is loaded: the report due next drafted from
the data so far, the two before it published and passing, one draft with one warning, one township
that has not started it and published the year before a week late (its one warning: PUB-DEADLINE).

Also with the catalogue demo loaded, whose 规范性文件 feed table 2-1 (制发/废止/现行有效, XY-VALID)."""

from datetime import date, timedelta

import pytest

from gongkai.annual.demo import data_years, report_years
from gongkai.cli.demo import AGENCIES
from gongkai.reports.checks import deadline_for, evaluate
from gongkai.reports.desk import todos
from gongkai.reports.models import AnnualReport, ReportVersion

# A fixed day, so the tests do not depend on the day they run (the loaders never go past the real one).
TODAY = date(2026, 12, 6)


def _load(with_applications: bool, with_catalogue: bool = False):
    from gongkai.cli import demo

    if with_catalogue:
        demo.load_demo(with_catalogue=True, log=lambda *a: None, today=TODAY)
        return None
    if with_applications:
        from gongkai.applications.demo import load_demo_applications
        from gongkai.reports import demo as reports_demo

        original = reports_demo.load_demo_reports
        reports_demo.load_demo_reports = lambda **kw: None  # load it after the applications
        try:
            demo.load_demo(with_catalogue=False, log=lambda *a: None, today=TODAY)
        finally:
            reports_demo.load_demo_reports = original
        load_demo_applications(per_agency=12, log=lambda *a: None, today=TODAY)
        return reports_demo.load_demo_reports(log=lambda *a: None, today=TODAY)
    demo.load_demo(with_catalogue=False, log=lambda *a: None, today=TODAY)
    return None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("with_applications", "with_catalogue"),
    [(False, False), (True, False), (False, True)],
    ids=["plain", "applications", "catalogue"],
)
def test_demo_reports_pass_every_check_but_one_warning(with_applications, with_catalogue):
    _load(with_applications, with_catalogue)
    agencies = len(AGENCIES)
    assert ReportVersion.objects.count() == 2 * agencies
    assert not AnnualReport.objects.filter(agency__code="sfx-dsx", year=2026).exists()
    for year in (2024, 2025):
        published = AnnualReport.objects.filter(year=year).select_related("agency")
        assert published.count() == agencies and all(r.status == "published" for r in published)
        for r in published:
            ev = evaluate(r)
            late = r.agency.code == "sfx-dsx" and year == 2025
            assert not ev.errors and [f.code for f in ev.warnings] == (["PUB-DEADLINE"] if late else []), (
                r.agency.code,
                [f.message_zh for f in ev.warnings],
            )
            # published a few days before the deadline (or a week after it), signed a few days before
            version = r.latest_version()
            on = date.fromisoformat(version.data["dates"]["publication"])
            deadline = deadline_for(r.agency, year)
            if late:
                assert deadline < on <= deadline + timedelta(days=7)
            else:
                assert deadline - timedelta(days=7) <= on < deadline
            assert r.signature_date < on and on.weekday() < 5 and r.signature_date.weekday() < 5
    drafts = AnnualReport.objects.filter(year=2026).select_related("agency")
    assert drafts.count() == agencies - 1
    for r in drafts:
        assert r.signature_date == TODAY  # drafted now, from the year so far: nothing dated later
        ev = evaluate(r)
        assert not ev.errors, (r.agency.code, [f.message_zh for f in ev.errors])
        if r.agency.code == "sfx-jyj":
            assert [f.code for f in ev.warnings] == ["TXT-NUM"]
        else:
            assert not ev.warnings, (r.agency.code, [f.message_zh for f in ev.warnings])
    assert {r.agency.code for r in drafts if r.status == "in_review"} == {"sfx-czj"}
    assert not AnnualReport.objects.exclude(year__in=(2024, 2025, 2026)).exists()


@pytest.mark.django_db
def test_the_desk_shows_the_report_due_next():
    from gongkai.agencies.models import Agency

    _load(with_applications=False)
    agencies = list(Agency.objects.filter(code__in=("sfx-jyj", "sfx-czj", "sfx-gov", "sfx-dsx")))
    lines = {a.code: todos(agencies, TODAY)[a.pk][0] for a in agencies}
    for code, state in (
        ("sfx-jyj", "草稿"),
        ("sfx-czj", "待审核"),
        ("sfx-gov", "草稿"),
        ("sfx-dsx", "尚未开始"),
    ):
        line = lines[code]
        assert line.label == f"2026年度报告：{state}" and line.url.endswith(f"/{code}/2026/")
        assert "距发布期限（2027年" in line.note and not line.urgent and not line.done
    assert lines["sfx-jyj"].note == "距发布期限（2027年1月31日）还有 56 天"
    assert lines["sfx-gov"].note == "距发布期限（2027年3月31日）还有 115 天"


@pytest.mark.parametrize(
    ("today", "kind", "published", "drafted"),
    [
        (date(2026, 12, 6), "department", [2024, 2025], 2026),
        (date(2026, 12, 6), "government", [2024, 2025], 2026),
        # January, before the deadline: last year's report is the one being written
        (date(2027, 1, 10), "department", [2024, 2025], 2026),
        (date(2027, 1, 31), "township", [2024, 2025], 2026),
        # after a department's deadline (1月31日) but before a government's (3月31日)
        (date(2027, 2, 15), "department", [2025, 2026], 2027),
        (date(2027, 2, 15), "township", [2025, 2026], 2027),
        (date(2027, 2, 15), "government", [2024, 2025], 2026),
        (date(2027, 4, 1), "government", [2025, 2026], 2027),
    ],
)
def test_the_demo_years_follow_the_day(today, kind, published, drafted):
    assert report_years(kind, today) == (published, drafted)
    # every loader's data cover every kind's years, up to today
    assert set(published) | {drafted, today.year} <= set(data_years(today))


def test_the_data_years_are_no_more_than_the_reports_need():
    assert list(data_years(date(2026, 12, 6))) == [2024, 2025, 2026]
    assert list(data_years(date(2027, 1, 10))) == [2024, 2025, 2026, 2027]
    assert list(data_years(date(2027, 2, 15))) == [2024, 2025, 2026, 2027]  # the government's 2024
    assert list(data_years(date(2027, 4, 1))) == [2025, 2026, 2027]


@pytest.mark.django_db
def test_after_a_departments_deadline_its_new_year_is_drafted(monkeypatch):
    """On 2027-02-15 (the clock moved there for the whole load): the departments and townships have
    published 2026 and draft 2027 from six weeks of data; the government (3月31日) still drafts 2026."""
    from django.utils import timezone

    day = date(2027, 2, 15)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **kw: day)
    from gongkai.cli import demo

    demo.load_demo(with_catalogue=False, log=lambda *a: None, today=day)
    years = {}
    for r in AnnualReport.objects.select_related("agency"):
        years.setdefault(r.agency.code, {})[r.year] = r.status
        ev = evaluate(r)
        assert not ev.errors, (r.agency.code, r.year, [f.message_zh for f in ev.errors])
        expected = ["TXT-NUM"] if r.agency.code == "sfx-jyj" and r.status != "published" else []
        if r.agency.code == "sfx-dsx" and r.year == 2026:
            expected = ["PUB-DEADLINE"]  # its last published report went out a week late
        assert [f.code for f in ev.warnings] == expected, (r.agency.code, r.year, ev.warnings)
        assert (r.signature_date or day) <= day
    assert years.pop("sfx-gov") == {2024: "published", 2025: "published", 2026: "draft"}
    assert years.pop("sfx-czj") == {2025: "published", 2026: "published", 2027: "in_review"}
    assert years.pop("sfx-dsx") == {2025: "published", 2026: "published"}  # 2027 not started
    assert all(y == {2025: "published", 2026: "published", 2027: "draft"} for y in years.values()), years


@pytest.mark.django_db
def test_in_the_week_after_the_deadline_the_late_report_is_published_no_later_than_today(monkeypatch):
    """东山乡's report goes out a week late; loaded within that week, it was published today (a
    publication date after today is refused, and the whole load with it)."""
    from django.utils import timezone

    day = date(2027, 2, 3)  # 东山乡's 2026 deadline was 1月31日
    monkeypatch.setattr(timezone, "localdate", lambda *a, **kw: day)
    from gongkai.cli import demo

    demo.load_demo(with_catalogue=False, log=lambda *a: None, today=day)
    late = AnnualReport.objects.select_related("agency").get(agency__code="sfx-dsx", year=2026)
    on = date.fromisoformat(late.latest_version().data["dates"]["publication"])
    assert deadline_for(late.agency, 2026) < on == day
