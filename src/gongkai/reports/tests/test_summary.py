"""compute_tables_by_agency (the tables of many agencies in one batch) and the 汇总 page built on it."""

import json
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.agencies.testing import make_user
from gongkai.annual.checks import has_errors, run_checks
from gongkai.annual.readers import read_bytes
from gongkai.appeals.rules import Kind as AppealKind
from gongkai.appeals.testing import make_appeal
from gongkai.records.rules import Kind as DecisionKind
from gongkai.records.testing import make_decision, make_fee, make_total
from gongkai.reports.build import build_report, compute_tables, compute_tables_by_agency
from gongkai.reports.testing import answered, some_applications

pytestmark = pytest.mark.django_db
YEAR = 2025


def _data(world):
    """Records in A, B and another county's department; none in the county government or its office."""
    some_applications(world.a, YEAR)
    some_applications(world.b, YEAR)
    answered(world.b, date(YEAR - 1, 12, 20), "r_open", date(YEAR, 1, 8), "art36_1")  # carried over into YEAR
    some_applications(world.other_dept, YEAR)
    make_decision(world.a, DecisionKind.LICENSING, date(YEAR, 3, 3))
    make_decision(world.b, DecisionKind.PENALTY, date(YEAR, 4, 4))
    make_total(world.b, YEAR, DecisionKind.COERCION, 7)
    make_fee(world.a, YEAR, "工本费", "1234.50")
    make_fee(world.b, YEAR, "工本费", "100")
    make_appeal(world.a, AppealKind.RECONSIDERATION, date(YEAR, 2, 1))
    make_appeal(
        world.a,
        AppealKind.RECONSIDERATION,
        date(YEAR - 1, 11, 1),
        decision="recon_revoke",
        decided_on=date(YEAR, 1, 9),
    )
    make_appeal(world.b, AppealKind.LITIGATION_DIRECT, date(YEAR, 5, 1))
    make_appeal(
        world.b, AppealKind.LITIGATION_AFTER, date(YEAR, 6, 1), review_body_co_defendant=True
    )  # 201号
    make_appeal(world.other_dept, AppealKind.RECONSIDERATION, date(YEAR, 3, 1))
    return world


@pytest.fixture
def county(world):
    return _data(world)


def _cells(tables):
    return {key: list(table.items()) for key, table in tables.items()}


def test_batch_equals_one_by_one_in_six_queries(county):
    w = county
    agencies = [w.county, w.office, w.a, w.b, w.other_dept]
    with CaptureQueriesContext(connection) as captured:
        batch = compute_tables_by_agency(agencies, YEAR)
    assert len(captured) == 6  # catalogue, decisions, yearly totals, fees, applications, appeals
    assert list(batch) == [a.pk for a in agencies]
    for agency in agencies:
        one = compute_tables(agency, YEAR)
        assert list(one) == list(batch[agency.pk])  # the same tables in the same order
        assert _cells(one) == _cells(batch[agency.pk]), agency.code
    # the government has no records: complete tables of zeros, as compute_tables gives them
    assert all(v == 0 for t in batch[w.county.pk].values() for _r, _c, v in t.items())
    assert batch[w.b.pk]["applications"].get("carried_over_in", "total") == 1
    assert batch[w.a.pk]["review_litigation"].get("reconsideration", "total") == 2
    assert batch[w.b.pk]["review_litigation"].get("litigation_after_reconsideration", "total") == 0
    # a queryset is accepted too
    assert _cells(compute_tables_by_agency(Agency.objects.filter(pk=w.a.pk), YEAR)[w.a.pk]) == _cells(
        batch[w.a.pk]
    )


def _get_summary(client, user, year=YEAR):
    client.force_login(user)
    response = client.get(reverse("reports:summary", args=[year]))
    assert response.status_code == 200
    return response


def _figure(response, label):
    figures = [str(f) for f in response.context["figures"]]
    return figures.index(label)


def test_supervisor_sees_the_sums_of_their_agencies(county, client):
    w = county
    response = _get_summary(client, w.supervisor)
    summary = response.context["summary"]
    assert {a.pk for a, _ in summary.rows} == {w.county.pk, w.office.pk, w.a.pk, w.b.pk}
    tables = compute_tables_by_agency([w.county, w.office, w.a, w.b], YEAR)
    new = _figure(response, "新收申请")
    by_agency = {a.pk: values for a, values in summary.rows}
    assert by_agency[w.a.pk][new] == tables[w.a.pk]["applications"].get("new_received", "total") == 6
    assert by_agency[w.county.pk][new] == 0
    # the summed report: every cell is the sum of the agencies' cells
    report = summary.report
    for key, table in report.tables.items():
        for row, column, value in table.items():
            assert value == sum(tables[pk][key].get(row, column) for pk in tables), (key, row, column)
    assert report.tables["applications"].get("new_received", "total") == 12
    assert report.tables["art20_8"].get("admin_fees", "amount") == Decimal("0.13345")
    totals = response.context["totals"]
    assert totals[new] == 12
    assert totals[_figure(response, "行政诉讼总计")] == 1  # B's direct suit; the 201号 case is not counted
    assert totals[_figure(response, "行政复议总计")] == 2
    body = response.content.decode()
    assert w.a.name in body and w.b.name in body and w.other_dept.name not in body
    assert reverse("reports:workspace", args=[w.a.code, YEAR]) in body
    assert reverse("reports:summary_export", args=[YEAR, "xlsx"]) in body


def test_users_of_other_agencies_see_nothing_of_a(county, client):
    w = county
    only_b = compute_tables(w.b, YEAR)
    for user in (w.stranger, w.clerk_b, w.admin_b):
        response = _get_summary(client, user)
        summary = response.context["summary"]
        assert [a.pk for a, _ in summary.rows] == [w.b.pk]
        for key, table in only_b.items():  # the sum of B alone is B
            assert list(summary.report.tables[key].items()) == list(table.items()), key
        body = response.content.decode()
        assert w.a.name not in body and w.a.code not in body
        data = json.loads(client.get(reverse("reports:summary_export", args=[YEAR, "json"])).content)
        assert w.a.name not in json.dumps(data, ensure_ascii=False)
        assert data["applications"]["new_received"]["total"] == 6
        assert data["applications"]["carried_over_in"]["total"] == 1
    # another county's supervisor: their own county only
    response = _get_summary(client, w.outside_supervisor)
    assert {a.pk for a, _ in response.context["summary"].rows} == {
        w.other_county.pk,
        w.other_office.pk,
        w.other_dept.pk,
    }
    body = response.content.decode()
    assert w.a.name not in body and w.b.name not in body
    assert response.context["summary"].report.tables["applications"].get("new_received", "total") == 6


def test_nobody_and_anonymous(county, client):
    response = client.get(reverse("reports:summary", args=[YEAR]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    response = client.get(reverse("reports:summary_export", args=[YEAR, "json"]))
    assert response.status_code == 302
    loner = make_user("loner")
    response = _get_summary(client, loner)
    assert response.context["summary"].rows == [] and "您没有可查看的机构" in response.content.decode()
    assert client.get(reverse("reports:summary_export", args=[YEAR, "json"])).status_code == 404


def test_bad_year_and_format(county, client):
    client.force_login(county.supervisor)
    assert client.get(reverse("reports:summary", args=[1999])).status_code == 404
    assert client.get(reverse("reports:summary_export", args=[YEAR, "pdf"])).status_code == 404
    body = client.get(reverse("reports:summary", args=[2018])).content.decode()
    assert "不能汇总" in body  # before 2019 there were no common tables


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_reads_back_to_the_same_numbers(county, client, fmt):
    w = county
    client.force_login(w.supervisor)
    summed = client.get(reverse("reports:summary", args=[YEAR])).context["summary"].report
    response = client.get(reverse("reports:summary_export", args=[YEAR, fmt]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f'filename="summary-{YEAR}-annual-report.{fmt}"' in disposition
    assert quote(f"{summed.agency.name}{YEAR}年政府信息公开工作年度报告（汇总）.{fmt}") in disposition
    back = read_bytes(response.content, f"summary.{fmt}", f".{fmt}")
    assert back.year == YEAR and back.format == summed.format
    for key, table in summed.tables.items():
        for row, column, value in table.items():
            assert back.tables[key].get(row, column) == value, (key, row, column)
    assert back.tables["applications"].get("new_received", "total") == 12


def test_live_inputs_fail_the_checks_for_their_texts_but_are_summed(county, client):
    """Built from records without a workspace, each input lacks sections 一、五、六: the checks find
    errors, so the summary sums with check=False (the tables balance by construction)."""
    report = build_report(county.a, YEAR, tables=compute_tables(county.a, YEAR))
    findings = run_checks(report)
    assert has_errors(findings)
    assert not [f for f in findings if f.severity.name == "ERROR" and f.code.startswith(("T3", "T4"))]
    client.force_login(county.supervisor)
    summary = client.get(reverse("reports:summary", args=[YEAR])).context["summary"]
    assert summary.report is not None and summary.error == ""
    assert not any(n.code == "SUM-FORCED" for n in summary.report.notes)


def test_index_links_the_summary_for_several_agencies(county, client):
    client.force_login(county.supervisor)
    body = client.get(reverse("reports:index")).content.decode()
    assert (
        reverse("reports:summary", args=[body and client.get(reverse("reports:index")).context["year"]])
        in body
    )
    client.force_login(county.clerk_a)
    assert "reports/summary/" not in client.get(reverse("reports:index")).content.decode()


def test_summary_is_a_reserved_agency_code(db):
    with pytest.raises(ValidationError):
        Agency(code="summary", name="x", kind="department", level="county").full_clean()
