"""The catalogue's part of the to-do desk (``gongkai.agencies.dashboard``)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.dashboard import Todo

from .queries import review_counts


def todos(agencies, today: date) -> dict[int, list[Todo]]:
    counts = review_counts(agencies)
    return {
        agency.pk: [
            Todo(
                "catalogue.review",
                _("目录条目待审核"),
                reverse("catalogue:review_queue", args=[agency.code]),
                counts[agency.pk],
            )
        ]
        if counts[agency.pk]
        else []
        for agency in agencies
    }
