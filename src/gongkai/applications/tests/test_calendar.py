"""The database calendar: seeded, edited, imported; edits move open deadlines and say which."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.applications import queries, services
from gongkai.applications.models import Application
from gongkai.applications.testing import make_application
from gongkai.events.models import Event
from gongkai.workdays import CalendarMissing, default_calendar
from gongkai.workdays import services as calendar
from gongkai.workdays.models import CalendarYear, HolidayCalendarDay
from gongkai.workdays.services import CalendarError


def test_seeded_from_chinese_calendar(db):
    assert calendar.db_calendar() == default_calendar().with_provisional(timezone.localdate())
    assert CalendarYear.objects.filter(year=2024).get().source.startswith("chinese-calendar")
    assert calendar.seed_from_chinese_calendar() == []  # idempotent


def test_a_year_not_entered_is_counted_provisionally_and_the_banner_year(db):
    cal = calendar.db_calendar()
    assert not cal.covers(2027) and 2027 in cal.provisional_years
    due = cal.nth_working_day_after(date(2026, 12, 20), 20)
    assert due == default_calendar().with_provisional(date(2026, 12, 20)).nth_working_day_after(
        date(2026, 12, 20), 20
    )
    assert cal.is_provisional(due) and not cal.is_provisional(date(2026, 12, 31))
    last = max(cal.provisional_years)
    with pytest.raises(CalendarMissing, match=f"{last + 1}年的节假日安排尚未录入"):
        cal.nth_working_day_after(date(last, 12, 20), 20)
    # From October the back office asks for next year's notice.
    assert calendar.coverage_gap(date(2026, 9, 30)) is None
    assert calendar.coverage_gap(date(2026, 10, 1)) == 2027
    assert calendar.coverage_gap(date(2026, 11, 27)) == 2027


def test_a_step_into_a_year_not_entered_gets_a_provisional_deadline_until_the_notice(world):
    app = make_application(world.a, date(2026, 11, 20))
    app = services.grant_extension(world.clerk_a, app, 20, "情况复杂", "李主任", date(2026, 11, 25))
    provisional = app.reply_due
    assert provisional.year == 2027 and app.extension_days == 20
    clock = queries.clock_of(app)
    marks = {d.kind: d.provisional for d in clock.deadlines()}
    assert clock.provisional and marks == {"correction_notice": False, "reply": True}
    # The notice (made up here) puts 2027-01-04..08 off besides 元旦: the deadline moves 5 working days.
    notice = "".join(f"2027-01-0{d},holiday\n" for d in (1, 4, 5, 6, 7, 8))
    years, moved = calendar.import_notice(world.admin_a, notice, "国办发明电〔2026〕X号")
    app.refresh_from_db()
    assert years == [2027] and [m.reference for m in moved] == [app.tracking_no]
    assert app.reply_due == calendar.db_calendar().nth_working_day_after(provisional, 5)
    assert not queries.clock_of(app).provisional


def test_editing_the_calendar_moves_open_deadlines_and_logs_them(world):
    open_app = make_application(world.a, date(2026, 3, 2))
    done = services.reply(
        world.clerk_a, make_application(world.a, date(2026, 3, 2)), "r_open", "x", "art36_1", date(2026, 3, 3)
    )
    later = make_application(world.a, date(2026, 6, 1))
    assert open_app.reply_due == date(2026, 3, 30)

    moved = calendar.set_day(world.admin_a, date(2026, 3, 16), "holiday", "测试通知")
    assert [m.reference for m in moved] == [open_app.tracking_no]
    open_app.refresh_from_db()
    assert open_app.reply_due == date(2026, 3, 31)
    event = Event.objects.get(action="applications.deadline.moved")
    assert event.subject_label == open_app.tracking_no
    assert (event.before["reply_due"], event.after["reply_due"]) == ("2026-03-30", "2026-03-31")
    summary = Event.objects.get(action="applications.calendar.set_day")
    assert summary.after["moved"] == [open_app.tracking_no] and summary.actor == world.admin_a
    later.refresh_from_db()
    done.refresh_from_db()
    assert done.reply_due is None

    moved = calendar.remove_day(world.admin_a, date(2026, 3, 16))
    open_app.refresh_from_db()
    assert open_app.reply_due == date(2026, 3, 30) and len(moved) == 1


def test_bad_edits_are_refused(world):
    with pytest.raises(CalendarError, match="本来就是工作日"):
        calendar.set_day(world.admin_a, date(2026, 3, 17), "makeup_workday")
    with pytest.raises(CalendarError, match="尚未加入日历"):
        calendar.set_day(world.admin_a, date(2027, 1, 1), "holiday")
    with pytest.raises(CalendarError, match="不在节假日安排中"):
        calendar.remove_day(world.admin_a, date(2026, 3, 17))


def test_parse_notice():
    rows = calendar.parse_notice("# 2027年\n2027-01-01,holiday\n2027年2月7日 班\n\n2027/02/10，休\n")
    assert rows == [
        (date(2027, 1, 1), "holiday"),
        (date(2027, 2, 7), "makeup_workday"),
        (date(2027, 2, 10), "holiday"),
    ]
    with pytest.raises(CalendarError, match="第1行无法识别"):
        calendar.parse_notice("2027-01-01")
    with pytest.raises(CalendarError, match="第1行日期无效"):
        calendar.parse_notice("2027-02-30,holiday")
    with pytest.raises(CalendarError, match="未知的日期类型"):
        calendar.parse_notice("2027-01-01,party")


def test_import_covers_the_year_and_recomputes_the_missing(world):
    app = make_application(world.a, date(2026, 11, 20))
    app = services.request_correction(
        world.clerk_a, app, "请写明文号", date(2026, 11, 26), date(2026, 11, 23)
    )
    app = services.receive_correction(world.clerk_a, app, "已补正", date(2026, 11, 26))
    assert app.reply_due == date(2026, 12, 24)
    years, moved = calendar.import_notice(
        world.admin_a, "2027-01-01,holiday\n2027-02-07,makeup_workday\n", "国办发明电〔2026〕X号"
    )
    assert years == [2027] and CalendarYear.objects.filter(year=2027).exists()
    assert HolidayCalendarDay.objects.filter(date__year=2027).count() == 2
    assert calendar.db_calendar().nth_working_day_after(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert moved == []  # nothing crossed into 2027 yet


def test_the_daily_job_counts_the_deadlines_left_uncounted(world):
    from gongkai.applications.tasks import daily

    app = make_application(world.a, date(2026, 12, 4))
    counted = app.reply_due
    assert counted.year == 2027
    # As a row looked before provisional years: no deadline, waiting for the calendar.
    Application.objects.filter(pk=app.pk).update(
        reply_due=None, next_due=None, clock_status="calendar_missing"
    )
    daily(date(2026, 12, 7))
    app.refresh_from_db()
    assert app.reply_due == counted and app.clock_status != "calendar_missing"
    assert Event.objects.filter(action="applications.deadline.moved", subject_label=app.tracking_no).exists()
