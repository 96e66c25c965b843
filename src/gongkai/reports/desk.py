"""The annual report's line on the to-do desk (``gongkai.agencies.dashboard``): the report due next,
its state and the days left to its deadline (第四十九条, read from ``gongkai.law`` by the checks) —
or last year's, while it is late and still unpublished."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.agencies.dashboard import Todo

from .checks import check_options, deadline_for, year_due
from .queries import report_states
from .workflow import STATUS_LABELS, Status

SOON_DAYS = 30  # within a month of the deadline an unpublished report is marked urgent


def todos(agencies, today: date) -> dict[int, list[Todo]]:
    options = check_options()
    states = {y: report_states(agencies, y) for y in (today.year - 1, today.year)}
    out = {}
    for agency in agencies:
        year = year_due(agency, today, options)
        if year == today.year and states[year - 1][agency.pk] != Status.PUBLISHED.value:
            year -= 1  # last year's deadline has passed: the late report stays first on the desk
        status = states[year][agency.pk]
        deadline = deadline_for(agency, year, options)
        left = (deadline - today).days
        published = status == Status.PUBLISHED.value
        state = str(STATUS_LABELS[Status(status)]) if status else _("尚未开始")
        when = date_format(deadline, _("Y年n月j日"))
        if published:
            note = ""
        elif left >= 0:
            note = ngettext(
                "距发布期限（%(date)s）还有 %(n)s 天", "距发布期限（%(date)s）还有 %(n)s 天", left
            ) % {"date": when, "n": left}
        else:
            note = _("已过发布期限（%(date)s）") % {"date": when}
        out[agency.pk] = [
            Todo(
                "reports.annual",
                _("%(year)s年度报告：%(state)s") % {"year": year, "state": state},
                reverse("reports:workspace", args=[agency.code, year]),
                note=note,
                urgent=not published and left <= SOON_DAYS,
                done=published,
            )
        ]
    return out
