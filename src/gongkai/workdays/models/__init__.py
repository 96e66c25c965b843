from .calendar import CalendarYear, DayKind, HolidayCalendarDay

__all__ = ["CalendarYear", "DayKind", "HolidayCalendarDay"]
