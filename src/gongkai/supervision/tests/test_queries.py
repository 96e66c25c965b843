"""The workplace's reads on a real database: states, checks, figures, the parent check, sorting."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.testing import make_agency
from gongkai.annual.writers import render
from gongkai.reports.services import import_baseline

from .. import queries
from ..queries import Filters, workplace
from .fixtures import YEAR

TODAY = date(YEAR + 1, 6, 1)

pytestmark = pytest.mark.django_db


def _rows(place):
    return {r.agency.code: r for r in place.rows}


def test_every_agency_under_the_supervisor_with_its_state(region):
    w = region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    rows = _rows(place)
    assert set(rows) == {"t-county", "t-office", "t-a", "t-a1", "t-b", "t-town"}
    assert rows["t-a"].state == queries.PUBLISHED and not rows["t-a"].published_late
    assert rows["t-county"].state == queries.PUBLISHED and rows["t-county"].published_late
    assert rows["t-county"].deadline == date(YEAR + 1, 3, 31)
    assert rows["t-b"].state == queries.LATE and rows["t-b"].status_note == "审核中"
    assert rows["t-town"].state == queries.LATE and rows["t-town"].status_note == "草稿"
    assert rows["t-office"].state == queries.LATE and rows["t-office"].report is None
    # before the deadline the same reports are not late
    early = _rows(workplace(w.supervisor, w.county, YEAR, today=date(YEAR + 1, 1, 10)))
    assert early["t-b"].state == queries.IN_REVIEW
    assert early["t-town"].state == queries.DRAFT
    assert early["t-office"].state == queries.NOT_STARTED


def test_checks_counts_match_the_workspace(region):
    from gongkai.reports.checks import evaluate
    from gongkai.reports.models import AnnualReport

    w = region.world
    rows = _rows(workplace(w.supervisor, w.county, YEAR, today=TODAY))
    assert rows["t-town"].errors > 0  # an empty draft: its sections are missing
    assert rows["t-a"].errors == 0 and rows["t-b"].errors == 0
    assert rows["t-office"].errors is None  # nothing to check
    town = AnnualReport.objects.get(agency=region.town, year=YEAR)
    assert rows["t-town"].errors == len(evaluate(town, today=TODAY).errors)


def test_key_figures_and_rates_sum_counts_then_divide(region):
    w = region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    a = _rows(place)["t-a"].now
    # some_applications: 6 received, 5 answered (2 公开, 1 部分公开 …), plus one answered late
    assert a.new == 7 and a.concluded == 6 and a.disclosed == 4
    assert a.disclosure_rate == pytest.approx(4 / 6)
    assert (a.on_time, a.timed) == (5, 6)
    total = place.total
    assert total.new == 7 and total.disclosure_rate == pytest.approx(4 / 6)
    office = _rows(place)["t-office"].now
    assert office.disclosure_rate is None and office.reason("disclosure_rate") == "本年度没有办结的申请"
    assert office.correction_rate is None and "行政复议" in office.reason("correction_rate")


def test_rates_are_not_averaged():
    one = queries.Figures(disclosed=1, concluded=1)
    many = queries.Figures(disclosed=0, concluded=9)
    assert (one + many).disclosure_rate == pytest.approx(0.1)  # not (100 % + 0 %) / 2


def test_correction_rate_excludes_pending_cases():
    f = queries.Figures(rc_corrected=1, rc_closed=4)
    assert f.correction_rate == 0.25


def test_queries_do_not_grow_with_the_number_of_agencies(region):
    w = region.world
    with CaptureQueriesContext(connection) as few:
        workplace(w.supervisor, w.county, YEAR, today=TODAY)
    for i in range(8):
        make_agency(f"t-more{i}", f"示例县第{i}局", w.county)
    with CaptureQueriesContext(connection) as many:
        place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    assert len(place.rows) == 14
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_supervisor_sees_only_its_area(region):
    w = region.world
    place = workplace(w.outside_supervisor, w.other_county, YEAR, today=TODAY)
    assert {r.agency.code for r in place.rows} <= {"t-other", "t-other-office", "t-other-dept"} | {
        a.code for a in (w.other_county, w.other_office, w.other_dept)
    }
    assert "t-a" not in {r.agency.code for r in place.rows}
    # an officer of A looking "from the county" still sees only A
    seen = {r.agency.code for r in workplace(w.clerk_a, w.county, YEAR, today=TODAY).rows}
    assert seen == {"t-a"}


def test_filters_and_sorting(region):
    w = region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    late = Filters.from_query({"state": "late"}).apply(place.rows)
    assert {r.agency.code for r in late} == {"t-office", "t-a1", "t-b", "t-town"}
    assert [r.agency.code for r in Filters.from_query({"errors": "1"}).apply(place.rows)] == ["t-town"]
    assert [r.agency.code for r in Filters.from_query({"kind": "township"}).apply(place.rows)] == ["t-town"]
    assert [r.agency.code for r in Filters.from_query({"q": "财政"}).apply(place.rows)] == ["t-b"]
    by_new = Filters.from_query({"sort": "-new"}).apply(place.rows)
    assert by_new[0].agency.code == "t-a"
    assert Filters.from_query({"sort": "new"}).apply(place.rows)[-1].agency.code == "t-a"
    assert Filters.from_query({"sort": "nonsense", "state": "bogus"}).sort == "name"


def test_problems_name_each_missing_or_invalid_input(region):
    w = region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    found = {(p.agency.code, p.kind) for p in queries.problems(place)}
    assert ("t-office", "missing") in found and ("t-a1", "missing") in found
    assert ("t-town", "blank") in found and ("t-town", "errors") in found
    assert not any(code == "t-a" for code, _kind in found)


def test_parent_against_children_with_a_wrong_parent(region):
    """The county's report (published, its own records only) does not add up to 教育局's."""
    w = region.world
    checks = queries.parent_checks([w.county, w.office, w.a, w.b, region.a1, region.town], YEAR)
    assert [c.parent.code for c in checks] == ["t-county"]
    (check,) = checks
    assert [c.code for c in check.children] == ["t-a"]  # the only direct child with a filed report
    new = next(d for d in check.differences if "本年新收" in d.label and d.label.endswith("总计"))
    assert (new.parent, new.children) == (0, 7)


def test_parent_that_sums_its_children_has_no_difference(region):
    from gongkai.annual.sum import sum_reports

    w = region.world
    parent = make_agency("t-p", "示例县教育系统", w.county)
    w.a.parent = parent
    w.a.save()
    a_report = queries.filed_reports([w.a], YEAR)[w.a.pk]
    total = sum_reports([a_report], parent.name, check=False)
    total.agency.name, total.year = parent.name, YEAR
    import_baseline(None, parent, YEAR, render(total, "json"), "sum.json")
    checks = {c.parent.code: c for c in queries.parent_checks([parent, w.a], YEAR)}
    assert checks["t-p"].differences == [] and not checks["t-p"].error
    # one wrong cell is named with both values
    wrong = sum_reports([a_report], parent.name, check=False)
    wrong.agency.name, wrong.year = "示例县教育系统二", YEAR
    wrong.applications.set("new_received", "total", 99)
    other = make_agency("t-p2", "示例县教育系统二", w.county)
    region.a1.parent = other
    region.a1.save()
    w.a.parent = other
    w.a.save()
    import_baseline(None, other, YEAR, render(wrong, "json"), "wrong.json")
    (check,) = [c for c in queries.parent_checks([other, w.a], YEAR) if c.parent == other]
    assert [
        (d.parent, d.children) for d in check.differences if "本年新收" in d.label and "总计" in d.label
    ] == [(99, 7)]


def _baseline_of_b(region, new_received: int) -> None:
    """示例县财政局's report of last year, imported from a file, with ``new_received`` new applications."""
    from gongkai.reports.build import build_report

    last = build_report(region.world.b, YEAR - 1)
    last.tables["applications"].set("new_received", "total", new_received)
    import_baseline(None, region.world.b, YEAR - 1, render(last, "json"), "last.json")


def test_last_years_figures_are_the_filed_reports_else_the_records(region):
    """The change from last year compares with what was published (here an imported report),
    and works last year out from the records only for an agency that filed none."""
    from gongkai.reports.testing import some_applications

    w = region.world
    some_applications(w.a, YEAR - 1)  # 6 new applications recorded, no report filed
    _baseline_of_b(region, 40)
    rows = _rows(workplace(w.supervisor, w.county, YEAR, today=TODAY))
    assert rows["t-a"].before.new == 6
    assert rows["t-b"].before.new == 40 and rows["t-b"].now.new == 0
    assert rows["t-town"].before.new == 0


def test_applications_by_year_and_outcome_groups(region):
    from gongkai.records.testing import make_decision
    from gongkai.reports.testing import some_applications

    w = region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    agencies = [r.agency for r in place.rows]
    years = queries.applications_by_year(agencies, YEAR)
    assert years[-1] == (YEAR, 7) and len(years) == 5 and years[0][0] == YEAR - 4
    # no application recorded nor report filed before this year: no data, not 0 (whatever else
    # was recorded then: a catalogue holds documents of earlier years)
    assert [n for _y, n in years[:-1]] == [None] * 4
    make_decision(w.a, decided_on=date(YEAR - 3, 5, 6))  # a 行政许可 of that year (table 二)
    assert dict(queries.applications_by_year(agencies, YEAR))[YEAR - 3] is None
    some_applications(w.a, YEAR - 2)
    _baseline_of_b(region, 40)
    years = dict(queries.applications_by_year(agencies, YEAR))
    assert (years[YEAR - 3], years[YEAR - 2], years[YEAR - 1], years[YEAR]) == (None, 6, 40, 7)
    groups = dict(queries.outcome_groups(place.summary.tables[w.a.pk]))
    assert groups["（一）予以公开"] == 3 and groups["（二）部分公开"] == 1
    assert sum(groups.values()) == 6
