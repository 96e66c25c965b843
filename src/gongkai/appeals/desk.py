"""The appeals' part of the to-do desk (``gongkai.agencies.dashboard``)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.agencies.dashboard import Todo

from .queries import awaiting_answer_counts
from .workflow import Stage


def todos(agencies, today: date) -> dict[int, list[Todo]]:
    counts = awaiting_answer_counts(agencies)
    query = urlencode({"stage": Stage.REGISTERED.value})
    return {
        agency.pk: [
            Todo(
                "appeals.answer",
                _("复议诉讼案件待答复/答辩"),
                f"{reverse('appeals:list', args=[agency.code])}?{query}",
                counts[agency.pk],
            )
        ]
        if counts[agency.pk]
        else []
        for agency in agencies
    }
