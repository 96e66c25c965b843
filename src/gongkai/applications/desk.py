"""The applications' part of the to-do desk (``gongkai.agencies.dashboard``)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai.agencies.dashboard import Todo

from .queries import DESK_DUE_DAYS, DESK_KINDS, desk_counts, working_horizon

LABELS = {
    "unconfirmed": gettext_noop("新收到的申请待确认"),
    "overdue": gettext_noop("已逾期"),
    "correction_ended": gettext_noop("补正期限已届满，待处理"),
    "due_soon": gettext_noop("%(days)s个工作日内到期"),
    "correction": gettext_noop("申请人补正期间"),
    "consulting": gettext_noop("征求第三方意见中"),
    "to_deliver": gettext_noop("已答复待送达"),
}
URGENT = frozenset({"overdue", "correction_ended"})
assert set(LABELS) == set(DESK_KINDS)


def todos(agencies, today: date) -> dict[int, list[Todo]]:
    counts = desk_counts(agencies, today, working_horizon(today, DESK_DUE_DAYS))
    out = {}
    for agency in agencies:
        base = reverse("applications:workbench", args=[agency.code])
        items = []
        for kind, label in LABELS.items():
            n = counts[agency.pk][kind]
            if not n:
                continue
            query = {"view": kind, **({"within": DESK_DUE_DAYS} if kind == "due_soon" else {})}
            text = _(label) % {"days": DESK_DUE_DAYS} if kind == "due_soon" else _(label)
            items.append(
                Todo(f"applications.{kind}", text, f"{base}?{urlencode(query)}", n, urgent=kind in URGENT)
            )
        out[agency.pk] = items
    return out
