"""The working-day calendar from the database (HolidayCalendarDay, CalendarYear).

Seeded from chinese-calendar (``seed_from_chinese_calendar``, run by the migrations); staff
administrators add or remove days and import the State Council's yearly notice. Every edit sends
``calendar_changed`` in its transaction, so the apps keeping deadlines recompute them, and records
in the event log which ones moved. A year without an entry is not covered: computing into it
raises ``CalendarMissing`` (never silently "weekdays only") — except the years after the last
entered one, counted on the statutory holidays alone and shown as 暂定 until their notice arrives.
"""

from __future__ import annotations

import re
import threading
from datetime import date

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.events.services import record
from gongkai.i18n import join_clauses
from gongkai.text import chinese_date

from .counting import HOLIDAY, MAKEUP_WORKDAY, CalendarMissing, WorkCalendar, default_calendar
from .models import CalendarYear, HolidayCalendarDay
from .signals import Moved, calendar_changed

# Months ahead the calendar must cover before the back office shows a banner.
COVERAGE_MONTHS = 3
CHINESE_CALENDAR_SOURCE = "chinese-calendar"

_cache_lock = threading.Lock()
_cache: tuple[tuple, WorkCalendar] | None = None


class CalendarError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _signature() -> tuple:
    days = HolidayCalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    years = tuple(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    return (days["n"], days["last"], days["top"], years)


def db_calendar() -> WorkCalendar:
    """The calendar as the database holds it now (rebuilt only when the table changed), with the
    years after the last entered one counted provisionally (``WorkCalendar.with_provisional``)."""
    global _cache
    today = timezone.localdate()
    sig = (*_signature(), today.year)
    if not sig[3]:
        # An empty table (a database flushed after migrate, e.g. by tests): seed as migration 0002 does.
        # Never when any year exists: then the table is the staff's, and gaps stay gaps.
        with transaction.atomic():
            seed_from_chinese_calendar()
        sig = (*_signature(), today.year)
    with _cache_lock:
        if _cache is not None and _cache[0] == sig:
            return _cache[1]
    rows = HolidayCalendarDay.objects.values_list("date", "kind")
    cal = WorkCalendar.from_rows(rows, sig[3], source="db").with_provisional(today)
    with _cache_lock:
        _cache = (sig, cal)
    return cal


def last_entered_year() -> int | None:
    """The last year whose arrangement is in the table; dates after it are provisional."""
    return CalendarYear.objects.aggregate(last=Max("year"))["last"]


def written_deadline(day: date | None, calendar: WorkCalendar | None = None) -> str:
    """A deadline as a letter or a message writes it (2027年1月20日); one counted into a year whose
    holiday notice is not entered says so, so nobody is told a provisional date as certain."""
    if day is None:
        return ""
    text = chinese_date(day)
    if (calendar or db_calendar()).is_provisional(day):
        text += f"（暂定，以国务院办公厅公布的{day.year}年节假日安排为准）"
    return text


def covered_years() -> list[int]:
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def coverage_gap(today: date | None = None, months: int = COVERAGE_MONTHS) -> int | None:
    """The first year the coming ``months`` need and the calendar lacks, or None."""
    today = today or timezone.localdate()
    month = today.month - 1 + months
    horizon = date(today.year + month // 12, month % 12 + 1, 1)
    years = set(covered_years())
    for year in range(today.year, horizon.year + 1):
        if year not in years:
            return year
    return None


def seed_from_chinese_calendar(years=None) -> list[int]:
    """Fill the years chinese-calendar has official data for and the table lacks. Returns them."""
    base = default_calendar()
    wanted = set(base.covered_years if years is None else years) & set(base.covered_years)
    have = set(CalendarYear.objects.values_list("year", flat=True))
    new = sorted(wanted - have)
    if not new:
        return []
    source = base.source or CHINESE_CALENDAR_SOURCE
    HolidayCalendarDay.objects.bulk_create(
        [HolidayCalendarDay(date=d, kind=kind, source=source) for d, kind in base.to_rows() if d.year in new],
        ignore_conflicts=True,
    )
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source=source) for y in new], ignore_conflicts=True
    )
    return new


# ----------------------------------------------------------------- edits


def _changed(actor, note: str, years) -> list[Moved]:
    """Tell the listeners (in this transaction) and gather what they moved."""
    replies = calendar_changed.send(sender=CalendarYear, actor=actor, note=note, years=frozenset(years))
    return [moved for _, answer in replies for moved in answer or ()]


def _log_edit(actor, action: str, after: dict, moved: list[Moved], note: str) -> None:
    record(
        actor,
        action,
        ("applications.calendar", after.get("year") or after.get("date") or ""),
        after={**after, "moved": [m.reference for m in moved]},
        note=note,
    )


def _kind(value: str) -> str:
    v = value.strip().lower()
    if v in {HOLIDAY, "休", "假", "h", "holiday", "休息", "节假日"}:
        return HOLIDAY
    if v in {MAKEUP_WORKDAY, "班", "w", "workday", "上班", "调休上班"}:
        return MAKEUP_WORKDAY
    raise CalendarError(
        gettext("未知的日期类型“%(value)s”，应为 holiday（休）或 makeup_workday（班）") % {"value": value}
    )


def _check_day(day: date, kind: str) -> None:
    if kind == MAKEUP_WORKDAY and day.weekday() < 5:
        raise CalendarError(
            gettext("%(day)s 是周一至周五，本来就是工作日，不能登记为调休上班日") % {"day": day.isoformat()}
        )


@transaction.atomic
def cover_year(actor, year: int, source: str = "") -> list[Moved]:
    """Declare ``year`` entered (its holidays follow, or it has none beyond weekends)."""
    if not 2000 <= year <= 2100:
        raise CalendarError(gettext("年份 %(year)s 不合理") % {"year": year}, "year")
    db_calendar()  # seeds an empty table first
    _, created = CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
    if not created:
        raise CalendarError(gettext("%(year)s年已在日历中") % {"year": year}, "year")
    moved = _changed(actor, f"日历增加{year}年", {year})
    _log_edit(actor, "applications.calendar.cover_year", {"year": year, "source": source}, moved, "")
    return moved


@transaction.atomic
def set_day(actor, day: date, kind: str, source: str = "", note: str = "") -> list[Moved]:
    kind = _kind(kind)
    if not CalendarYear.objects.filter(year=day.year).exists():
        raise CalendarError(
            gettext("%(year)s年尚未加入日历，请先导入该年的节假日安排") % {"year": day.year}, "date"
        )
    _check_day(day, kind)
    old = HolidayCalendarDay.objects.filter(date=day).first()
    HolidayCalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "source": source, "note": note}
    )
    moved = _changed(actor, f"日历 {day.isoformat()} 设为 {kind}", {day.year})
    _log_edit(
        actor,
        "applications.calendar.set_day",
        {"date": day.isoformat(), "kind": kind, "previous": old.kind if old else None, "source": source},
        moved,
        note,
    )
    return moved


@transaction.atomic
def remove_day(actor, day: date) -> list[Moved]:
    old = HolidayCalendarDay.objects.filter(date=day).first()
    if old is None:
        raise CalendarError(gettext("%(day)s 不在节假日安排中") % {"day": day.isoformat()}, "date")
    old.delete()
    moved = _changed(actor, f"日历删除 {day.isoformat()}", {day.year})
    _log_edit(
        actor, "applications.calendar.remove_day", {"date": day.isoformat(), "previous": old.kind}, moved, ""
    )
    return moved


LINE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*[,，\s]\s*(\S+)\s*$")


def parse_notice(text: str) -> list[tuple[date, str]]:
    """``2027-01-01,holiday`` lines (also ``2027-02-07 班``); blank and ``#`` lines are skipped."""
    rows: list[tuple[date, str]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        m = LINE.match(line)
        if not m:
            errors.append(
                gettext("第%(n)s行无法识别：“%(line)s”，应为“2027-01-01,holiday”")
                % {"n": number, "line": line.strip()}
            )
            continue
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
            kind = _kind(m[4])
            _check_day(day, kind)
        except ValueError:
            errors.append(gettext("第%(n)s行日期无效：“%(line)s”") % {"n": number, "line": line.strip()})
            continue
        except CalendarError as exc:
            errors.append(gettext("第%(n)s行：%(error)s") % {"n": number, "error": exc.message})
            continue
        rows.append((day, kind))
    if errors:
        raise CalendarError(join_clauses(errors[:10]), "text")
    if not rows:
        raise CalendarError(gettext("没有可导入的日期"), "text")
    seen: dict[date, str] = {}
    for day, kind in rows:
        if seen.get(day, kind) != kind:
            raise CalendarError(gettext("%(day)s 重复出现且类型不同") % {"day": day.isoformat()}, "text")
        seen[day] = kind
    return sorted(seen.items())


@transaction.atomic
def import_notice(actor, text: str, source: str) -> tuple[list[int], list[Moved]]:
    """Import a year's arrangement (the State Council's notice): the years it names are replaced."""
    rows = parse_notice(text)
    db_calendar()  # seeds an empty table first
    years = sorted({d.year for d, _ in rows})
    HolidayCalendarDay.objects.filter(date__year__in=years).delete()
    HolidayCalendarDay.objects.bulk_create(
        [HolidayCalendarDay(date=d, kind=k, source=source) for d, k in rows]
    )
    for year in years:
        CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    moved = _changed(actor, f"导入节假日安排 {source}", years)
    _log_edit(
        actor,
        "applications.calendar.import",
        {"year": ",".join(map(str, years)), "days": len(rows), "source": source},
        moved,
        "",
    )
    return years, moved


__all__ = [
    "CalendarError",
    "CalendarMissing",
    "Moved",
    "cover_year",
    "coverage_gap",
    "db_calendar",
    "import_notice",
    "last_entered_year",
    "parse_notice",
    "remove_day",
    "seed_from_chinese_calendar",
    "set_day",
    "written_deadline",
]
