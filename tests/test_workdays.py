"""Working-day deadlines against hand-counted cases.

Every expected date below was counted by hand, day by day, from the State Council holiday
notices (放假调休安排); none is computed by the code under test. Counting: the start day does not
count (民法典第二百零一条), so "N working days after D" is the N-th working day after D.
"""

from datetime import date, datetime

import pytest

from gongkai.workdays import (
    HOLIDAY,
    MAKEUP_WORKDAY,
    CalendarMissing,
    WorkCalendar,
    default_calendar,
    is_working_day,
    nth_working_day_after,
    statutory_days_off,
    working_days_between,
    working_days_left,
)

# (received, working days, expected deadline, how it was counted)
HAND_COUNTED = [
    # 2024 春节: 2/10–2/17 off; 2/4 (Sun) and 2/18 (Sun) working. 2/9 (除夕) was a working day in 2024.
    (
        date(2024, 2, 8),
        20,
        date(2024, 3, 13),
        "2/9=1, 2/18=2, 2/19–23=3..7, 2/26–3/1=8..12, 3/4–8=13..17, 3/11–13=18..20",
    ),
    (date(2024, 2, 8), 7, date(2024, 2, 23), "2/9=1, 2/18(Sun)=2, 2/19–23=3..7"),
    (date(2024, 2, 2), 3, date(2024, 2, 6), "2/3 Sat off, 2/4(Sun)=1, 2/5=2, 2/6=3"),
    # 2024 劳动节: 5/1–5/5 off; 4/28 (Sun) and 5/11 (Sat) working.
    (
        date(2024, 4, 25),
        20,
        date(2024, 5, 24),
        "4/26=1, 4/28=2, 4/29=3, 4/30=4, 5/6–10=5..9, 5/11=10, 5/13–17=11..15, 5/20–24=16..20",
    ),
    (date(2024, 4, 30), 7, date(2024, 5, 13), "5/6–10=1..5, 5/11(Sat)=6, 5/13=7"),
    # 2024 中秋 9/15–9/17 off, 9/14 (Sat) working; 国庆 10/1–10/7 off, 9/29 (Sun) and 10/12 (Sat) working.
    (
        date(2024, 9, 27),
        20,
        date(2024, 10, 30),
        "9/29=1, 9/30=2, 10/8–11=3..6, 10/12=7, 10/14–18=8..12, 10/21–25=13..17, 10/28–30=18..20",
    ),
    (
        date(2024, 9, 13),
        15,
        date(2024, 10, 11),
        "9/14(Sat)=1, 9/18–20=2..4, 9/23–27=5..9, 9/29=10, 9/30=11, 10/8–11=12..15",
    ),
    # 2025 春节: 1/28–2/4 off; 1/26 (Sun) and 2/8 (Sat) working.
    (
        date(2025, 1, 24),
        20,
        date(2025, 2, 27),
        "1/26=1, 1/27=2, 2/5–7=3..5, 2/8=6, 2/10–14=7..11, 2/17–21=12..16, 2/24–27=17..20",
    ),
    # 2025 劳动节: 5/1–5/5 off; 4/27 (Sun) working; 5/10 (Sat) is an ordinary day off.
    (
        date(2025, 4, 25),
        20,
        date(2025, 5, 27),
        "4/27=1, 4/28–30=2..4, 5/6–9=5..8, 5/12–16=9..13, 5/19–23=14..18, 5/26–27=19..20",
    ),
    # 2025 国庆中秋: 10/1–10/8 off; 9/28 (Sun) and 10/11 (Sat) working.
    (
        date(2025, 9, 26),
        20,
        date(2025, 10, 30),
        "9/28=1, 9/29–30=2..3, 10/9–10=4..5, 10/11=6, 10/13–17=7..11, 10/20–24=12..16, 10/27–30=17..20",
    ),
    (date(2025, 9, 30), 7, date(2025, 10, 16), "10/9=1, 10/10=2, 10/11(Sat)=3, 10/13–16=4..7"),
    # 2026 元旦: 1/1–1/3 off, 1/4 (Sun) working — a deadline across the turn of the year.
    (date(2025, 12, 31), 7, date(2026, 1, 12), "1/4(Sun)=1, 1/5–9=2..6, 1/12=7"),
    # 2026 春节: 2/15–2/23 off; 2/14 (Sat) and 2/28 (Sat) working.
    (
        date(2026, 2, 12),
        20,
        date(2026, 3, 18),
        "2/13=1, 2/14=2, 2/24–27=3..6, 2/28=7, 3/2–6=8..12, 3/9–13=13..17, 3/16–18=18..20",
    ),
    # 2026 劳动节: 5/1–5/5 off; 5/9 (Sat) working.
    (
        date(2026, 4, 29),
        20,
        date(2026, 5, 29),
        "4/30=1, 5/6–8=2..4, 5/9=5, 5/11–15=6..10, 5/18–22=11..15, 5/25–29=16..20",
    ),
    # 2026 中秋 9/25–9/27 off, 9/20 (Sun) working; 国庆 10/1–10/7 off, 10/10 (Sat) working.
    (
        date(2026, 9, 18),
        20,
        date(2026, 10, 22),
        "9/20=1, 9/21–24=2..5, 9/28–30=6..8, 10/8–9=9..10, 10/10=11, 10/12–16=12..16, 10/19–22=17..20",
    ),
]


@pytest.mark.parametrize(("received", "n", "expected", "counted"), HAND_COUNTED)
def test_hand_counted_deadlines(received, n, expected, counted):
    assert nth_working_day_after(received, n) == expected, counted


@pytest.mark.parametrize(("received", "n", "expected", "counted"), HAND_COUNTED)
def test_between_is_the_inverse(received, n, expected, counted):
    assert working_days_between(received, expected) == n
    assert working_days_between(expected, received) == -n


def test_start_day_is_excluded():
    # Received on Monday 2024-03-11: the first working day is the next day.
    assert nth_working_day_after(date(2024, 3, 11), 1) == date(2024, 3, 12)
    # Received on Saturday 2024-03-09: Monday is the first.
    assert nth_working_day_after(date(2024, 3, 9), 1) == date(2024, 3, 11)
    assert nth_working_day_after(date(2024, 3, 11), 0) == date(2024, 3, 11)
    assert working_days_between(date(2024, 3, 11), date(2024, 3, 11)) == 0
    # datetime is accepted as its date
    assert nth_working_day_after(datetime(2024, 3, 11, 17, 30), 1) == date(2024, 3, 12)


def test_is_working_day():
    assert is_working_day(date(2024, 2, 4))  # Sunday, 调休
    assert not is_working_day(date(2024, 2, 12))  # Monday in 春节
    assert not is_working_day(date(2024, 3, 9))  # ordinary Saturday
    assert is_working_day(date(2026, 10, 10))  # Saturday, 调休
    assert not is_working_day(date(2026, 10, 7))  # Wednesday in 国庆


def test_year_without_data_fails_closed():
    with pytest.raises(CalendarMissing) as info:
        nth_working_day_after(date(2026, 12, 15), 20)
    assert info.value.year == 2027
    assert str(info.value) == "2027年的节假日安排尚未录入，无法计算期限"
    with pytest.raises(CalendarMissing):
        is_working_day(date(2027, 1, 4))
    with pytest.raises(CalendarMissing):
        nth_working_day_after(date(2026, 12, 31), 1)
    with pytest.raises(CalendarMissing):
        working_days_between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(CalendarMissing):
        nth_working_day_after(date(2003, 12, 1), 5)
    # The last covered day is still reachable: 12/16–18, 12/21–25, 12/28–31 = 12 working days.
    assert nth_working_day_after(date(2026, 12, 15), 12) == date(2026, 12, 31)


def test_default_calendar_covers_exactly_the_library_years():
    calendar = default_calendar()
    assert calendar.covered_years == frozenset(range(2004, 2027))
    assert calendar is default_calendar()  # cached


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        nth_working_day_after(date(2024, 3, 11), -1)


def test_working_days_left():
    deadline = date(2024, 3, 13)  # Wednesday
    assert working_days_left(date(2024, 3, 8), deadline) == 3  # 3/11, 3/12, 3/13
    assert working_days_left(date(2024, 3, 13), deadline) == 0  # due today
    assert working_days_left(date(2024, 3, 14), deadline) == -1
    assert working_days_left(date(2024, 3, 18), deadline) == -3  # 3/14, 3/15, 3/18
    # Saturday right after a Friday deadline is overdue, not "due today".
    assert working_days_left(date(2024, 3, 16), date(2024, 3, 15)) == -1


def rows_calendar() -> WorkCalendar:
    # A made-up arrangement for 2027: Mon 2027-02-08 … Fri 02-12 off, Sat 02-20 working.
    rows = [(date(2027, 2, d), HOLIDAY) for d in range(8, 13)] + [(date(2027, 2, 20), MAKEUP_WORKDAY)]
    return WorkCalendar.from_rows(rows, covered_years=[2027], source="test notice")


def test_calendar_from_rows():
    calendar = rows_calendar()
    # 2027-02-05 is a Friday. 2/8–12 off, 2/15–19 = 1..5, 2/20 (Sat) = 6, 2/22 = 7.
    assert calendar.nth_working_day_after(date(2027, 2, 5), 7) == date(2027, 2, 22)
    assert nth_working_day_after(date(2027, 2, 5), 7, calendar) == date(2027, 2, 22)
    assert working_days_between(date(2027, 2, 5), date(2027, 2, 22), calendar) == 7
    assert calendar.to_rows()[0] == (date(2027, 2, 8), HOLIDAY)
    assert WorkCalendar.from_rows(calendar.to_rows(), [2027]) == calendar
    with pytest.raises(CalendarMissing):
        calendar.nth_working_day_after(date(2027, 12, 30), 2)  # into 2028


def test_gap_year_is_not_skipped():
    # Covered 2025 and 2027 but not 2026: counting from 2025 into 2027 must fail on 2026.
    calendar = WorkCalendar([], [], covered_years=[2025, 2027])
    with pytest.raises(CalendarMissing) as info:
        calendar.nth_working_day_after(date(2025, 12, 30), 5)
    assert info.value.year == 2026


def test_bad_rows_are_refused():
    with pytest.raises(ValueError):
        WorkCalendar.from_rows([(date(2027, 1, 1), "vacation")], [2027])
    with pytest.raises(ValueError):
        WorkCalendar.from_rows([(date(2027, 1, 1), HOLIDAY)], [2026])
    with pytest.raises(ValueError):
        WorkCalendar([date(2027, 1, 2)], [date(2027, 1, 2)], [2027])


def test_statutory_days_off_follow_the_law_of_the_year():
    # 2026 (revised 办法): 元旦, 除夕–初三 (2/16–19), 清明 4/5 (Sun) made up 4/6, 5/1–2 (Sat made up 5/4),
    # 端午 6/19, 中秋 9/25, 国庆 10/1–3 (Sat made up 10/5).
    assert sorted(statutory_days_off(2026)) == [
        date(2026, *md)
        for md in [(1, 1), (2, 16), (2, 17), (2, 18), (2, 19), (4, 5), (4, 6), (5, 1), (5, 2), (5, 4)]
        + [(6, 19), (9, 25), (10, 1), (10, 2), (10, 3), (10, 5)]
    ]
    # Before 2025 no 除夕 and one day for 劳动节: 2024-02-09 (除夕) and 05-02 are not statutory.
    days_2024 = statutory_days_off(2024)
    assert date(2024, 2, 10) in days_2024 and date(2024, 2, 9) not in days_2024
    assert date(2024, 5, 1) in days_2024 and date(2024, 5, 2) not in days_2024


@pytest.mark.parametrize("year", range(2016, 2027))
def test_a_provisional_year_has_as_many_working_days_as_the_official_one(year):
    # 调休 only moves days off; the 办法's days plus 补假 give the year's count of working days
    # (2020's extended 春节 was an exception decided in the epidemic).
    official = default_calendar()
    provisional = WorkCalendar([], [], [year - 1]).with_provisional(date(year - 1, 12, 1))
    assert provisional.provisional_years == {year} and provisional.is_provisional(date(year, 7, 1))
    span = (date(year - 1, 12, 31), date(year, 12, 31))
    difference = provisional.working_days_between(*span) - official.working_days_between(*span)
    assert difference == (3 if year == 2020 else 0)


def test_provisional_years_follow_the_last_covered_one_and_reach_past_today():
    base = WorkCalendar([], [], covered_years=[2025, 2026])
    assert base.with_provisional(date(2026, 12, 6)).provisional_years == {2027}
    # Nobody entered 2027 and it is 2027 now: 2028 is counted provisionally too.
    assert base.with_provisional(date(2027, 12, 6)).provisional_years == {2027, 2028}
    cal = base.with_provisional(date(2026, 12, 6))
    assert cal.to_rows() == base.to_rows() and not cal.covers(2027)  # provisional days are never seeded
    assert cal.nth_working_day_after(date(2026, 12, 31), 1) == date(2027, 1, 4)  # 元旦 on a Friday
    with pytest.raises(CalendarMissing) as info:
        cal.nth_working_day_after(date(2027, 12, 20), 20)
    assert info.value.year == 2028


def test_calendar_days_period_rolls_over_days_off():
    calendar = default_calendar()
    # 15 calendar days after 2024-09-16 is 2024-10-01 (国庆) → the first working day after is 10/8.
    assert calendar.calendar_days_after(date(2024, 9, 16), 15) == date(2024, 10, 8)
    assert calendar.calendar_days_after(date(2024, 3, 1), 10) == date(2024, 3, 11)  # Monday already


def run_cli(*argv):
    import argparse

    from gongkai.cli import deadline

    parser = argparse.ArgumentParser(prog="gongkai")
    deadline.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["deadline", *argv])
    return args.handler(args)


def test_cli_deadline(capsys, monkeypatch, tmp_path):
    # No database configured: the packaged calendar answers (the database case: workdays tests).
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("GONGKAI_DATA", str(tmp_path))
    assert run_cli("2024-02-08", "20") == 0
    assert capsys.readouterr().out == "2024-03-13\n"
    # Into a year whose notice is not out: counted on the statutory holidays alone, marked 暂定.
    assert run_cli("2026-12-15", "20") == 0
    out, err = capsys.readouterr()
    assert out == "2027-01-13 暂定\n" and err.startswith("暂定：2027年的节假日安排尚未录入")
    beyond = max(default_calendar().with_provisional(date.today()).provisional_years) + 1
    assert run_cli(f"{beyond}-03-01", "20") == 1
    assert capsys.readouterr().err == f"{beyond}年的节假日安排尚未录入，无法计算期限\n"
    assert run_cli("2024-02-30", "20") == 2
    assert capsys.readouterr().err == "日期格式错误：'2024-02-30'，应为 YYYY-MM-DD，如 2024-02-08\n"
    assert run_cli("2024-02-08", "二十") == 2
    assert "工作日数应为非负整数" in capsys.readouterr().err
