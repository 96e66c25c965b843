"""Writes to the knowledge base, each in one transaction with its event."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.events.services import changed, record, snapshot
from gongkai.serials import next_serial
from gongkai.statemachine import TransitionRefused

from . import search
from .models import Counter, Entry, Review, Status
from .rules import DEFAULT_REVIEW_MONTHS
from .workflow import MACHINE

EDITABLE = (
    "title",
    "category",
    "questions",
    "answer",
    "summary",
    "basis",
    "owner",
    "related_items",
    "effective_from",
    "effective_to",
    "review_due",
)
LOGGED = (*EDITABLE, "status", "version")


class HotlineError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


def months_later(day: date, months: int = DEFAULT_REVIEW_MONTHS) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _index(entry: Entry) -> None:
    for name, value in search.segmented(entry.title, entry.questions, entry.summary, entry.answer).items():
        setattr(entry, name, value)


def new_code(year: int) -> str:
    return f"ZSK-{year}-{next_serial(Counter, year=year):05d}"


@transaction.atomic
def create(actor, agency, **fields) -> Entry:
    now = timezone.now()
    fields.setdefault("review_due", months_later(fields["effective_from"]))
    entry = Entry(
        agency=agency, code=new_code(timezone.localdate(now).year), created_at=now, updated_at=now, **fields
    )
    _index(entry)
    entry.save()
    record(actor, "hotline.entry.create", entry, after=snapshot(entry, LOGGED))
    return entry


@transaction.atomic
def update(actor, entry: Entry, **fields) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != Status.DRAFT:
        raise HotlineError(_("只有草稿可以修改；已发布的条目请先“修订”。"))
    before = snapshot(entry, LOGGED)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.updated_at = timezone.now()
    _index(entry)
    entry.save()
    record(actor, "hotline.entry.update", entry, *changed(before, snapshot(entry, LOGGED)))
    return entry


@transaction.atomic
def fire(actor, entry: Entry, action: str, on: date | None = None, note: str = "") -> Entry:
    """One step of the workflow; a 复核 also records its Review and sets the next review date."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    on = on or timezone.localdate()
    try:
        target = MACHINE.fire(entry.status, action)
    except TransitionRefused as exc:
        raise HotlineError(exc.message) from None
    before = snapshot(entry, LOGGED)
    if action == "publish":
        if entry.published_on is not None:
            entry.version += 1  # a revision republished
        entry.published_on = on
        if entry.review_due <= on:
            entry.review_due = months_later(on)
    elif action == "confirm":
        Review.objects.create(
            entry=entry,
            due_on=entry.review_due,
            reviewed_on=on,
            reviewed_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        entry.review_due = months_later(on)
    entry.status = target
    entry.updated_at = timezone.now()
    entry.save()
    record(actor, f"hotline.entry.{action}", entry, *changed(before, snapshot(entry, LOGGED)), note=note)
    return entry


@dataclass(frozen=True)
class Sweep:
    due: int
    expired: int


def sweep(actor, agency_ids, on: date | None = None) -> Sweep:
    """Published entries past 失效日期 become 已失效, past their review date 待复核 (each its own step)."""
    on = on or timezone.localdate()
    live = Entry.objects.filter(agency_id__in=agency_ids)
    expired = live.filter(status__in=(Status.PUBLISHED, Status.DUE_REVIEW), effective_to__lt=on)
    n_expired = 0
    for entry in expired:
        fire(actor, entry, "expire", on, note=_("已过失效日期"))
        n_expired += 1
    n_due = 0
    for entry in live.filter(status=Status.PUBLISHED, review_due__lt=on):
        fire(actor, entry, "mark_due", on, note=_("已过复核日期"))
        n_due += 1
    return Sweep(n_due, n_expired)
