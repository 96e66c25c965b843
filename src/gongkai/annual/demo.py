"""The report years of the demo county (``gongkai.cli.demo``) on the day it is loaded, so that it
looks like a well-run county on any day: the report due next is being drafted, the ones before it
are published. The demo loaders of every app fill the same years with data."""

from __future__ import annotations

from datetime import date

from .checks.base import CheckOptions

PUBLISHED_YEARS = 2  # published reports before the one being drafted


def report_years(kind: str, today: date, options: CheckOptions | None = None) -> tuple[list[int], int]:
    """(the published years, oldest first; the year being drafted) for an agency of ``kind``."""
    due = (options or CheckOptions()).year_due(kind, today)
    return [due - n for n in range(PUBLISHED_YEARS, 0, -1)], due


def data_years(today: date, options: CheckOptions | None = None) -> range:
    """Every year that some agency's demo report covers on ``today``, up to this year."""
    options = options or CheckOptions()
    first = min(report_years(kind, today, options)[0][0] for kind in options.deadlines)
    return range(first, today.year + 1)
