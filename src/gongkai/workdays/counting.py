"""Working days (工作日) under the Chinese public-holiday calendar, for every statutory deadline.

Counting follows 《民法典》第二百零一条 by analogy (the 条例 itself does not say how to count):
the start day does not count, so "N working days after D" is the N-th working day after D.

A calendar knows exactly which years it covers. Asking about a day in a year it does not cover
raises ``CalendarMissing``: a deadline must never be silently computed as if that year had no
holidays and no 调休 make-up working days (the State Council publishes each year's arrangement
only late in the previous year). Until the notice is entered, ``with_provisional`` lets the years
after the last covered one be counted on the statutory holidays alone (``gongkai.law``); every date
in such a year is *provisional* (``is_provisional``) and must be shown as 暂定.

Plain Python, no Django: the Django app builds a ``WorkCalendar`` from its editable table with
``WorkCalendar.from_rows`` and passes it in; ``default_calendar()`` is seeded from chinese-calendar.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from gongkai import law

HOLIDAY = "holiday"  # a day off that would otherwise be a working day (or falls on a weekend)
MAKEUP_WORKDAY = "makeup_workday"  # 调休: a Saturday or Sunday that is a working day
KINDS = (HOLIDAY, MAKEUP_WORKDAY)


class CalendarMissing(Exception):
    """The holiday arrangement of ``year`` is not in the calendar; no deadline can be computed."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年的节假日安排尚未录入，无法计算期限")


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


class WorkCalendar:
    """Holidays and 调休 make-up working days for a set of covered years.

    Monday–Friday are working days unless listed as holidays; Saturday and Sunday are days off
    unless listed as make-up working days. Dates outside ``covered_years`` are unknown.
    """

    def __init__(
        self,
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
        covered_years: Iterable[int],
        source: str = "",
        provisional_years: Iterable[int] = (),
    ):
        self.holidays = frozenset(_as_date(d) for d in holidays)
        self.makeup_workdays = frozenset(_as_date(d) for d in makeup_workdays)
        self.covered_years = frozenset(covered_years)
        self.source = source
        # Years counted on the statutory holidays alone, until their notice is entered.
        self.provisional_years = frozenset(provisional_years) - self.covered_years
        self._provisional_days_off = frozenset(
            d for year in self.provisional_years for d in statutory_days_off(year)
        )
        both = self.holidays & self.makeup_workdays
        if both:
            day = min(both)
            raise ValueError(f"{day.isoformat()} 不能既是节假日又是调休上班日")
        for d in sorted(self.holidays | self.makeup_workdays):
            if d.year not in self.covered_years:
                raise ValueError(f"{d.isoformat()} 不在日历所覆盖的年份内")
        # Every working day of every covered year as a proleptic ordinal, ascending, so that
        # "N-th working day after D" is one bisect plus one index.
        ordinals: list[int] = []
        for year in sorted(self.covered_years | self.provisional_years):
            day = date(year, 1, 1).toordinal()
            end = date(year, 12, 31).toordinal()
            while day <= end:
                if self._is_working(date.fromordinal(day)):
                    ordinals.append(day)
                day += 1
        self._ordinals = ordinals

    # ------------------------------------------------------------ construction

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[date, str]],
        covered_years: Iterable[int],
        source: str = "",
        provisional_years: Iterable[int] = (),
    ) -> WorkCalendar:
        """Build from ``(date, kind)`` rows, kind ``"holiday"`` or ``"makeup_workday"`` (the DB table)."""
        holidays: list[date] = []
        makeup: list[date] = []
        for day, kind in rows:
            if kind == HOLIDAY:
                holidays.append(day)
            elif kind == MAKEUP_WORKDAY:
                makeup.append(day)
            else:
                raise ValueError(f"未知的日期类型 {kind!r}，应为 {HOLIDAY} 或 {MAKEUP_WORKDAY}")
        return cls(holidays, makeup, covered_years, source, provisional_years)

    def with_provisional(self, today: date) -> WorkCalendar:
        """This calendar, plus provisional years from the one after the last covered year through the
        year after ``today``'s (so an application received in December always gets a deadline)."""
        last = max(self.covered_years, default=_as_date(today).year - 1)
        through = max(last, _as_date(today).year) + 1
        return WorkCalendar(
            self.holidays, self.makeup_workdays, self.covered_years, self.source, range(last + 1, through + 1)
        )

    def to_rows(self) -> list[tuple[date, str]]:
        """The ``(date, kind)`` rows of the covered years, sorted by date — e.g. to seed the DB table."""
        rows = [(d, HOLIDAY) for d in self.holidays] + [(d, MAKEUP_WORKDAY) for d in self.makeup_workdays]
        return sorted(rows)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, WorkCalendar)
            and self.holidays == other.holidays
            and self.makeup_workdays == other.makeup_workdays
            and self.covered_years == other.covered_years
            and self.provisional_years == other.provisional_years
        )

    def __hash__(self) -> int:
        return hash((self.holidays, self.makeup_workdays, self.covered_years, self.provisional_years))

    def __repr__(self) -> str:
        years = sorted(self.covered_years)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        provisional = f", provisional={sorted(self.provisional_years)}" if self.provisional_years else ""
        return f"WorkCalendar(years={span}, holidays={len(self.holidays)}, makeup={len(self.makeup_workdays)}{provisional})"

    # ------------------------------------------------------------ queries

    def covers(self, year: int) -> bool:
        """Whether ``year``'s official arrangement is in the calendar (provisional years are not)."""
        return year in self.covered_years

    def is_provisional(self, d: date) -> bool:
        """Whether ``d`` lies in a year counted on the statutory holidays alone (show it as 暂定).
        Provisional years all follow the covered ones, so a count is provisional exactly when its
        result is."""
        return _as_date(d).year in self.provisional_years

    def _countable(self, year: int) -> bool:
        return year in self.covered_years or year in self.provisional_years

    def require(self, first: date, last: date) -> None:
        """Raise ``CalendarMissing`` for the first year in ``first..last`` the calendar cannot count."""
        for year in range(first.year, last.year + 1):
            if not self._countable(year):
                raise CalendarMissing(year)

    def _is_working(self, d: date) -> bool:
        if d.weekday() >= 5:
            return d in self.makeup_workdays
        return d not in self.holidays and d not in self._provisional_days_off

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        if not self._countable(d.year):
            raise CalendarMissing(d.year)
        return self._is_working(d)

    def nth_working_day_after(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (start excluded); ``n == 0`` gives ``start``."""
        start = _as_date(start)
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        if n == 0:
            return start
        i = bisect_right(self._ordinals, start.toordinal()) + n - 1
        first = start + timedelta(days=1)
        if i >= len(self._ordinals):
            # Ran off the end of the data: name the first missing year from the first counted day on.
            year = first.year
            while self._countable(year):
                year += 1
            raise CalendarMissing(year)
        result = date.fromordinal(self._ordinals[i])
        # The ordinals skip uncovered years, so check every year the count passed through.
        self.require(first, result)
        return result

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``.

        Antisymmetric: 0 when ``end == start``; when ``end < start`` it is minus the working days
        after ``end`` up to and including ``start``. So ``working_days_between(d, nth_working_day_after(d, n)) == n``.
        """
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        if end == start:
            return 0
        self.require(start + timedelta(days=1), end)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(self._ordinals, start.toordinal())

    def working_days_left(self, today: date, deadline: date) -> int:
        """Working days left until ``deadline`` as seen on ``today``.

        ``> 0``: that many working days after today up to and including the deadline;
        ``0``: due today; ``< 0``: overdue — minus the working days after the deadline up to and
        including today, at least 1 (so a weekend right after a Friday deadline shows -1, not 0).
        """
        today, deadline = _as_date(today), _as_date(deadline)
        if deadline >= today:
            return self.working_days_between(today, deadline)
        return -max(1, self.working_days_between(deadline, today))

    def next_working_day_on_or_after(self, d: date) -> date:
        d = _as_date(d)
        return d if self.is_working_day(d) else self.nth_working_day_after(d, 1)

    def calendar_days_after(self, start: date, days: int) -> date:
        """End of a period of ``days`` calendar days after ``start`` (e.g. a 补正 period set in days).

        《民法典》第二百零一条 (start day excluded) and 第二百零三条: when the last day is a day off,
        the period ends on the next working day. [I: the 条例 fixes no rule for such periods.]
        """
        if days < 0:
            raise ValueError(f"天数不能为负数：{days}")
        return self.next_working_day_on_or_after(_as_date(start) + timedelta(days=days))


def _statutory_day(holiday: law.StatutoryHoliday, year: int) -> date:
    if holiday.reckoning == law.HolidayDate.SOLAR:
        return date(year, holiday.month, holiday.day)
    if holiday.reckoning == law.HolidayDate.LUNAR:
        from lunardate import LunarDate

        if holiday.day == 0:  # the eve of the lunar month (除夕 before 正月初一)
            return LunarDate(year, holiday.month, 1).to_solar_date() - timedelta(days=1)
        return LunarDate(year, holiday.month, holiday.day).to_solar_date()
    import chinese_calendar

    month_start = date(year, holiday.month, 1)
    terms = chinese_calendar.get_solar_terms(month_start, month_start + timedelta(days=30))
    return next(day for day, name in terms if name == holiday.term)


@lru_cache(maxsize=64)
def statutory_arrangement(year: int) -> tuple[tuple[date, str], ...]:
    """``(day, name)`` of the days off of ``year`` under the statutory holidays alone, by date: the
    holidays themselves, and for each one falling on a weekend the next weekday not already off
    (第六条 补假, named "补假（…）"; the day is chosen [I])."""
    holidays: dict[date, str] = {}
    for h in law.STATUTORY_HOLIDAYS:
        if h.from_year <= year <= h.until_year:
            holidays[_statutory_day(h, year)] = h.name
    days_off = dict(holidays)
    for day, name in sorted(holidays.items()):
        if day.weekday() < 5:
            continue
        makeup = day + timedelta(days=1)
        while makeup.weekday() >= 5 or makeup in days_off:
            makeup += timedelta(days=1)
        if makeup.year == year:
            days_off[makeup] = f"补假（{name}）"
    return tuple(sorted(days_off.items()))


def statutory_days_off(year: int) -> frozenset[date]:
    return frozenset(day for day, _ in statutory_arrangement(year))


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar of the years chinese-calendar has official data for (2004–2026 in 1.11.0)."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays}
    return WorkCalendar(
        holidays=chinese_calendar.holidays.keys(),
        makeup_workdays=chinese_calendar.workdays.keys(),
        covered_years=range(min(years), max(years) + 1),
        source=f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip(),
    )


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return default_calendar() if calendar is None else calendar


def is_working_day(d: date, calendar: WorkCalendar | None = None) -> bool:
    return _calendar(calendar).is_working_day(d)


def nth_working_day_after(start: date, n: int, calendar: WorkCalendar | None = None) -> date:
    """The ``n``-th working day after ``start``; the start day does not count (民法典第二百零一条)."""
    return _calendar(calendar).nth_working_day_after(start, n)


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end < start``."""
    return _calendar(calendar).working_days_between(start, end)


def working_days_left(today: date, deadline: date, calendar: WorkCalendar | None = None) -> int:
    """Working days left until ``deadline``; 0 = due today, negative = overdue."""
    return _calendar(calendar).working_days_left(today, deadline)


__all__ = [
    "HOLIDAY",
    "KINDS",
    "MAKEUP_WORKDAY",
    "CalendarMissing",
    "WorkCalendar",
    "default_calendar",
    "statutory_arrangement",
    "statutory_days_off",
    "is_working_day",
    "nth_working_day_after",
    "working_days_between",
    "working_days_left",
]
