"""The annual report's line on the to-do desk (``gongkai.agencies.dashboard``): last year's report,
its state and the days left to its deadline (第四十九条, read from ``gongkai.law`` by the checks)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.agencies.dashboard import Todo

from .checks import deadline_for
from .queries import report_states
from .workflow import STATUS_LABELS, Status

SOON_DAYS = 30  # within a month of the deadline an unpublished report is marked urgent


def todos(agencies, today: date) -> dict[int, list[Todo]]:
    year = today.year - 1  # the report written now is last year's
    states = report_states(agencies, year)
    out = {}
    for agency in agencies:
        status = states[agency.pk]
        deadline = deadline_for(agency, year)
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
