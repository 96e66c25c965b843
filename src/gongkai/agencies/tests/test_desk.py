"""The to-do desk: its counts on a real database, one query per kind, and no agency's counts on
another agency's desk."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.dashboard import todos_for
from gongkai.agencies.testing import make_agency
from gongkai.appeals.queries import awaiting_answer_counts
from gongkai.appeals.testing import make_appeal
from gongkai.applications.models import Application
from gongkai.applications.queries import desk_counts
from gongkai.applications.testing import bare_application
from gongkai.catalogue.models import Status
from gongkai.catalogue.queries import review_counts
from gongkai.catalogue.testing import make_entry
from gongkai.reports.queries import report_states

TODAY = date(2026, 3, 16)
HORIZON = TODAY + timedelta(days=7)
_serial = count(1)


def _apps(agency, n: int = 1, **fields) -> list[Application]:
    fields.setdefault("applicant_type", "natural_person")
    return [bare_application(agency, f"T-{next(_serial):05d}", **fields) for _ in range(n)]


def _every_state(agency, today: date = TODAY) -> None:
    """Two of each kind of waiting work in ``agency`` — and cases that wait for nothing."""
    day = timedelta(days=1)
    rows = [
        *_apps(agency, 2, state="submitted"),
        *_apps(agency, 2, state="correction_requested", correction_until=today + 3 * day),
        *_apps(agency, 2, state="correction_requested", correction_until=today - day),
        *_apps(agency, 2, state="registered", received_on=today - 10 * day, next_due=today + 2 * day),
        *_apps(agency, 2, state="registered", received_on=today - 30 * day, next_due=today - day),
        *_apps(agency, 2, state="consulting", received_on=today - 5 * day, next_due=today + 20 * day),
        *_apps(agency, 1, state="replied", finished_on=today),
        *_apps(agency, 1, state="referred", finished_on=today),
        # nothing to do: far deadline, delivered, closed, withdrawn
        *_apps(agency, 1, state="registered", received_on=today, next_due=today + 40 * day),
        *_apps(agency, 1, state="delivered", finished_on=today - day),
        *_apps(agency, 1, state="closed", finished_on=today - 2 * day),
        *_apps(agency, 1, state="withdrawn", finished_on=today - 2 * day),
    ]
    Application.objects.bulk_create(rows)


@pytest.mark.django_db
def test_desk_counts_each_kind_of_waiting_work(world):
    _every_state(world.a)
    Application.objects.bulk_create(_apps(world.b, 5, state="submitted"))
    counts = desk_counts([world.a, world.b, world.office], TODAY, HORIZON)
    # the overdue correction counts as overdue (its deadline passed) and as ended
    assert counts[world.a.pk] == {
        "unconfirmed": 2,
        "correction": 2,
        "correction_ended": 2,
        "due_soon": 2,
        "overdue": 2,
        "consulting": 2,
        "to_deliver": 2,
    }
    assert counts[world.b.pk]["unconfirmed"] == 5
    assert set(counts[world.office.pk].values()) == {0}


@pytest.mark.django_db
def test_the_workbench_views_hold_what_the_desk_counts(world, client):
    today = timezone.localdate()  # the page's today
    _every_state(world.a, today)
    client.force_login(world.clerk_a)
    url = reverse("applications:workbench", args=[world.a.code])
    counts = desk_counts([world.a], today, today)[world.a.pk]
    for view in ("unconfirmed", "correction_ended", "consulting", "to_deliver"):
        body = client.get(url, {"view": view}).content.decode()
        assert len(re.findall(r'href="/staff/applications/t-a/\d+/"', body)) == counts[view], view


@pytest.mark.django_db
def test_one_query_per_kind_whatever_the_number_of_agencies(world, django_assert_num_queries):
    agencies = [make_agency(f"many-{i}", parent=world.county) for i in range(30)]
    for agency in agencies[:10]:
        Application.objects.bulk_create(_apps(agency, 3, state="submitted"))
        make_entry(agency, status=Status.SUBMITTED)
        make_appeal(agency)
    with django_assert_num_queries(1):
        assert sum(c["unconfirmed"] for c in desk_counts(agencies, TODAY, HORIZON).values()) == 30
    with django_assert_num_queries(1):
        assert sum(review_counts(agencies).values()) == 10
    with django_assert_num_queries(1):
        assert sum(awaiting_answer_counts(agencies).values()) == 10
    with django_assert_num_queries(1):
        assert set(report_states(agencies, 2025).values()) == {None}


@pytest.mark.django_db
def test_appeals_wait_for_an_answer_until_answered_decided_or_withdrawn(world):
    make_appeal(world.a)
    make_appeal(world.a, stage="answered", answered_on=date(2024, 3, 8))
    make_appeal(world.a, decision="upheld", decided_on=date(2024, 5, 1))
    make_appeal(world.a, withdrawn=True, decided_on=date(2024, 4, 1))
    assert awaiting_answer_counts([world.a])[world.a.pk] == 1


@pytest.mark.django_db
def test_todos_link_to_the_filtered_lists_and_the_report(world):
    Application.objects.bulk_create(_apps(world.a, 3, state="submitted"))
    make_entry(world.a, status=Status.SUBMITTED)
    todos = {t.key: t for t in todos_for([world.a], TODAY)[world.a.pk]}
    assert todos["applications.unconfirmed"].count == 3
    assert todos["applications.unconfirmed"].url == "/staff/applications/t-a/?view=unconfirmed"
    assert todos["catalogue.review"].url == "/staff/catalogue/t-a/review/"
    assert "applications.overdue" not in todos  # nothing overdue: not listed
    report = todos["reports.annual"]
    assert report.url == "/staff/reports/t-a/2025/" and report.count is None and report.pending
    # a department's report is due 1月31日 of the next year (gongkai.law); on 16 March it is late
    assert report.urgent and "2026年1月31日" in report.note


@pytest.mark.django_db
def test_an_officer_sees_only_the_desks_of_own_agencies(world, client):
    Application.objects.bulk_create(_apps(world.a, 2, state="submitted"))
    Application.objects.bulk_create(_apps(world.b, 7, state="submitted"))
    client.force_login(world.clerk_a)
    body = client.get(reverse("staff:index")).content.decode()
    assert "示例县教育局" in body and "示例县财政局" not in body
    assert "/staff/applications/t-a/?view=unconfirmed" in body
    assert "/staff/applications/t-b/" not in body
    assert not re.search(r'class="count">7<', body)

    client.force_login(world.supervisor)  # reads A and B (and the county, the office)
    body = client.get(reverse("staff:index")).content.decode()
    assert "/staff/applications/t-a/?view=unconfirmed" in body
    assert "/staff/applications/t-b/?view=unconfirmed" in body

    client.force_login(world.outside_supervisor)
    body = client.get(reverse("staff:index")).content.decode()
    assert "示例县教育局" not in body and "示例县财政局" not in body


@pytest.mark.django_db
def test_a_desk_with_nothing_to_do_says_so(world, client):
    client.force_login(world.clerk_a)
    body = client.get(reverse("staff:dashboard", args=[world.a.code])).content.decode()
    assert "没有待处理的申请、目录条目或复议诉讼案件。" in body
    body = client.get(reverse("staff:index")).content.decode()
    assert "各机构目前都没有待处理的事项。" in body


@pytest.mark.django_db
def test_every_staff_section_is_linked_from_the_staff_nav(world, client):
    client.force_login(world.admin_a)
    body = client.get(reverse("staff:dashboard", args=[world.a.code])).content.decode()
    nav = body.split('class="staff-nav"', 1)[1].split("</nav>", 1)[0]
    for name, args in (
        ("staff:dashboard", [world.a.code]),
        ("applications:workbench", [world.a.code]),
        ("catalogue:entry_list", [world.a.code]),
        ("appeals:list", [world.a.code]),
        ("records:decisions", [world.a.code]),
        ("reports:agency", [world.a.code]),
        ("workdays:calendar", []),
        ("staff:people", [world.a.code]),
        ("staff:settings", [world.a.code]),
        ("staff:events", [world.a.code]),
    ):
        assert f'href="{reverse(name, args=args)}"' in nav, name
    # 汇总 sums several agencies: offered to a supervisor, not to the officers of one agency
    summary = reverse("reports:summary", args=[date.today().year - 1])
    assert summary not in nav
    client.force_login(world.supervisor)
    assert f'href="{summary}"' in client.get(reverse("staff:index")).content.decode()
    # a clerk is not offered the administrator's pages (they would answer 403)
    client.force_login(world.clerk_a)
    body = client.get(reverse("staff:dashboard", args=[world.a.code])).content.decode()
    assert reverse("staff:people", args=[world.a.code]) not in body
