"""The demo loader makes applications in many states through the services; table 三 validates."""

import re
from datetime import date

from gongkai.applications.demo import SHOWCASE_CODE, load_demo_applications
from gongkai.applications.models import Application
from gongkai.applications.queries import find_for_applicant, table_three, table_three_findings


def test_demo_applications(world):
    # A fixed "today": from the real date, open applications' deadlines may fall into a year the
    # working-day calendar does not cover yet, and the loader skips those (by design).
    said = []
    made = load_demo_applications(per_agency=25, log=said.append, today=date(2026, 9, 30))
    assert made >= 40
    assert not [line for line in said if "跳过" in line], said  # every demo applicant is valid
    organisations = set(Application.objects.values_list("applicant_type", flat=True)) - {"natural_person"}
    assert len(organisations) >= 3
    states = set(Application.objects.values_list("state", flat=True))
    assert {"registered", "closed", "submitted"} <= states and len(states) >= 6
    for year in (2024, 2025, 2026):
        assert table_three_findings(table_three(world.a, year), year) == []
    # The showcase: a visitor follows two applications with the printed query code.
    shown = [re.search(r"申请编号 (\S+)，查询码 (\S+)", line) for line in said if "公众查询演示" in line]
    found = [find_for_applicant(m.group(1), m.group(2)) for m in shown if m]
    assert {m.group(2) for m in shown} == {SHOWCASE_CODE}
    assert sorted(a.state for a in found) == ["correction_requested", "delivered"]


def test_the_demo_agency_behind_has_late_replies_and_one_overdue_now(world, monkeypatch):
    """The agency that falls behind (``BEHIND``): in each earlier year one reply after the reply
    deadline, as the supervisor's 按期答复率 counts them, and one application past its deadline
    today (当前逾期申请); the others answer on time and have nothing overdue."""
    from gongkai.applications import demo
    from gongkai.applications.queries import desk_counts
    from gongkai.supervision.queries import on_time_counts

    monkeypatch.setattr(demo, "BEHIND", world.a.code)
    today = date(2026, 9, 30)
    load_demo_applications(per_agency=10, log=lambda *a: None, today=today)
    others = [a for a in (world.b, world.county) if Application.objects.filter(agency=a).exists()]
    assert others
    overdue = desk_counts([world.a, *others], today, today)
    assert overdue[world.a.pk]["overdue"] == 1 and all(overdue[a.pk]["overdue"] == 0 for a in others)
    for year in (2024, 2025):
        on_time = on_time_counts([world.a, *others], year)
        answered_on_time, timed = on_time[world.a.pk]
        assert timed - answered_on_time == 1, (year, on_time[world.a.pk])
        assert all(on_time[a.pk][0] == on_time[a.pk][1] for a in others)
