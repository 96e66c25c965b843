"""The statutory clock, against hand-counted cases.

Working days counted by hand (start day excluded). 2025 days off used below: 清明 4/4 (Fri)–4/6;
劳动节 5/1–5/5 with Sunday 4/27 a working day. 2024: 国庆 10/1–10/7, Saturday 10/12 a working day.
"""

import dataclasses
from datetime import date

import pytest

from gongkai.applications.clock import ClockError, ClockEvent, EventKind, Status, compute_clock
from gongkai.applications.rules import DEFAULT_DEADLINES
from gongkai.workdays import CalendarMissing

RECEIVED = date(2025, 3, 3)  # Monday
E = EventKind


def ev(kind, on, **kw):
    return ClockEvent(kind, on, **kw)


def test_plain_reply_deadline():
    # 3/4–7 = 1..4, 3/10–14 = 5..9, 3/17–21 = 10..14, 3/24–28 = 15..19, 3/31 = 20
    clock = compute_clock(RECEIVED, today=date(2025, 3, 26))
    assert clock.reply_due == date(2025, 3, 31)
    assert clock.status is Status.RUNNING and not clock.paused
    assert clock.days_left == 3  # 3/27, 3/28, 3/31
    assert not clock.overdue
    late = compute_clock(RECEIVED, today=date(2025, 4, 1))
    assert late.days_left == -1 and late.overdue


def test_deadlines_listed_with_days_left():
    clock = compute_clock(RECEIVED, today=date(2025, 3, 5))
    listed = {d.kind: (d.on, d.days_left) for d in clock.deadlines()}
    # 补正告知: 3/4–7 = 1..4, 3/10–12 = 5..7 → 3/12; left on 3/5: 3/6, 3/7, 3/10, 3/11, 3/12
    assert listed == {"correction_notice": (date(2025, 3, 12), 5), "reply": (date(2025, 3, 31), 18)}
    # after the 7-day window the correction-notice deadline is no longer shown
    assert [d.kind for d in compute_clock(RECEIVED, today=date(2025, 3, 13)).deadlines()] == ["reply"]


def test_today_in_a_year_without_calendar_data():
    # The deadline (2026) is known; "today" is in 2027, which the calendar lacks: the count of days
    # left is unknown (None), never guessed and never an error, and the deadline is still shown.
    received = date(2026, 11, 2)  # Monday; 20 WD → 30 November
    clock = compute_clock(received, today=date(2027, 1, 5))
    assert clock.reply_due == date(2026, 11, 30) and clock.overdue
    assert clock.days_left is None
    assert [(d.kind, d.on, d.days_left) for d in clock.deadlines()] == [("reply", date(2026, 11, 30), None)]
    # A deadline that itself falls into 2027 still fails closed.
    with pytest.raises(CalendarMissing):
        compute_clock(date(2026, 12, 20))


def test_correction_stops_and_restarts_the_clock():
    asked = ev(E.CORRECTION_REQUESTED, date(2025, 3, 7), until=date(2025, 3, 21))
    waiting = compute_clock(RECEIVED, [asked], today=date(2025, 3, 10))
    assert waiting.status is Status.STOPPED
    assert waiting.reply_due is None and waiting.days_left is None
    assert waiting.correction_due == date(2025, 3, 21)
    assert waiting.correction_notice_due is None
    # Corrected application received Thursday 3/20: 20 WD start again from zero.
    # 3/21 = 1, 3/24–28 = 2..6, 3/31–4/3 = 7..10, (4/4 清明), 4/7–11 = 11..15, 4/14–18 = 16..20
    restarted = compute_clock(RECEIVED, [asked, ev(E.CORRECTION_RECEIVED, date(2025, 3, 20))])
    assert restarted.reply_due == date(2025, 4, 18)
    assert restarted.started == date(2025, 3, 20)
    assert restarted.status is Status.RUNNING


def test_correction_restart_across_national_day():
    # Received 2024-09-20, corrected application 2024-09-30 (Mon):
    # 10/8–11 = 1..4, 10/12 (Sat) = 5, 10/14–18 = 6..10, 10/21–25 = 11..15, 10/28–11/1 = 16..20
    events = [ev(E.CORRECTION_REQUESTED, date(2024, 9, 25)), ev(E.CORRECTION_RECEIVED, date(2024, 9, 30))]
    assert compute_clock(date(2024, 9, 20), events).reply_due == date(2024, 11, 1)


def test_correction_only_once_and_in_order():
    once = ev(E.CORRECTION_REQUESTED, date(2025, 3, 5))
    with pytest.raises(ClockError, match="一次性告知"):
        compute_clock(RECEIVED, [once, ev(E.CORRECTION_RECEIVED, date(2025, 3, 6)), once])
    with pytest.raises(ClockError, match="没有待补正"):
        compute_clock(RECEIVED, [ev(E.CORRECTION_RECEIVED, date(2025, 3, 6))])


def test_late_correction_notice_is_flagged():
    clock = compute_clock(RECEIVED, [ev(E.CORRECTION_REQUESTED, date(2025, 3, 13))])
    assert clock.warnings == ("补正告知于 2025-03-13 发出，晚于法定期限 2025-03-12（收到申请后7个工作日）",)


def test_consultation_pauses_the_clock():
    # Letter out Monday 3/10 (5 WD used: 3/4–7, 3/10). Ended Thursday 3/20: 3/11–14, 3/17–20 = 8 WD
    # not counted. 15 WD left after 3/20: 3/21, 3/24–28, 3/31–4/3, 4/7–11 → 4/11 (= 3/31 + 8 WD).
    started = ev(E.CONSULTATION_STARTED, date(2025, 3, 10))
    during = compute_clock(RECEIVED, [started], today=date(2025, 3, 12))
    assert during.status is Status.PAUSED and during.paused
    # consultation deadline: 3/11–14 = 1..4, 3/17–21 = 5..9, 3/24–28 = 10..14, 3/31 = 15
    assert during.consultation_due == date(2025, 3, 31)
    clock = compute_clock(RECEIVED, [started, ev(E.CONSULTATION_ENDED, date(2025, 3, 20))])
    assert clock.reply_due == date(2025, 4, 11)
    assert clock.paused_days == 8
    assert clock.consultation_due is None


def test_consultation_pause_is_capped_at_15_working_days():
    # Third party silent; the agency records the end only on 4/10. The pause counts only up to
    # the consultation deadline 3/31; 15 WD left after it: 4/1–3 = 1..3, 4/7–11 = 4..8,
    # 4/14–18 = 9..13, 4/21 = 14, 4/22 = 15.
    started = ev(E.CONSULTATION_STARTED, date(2025, 3, 10))
    ended = compute_clock(RECEIVED, [started, ev(E.CONSULTATION_ENDED, date(2025, 4, 10))])
    assert ended.reply_due == date(2025, 4, 22)
    assert ended.paused_days == 15
    # Still open: before the consultation deadline the clock is paused, the projection is the same
    waiting = compute_clock(RECEIVED, [started], today=date(2025, 3, 20))
    assert waiting.status is Status.PAUSED and waiting.reply_due == date(2025, 4, 22)
    # after it, the clock runs again
    running = compute_clock(RECEIVED, [started], today=date(2025, 4, 2))
    assert running.status is Status.RUNNING and running.reply_due == date(2025, 4, 22)
    assert running.days_left == 13  # 4/3, 4/7–11, 4/14–18, 4/21–22
    # Without the cap the whole consultation is excluded: 15 WD after 4/10 → 4/11, 4/14–18,
    # 4/21–25, 4/27 (Sun), 4/28–30 → 4/30.
    uncapped = dataclasses.replace(DEFAULT_DEADLINES, cap_consultation_pause=False)
    clock = compute_clock(RECEIVED, [started, ev(E.CONSULTATION_ENDED, date(2025, 4, 10))], rules=uncapped)
    assert clock.reply_due == date(2025, 4, 30)
    assert compute_clock(RECEIVED, [started], rules=uncapped).reply_due is None


def test_pause_after_the_deadline_does_not_revive_it():
    events = [ev(E.CONSULTATION_STARTED, date(2025, 4, 2)), ev(E.CONSULTATION_ENDED, date(2025, 4, 10))]
    clock = compute_clock(RECEIVED, events, today=date(2025, 4, 11))
    assert clock.reply_due == date(2025, 3, 31) and clock.overdue


def test_extension_of_20_working_days():
    # 20 more WD after 3/31: 4/1–3 = 1..3, 4/7–11 = 4..8, 4/14–18 = 9..13, 4/21–25 = 14..18,
    # 4/27 (Sunday, 调休) = 19, 4/28 = 20
    clock = compute_clock(RECEIVED, [ev(E.EXTENSION_GRANTED, date(2025, 3, 28), days=20)])
    assert clock.reply_due == date(2025, 4, 28)
    assert clock.extended_by == 20 and clock.budget == 40


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([ev(E.EXTENSION_GRANTED, date(2025, 3, 28), days=21)], "1至20个工作日"),
        ([ev(E.EXTENSION_GRANTED, date(2025, 3, 28))], "1至20个工作日"),
        (
            [
                ev(E.EXTENSION_GRANTED, date(2025, 3, 20), days=5),
                ev(E.EXTENSION_GRANTED, date(2025, 3, 21), days=5),
            ],
            "只能延长一次",
        ),
        ([ev(E.EXTENSION_GRANTED, date(2025, 4, 1), days=10)], "已届满"),
        (
            [ev(E.CORRECTION_REQUESTED, date(2025, 3, 5)), ev(E.EXTENSION_GRANTED, date(2025, 3, 6), days=5)],
            "待补正期间不能延长",
        ),
    ],
)
def test_extension_rules(events, message):
    with pytest.raises(ClockError, match=message):
        compute_clock(RECEIVED, events)


def test_fee_payment_window():
    # Notice Monday 3/17; payment due: 3/18–21 = 1..4, 3/24–28 = 5..9, 3/31–4/3 = 10..13,
    # 4/7–11 = 14..18, 4/14 = 19, 4/15 = 20
    notice = ev(E.FEE_NOTICE_SENT, date(2025, 3, 17))
    clock = compute_clock(RECEIVED, [notice], today=date(2025, 3, 18))
    assert clock.payment_due == date(2025, 4, 15)
    assert clock.reply_due == date(2025, 3, 31)  # by default the reply clock keeps running [U]
    assert {d.kind for d in clock.deadlines()} >= {"payment", "reply"}
    paid = compute_clock(RECEIVED, [notice, ev(E.FEE_PAID, date(2025, 3, 26))])
    assert paid.payment_due is None and paid.reply_due == date(2025, 3, 31)


def test_fee_window_pausing_the_clock_when_configured():
    # 10 WD used by 3/17 (3/4–7, 3/10–14, 3/17); paid Wednesday 3/26; 10 left:
    # 3/27, 3/28, 3/31, 4/1, 4/2, 4/3, 4/7, 4/8, 4/9, 4/10
    rules = dataclasses.replace(DEFAULT_DEADLINES, fee_notice_pauses_clock=True)
    events = [ev(E.FEE_NOTICE_SENT, date(2025, 3, 17)), ev(E.FEE_PAID, date(2025, 3, 26))]
    assert compute_clock(RECEIVED, events[:1], rules=rules).status is Status.PAUSED
    assert compute_clock(RECEIVED, events[:1], rules=rules).reply_due is None
    assert compute_clock(RECEIVED, events, rules=rules).reply_due == date(2025, 4, 10)


def test_fee_rules():
    with pytest.raises(ClockError, match="已发出过收费通知"):
        compute_clock(
            RECEIVED, [ev(E.FEE_NOTICE_SENT, date(2025, 3, 5)), ev(E.FEE_NOTICE_SENT, date(2025, 3, 6))]
        )
    with pytest.raises(ClockError, match="没有待缴费"):
        compute_clock(RECEIVED, [ev(E.FEE_PAID, date(2025, 3, 6))])
    late = compute_clock(
        RECEIVED, [ev(E.FEE_NOTICE_SENT, date(2025, 3, 17)), ev(E.FEE_PAID, date(2025, 4, 16))]
    )
    assert late.warnings == ("缴费日期 2025-04-16 晚于缴费期限 2025-04-15",)


def test_inconsistent_events():
    with pytest.raises(ClockError, match="早于收到申请日期"):
        compute_clock(RECEIVED, [ev(E.CONSULTATION_STARTED, date(2025, 3, 1))])
    with pytest.raises(ClockError, match="没有进行中的征求意见"):
        compute_clock(RECEIVED, [ev(E.CONSULTATION_ENDED, date(2025, 3, 6))])
    with pytest.raises(ClockError, match="不能告知补正"):
        compute_clock(
            RECEIVED,
            [ev(E.CONSULTATION_STARTED, date(2025, 3, 5)), ev(E.CORRECTION_REQUESTED, date(2025, 3, 6))],
        )
    with pytest.raises(ClockError, match="不能开始征求意见"):
        compute_clock(
            RECEIVED,
            [ev(E.CORRECTION_REQUESTED, date(2025, 3, 5)), ev(E.CONSULTATION_STARTED, date(2025, 3, 6))],
        )


def test_events_in_any_order():
    events = [ev(E.CONSULTATION_ENDED, date(2025, 3, 20)), ev(E.CONSULTATION_STARTED, date(2025, 3, 10))]
    assert compute_clock(RECEIVED, events).reply_due == date(2025, 4, 11)


def test_deadline_into_a_year_without_calendar_data():
    with pytest.raises(CalendarMissing):
        compute_clock(date(2026, 12, 10))
