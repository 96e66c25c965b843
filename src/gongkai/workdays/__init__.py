"""The working calendar (工作日历), one for every app that counts working days.

``counting`` is plain Python (no Django): the ``WorkCalendar`` arithmetic, importable by the CLI
without a database. The Django app around it keeps the editable holiday/调休 table (``models``),
its edits and imports (``services``), the staff screen (``views``) and the ``calendar_changed``
signal that apps holding computed deadlines listen to (``signals``).
"""

from .counting import (
    HOLIDAY,
    KINDS,
    MAKEUP_WORKDAY,
    CalendarMissing,
    WorkCalendar,
    default_calendar,
    is_working_day,
    nth_working_day_after,
    working_days_between,
    working_days_left,
)

__all__ = [
    "HOLIDAY",
    "KINDS",
    "MAKEUP_WORKDAY",
    "CalendarMissing",
    "WorkCalendar",
    "default_calendar",
    "is_working_day",
    "nth_working_day_after",
    "working_days_between",
    "working_days_left",
]
