"""Background work: the daily deadline scan and the due-soon / overdue reminders to the staff.

The logic is the plain function ``scan_deadlines``; the task queues only wrap it:
- huey (embedded default, ``SqliteHuey`` in GONGKAI_DATA, no broker): ``daily_deadline_scan`` below,
  run by ``gongkai worker`` every day at 07:00 Asia/Shanghai;
- Celery with Redis or RabbitMQ: ``gongkai.applications.celery_app`` (see docs/applications.md).

Safe to run any number of times, from any worker, after any crash: a reminder is unique per
application, kind, deadline, date and recipient (a database constraint), and its e-mail is marked
sent before it is sent, so a restart never sends it twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Membership, Role
from gongkai.workdays import CalendarMissing
from gongkai.workdays.services import db_calendar

from . import retention
from .models import OPEN_STATES, Application, ApplicationSettings, Reminder, ReminderKind
from .services import count_uncounted_deadlines
from .signals import reminder_emailed

log = logging.getLogger(__name__)

DEFAULT_DUE_SOON = 3
DUE_LABELS = {
    "reply": "答复期限",
    "correction_notice": "补正告知期限",
    "correction": "申请人补正期限",
    "consultation": "征求意见期限",
    "payment": "缴费期限",
}


@dataclass
class ScanResult:
    today: str
    candidates: int
    reminders: int
    emailed: int

    def as_dict(self) -> dict:
        return asdict(self)


def _horizon(cal, today: date, days: int) -> date:
    try:
        return cal.nth_working_day_after(today, days)
    except CalendarMissing:
        return today + timedelta(days=days * 7 // 5 + 4)  # generous: the exact check below decides


def scan_deadlines(today: date | None = None) -> ScanResult:
    """Create the reminders due today and e-mail the new ones. Uses the deadlines stored on each
    row (kept current by every step and every calendar edit), so only rows near a deadline are read:
    two queries (the candidates, and the reminders they already have) and one bulk insert of the new
    ones — a daily rerun over a large backlog of overdue applications inserts nothing."""
    today = today or timezone.localdate()
    cal = db_calendar()
    soon = dict(ApplicationSettings.objects.values_list("agency_id", "due_soon_days"))
    horizon = _horizon(cal, today, max([DEFAULT_DUE_SOON, *soon.values()]))
    near = {"state__in": OPEN_STATES, "next_due__lte": horizon}
    candidates = list(
        Application.objects.filter(**near)
        .order_by()
        .values_list("id", "agency_id", "assignee_id", "next_due", "next_due_kind")
    )
    # The reminders these applications already have for their current deadline (any day, any kind).
    have = set(
        Reminder.objects.filter(**{f"application__{k}": v for k, v in near.items()})
        .filter(due_on=F("application__next_due"), due_kind=F("application__next_due_kind"))
        .order_by()
        .values_list("application_id", "kind", "recipient_id")
    )
    clerks: dict[int, list[int]] = defaultdict(list)
    for agency_id, user_id in (
        Membership.objects.active()
        .filter(role=Role.CLERK, agency_id__in={c[1] for c in candidates})
        .values_list("agency_id", "user_id")
    ):
        clerks[agency_id].append(user_id)
    new: list[tuple] = []  # (application, kind, deadline kind, deadline, recipient, message)
    days_left: dict[date, int | None] = {}  # many applications share a deadline: counted once each
    # The 补正 notice window is not reminded: most applications need no correction at all.
    for app_id, agency_id, assignee_id, due, due_kind in candidates:
        if due not in days_left:
            try:
                days_left[due] = cal.working_days_left(today, due)
            except CalendarMissing:
                days_left[due] = None
        left = days_left[due]
        if left is None:
            continue
        if left < 0:
            kind = ReminderKind.OVERDUE
            text = f"{DUE_LABELS.get(due_kind, due_kind)} {due.isoformat()}，已逾期{-left}个工作日"
        elif 0 <= left <= soon.get(agency_id, DEFAULT_DUE_SOON):
            kind = ReminderKind.DUE_SOON
            text = f"{DUE_LABELS.get(due_kind, due_kind)} {due.isoformat()}，" + (
                "今日到期" if left == 0 else f"剩{left}个工作日"
            )
        else:
            continue
        recipients = [assignee_id] if assignee_id else clerks.get(agency_id, [])
        new += [
            (app_id, kind.value, due_kind, due, user_id, text)
            for user_id in recipients
            if (app_id, kind.value, user_id) not in have
        ]
    created = _record(new) if new else 0
    emailed = send_pending_emails()
    return ScanResult(today.isoformat(), len(candidates), created, emailed)


def daily(today: date | None = None) -> ScanResult:
    """The daily job: first give a deadline to open applications left without one (a year the
    calendar could not count before, see ``count_uncounted_deadlines``), then the reminder scan,
    then the retention step (applicants' personal data of cases finished long ago, retention.py)."""
    count_uncounted_deadlines()
    result = scan_deadlines(today)
    retention.erase_expired(today)
    return result


_REMINDER_COLUMNS = ("application", "kind", "due_kind", "due_on", "recipient", "message", "created_at")


def _record(rows: list[tuple]) -> int:
    """Insert the reminders (values in the order of _REMINDER_COLUMNS but created_at), skipping any
    that another worker recorded a moment ago; how many were new. One multi-row INSERT through the
    cursor: on a first run over a backlog (thousands of reminders) building and preparing model
    instances for bulk_create took most of the scan."""
    ops, quote = connection.ops, connection.ops.quote_name
    meta = Reminder._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in _REMINDER_COLUMNS)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(_REMINDER_COLUMNS))}) ON CONFLICT DO NOTHING"
    )
    now = ops.adapt_datetimefield_value(timezone.now())
    values = [(a, k, dk, ops.adapt_datefield_value(on), r, m, now) for a, k, dk, on, r, m in rows]
    before = Reminder.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, values)
    return Reminder.objects.count() - before


CLAIM_BATCH = 200  # reminders read at a time


def _claim(pk: int) -> bool:
    """Mark this reminder e-mailed just before its e-mail is sent: one UPDATE that only one worker
    wins (two workers, or a rerun, never send it twice). Claimed one at a time, so a worker killed
    in the middle of a run leaves at most the one it was sending in doubt; the rest are still
    unclaimed and the rerun (Celery redelivers the unacknowledged scan) sends them."""
    return bool(Reminder.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=timezone.now()))


def send_pending_emails() -> int:
    """E-mail reminders not yet e-mailed, over one mail connection. Each is claimed (emailed_at set)
    right before it is sent; a failed e-mail releases its claim for the next run. The text names the
    application by its number only."""
    sent = 0
    pending = list(
        Reminder.objects.filter(emailed_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    if not pending:
        return 0
    mailer = get_connection(fail_silently=False)
    try:
        mailer.open()  # one connection for the whole run (send_mail would open one per message)
    except Exception:  # the mail server is down: nothing is claimed, the next run retries
        log.exception("reminder e-mail: cannot connect")
        return 0
    try:
        for start in range(0, len(pending), CLAIM_BATCH):
            reminders = (
                Reminder.objects.filter(pk__in=pending[start : start + CLAIM_BATCH], emailed_at__isnull=True)
                .select_related("recipient", "application__agency")
                .order_by("pk")
            )
            for reminder in reminders:
                if not _claim(reminder.pk):
                    continue  # another worker took it meanwhile
                if not reminder.recipient.email:
                    continue
                app = reminder.application
                path = reverse("applications:detail", args=[app.agency.code, app.pk])
                message = EmailMessage(
                    f"【{reminder.get_kind_display()}】政府信息公开申请 {app.tracking_no}",
                    f"{app.agency.name}\n申请编号：{app.tracking_no}\n{reminder.message}\n办理页面：{path}\n",
                    settings.DEFAULT_FROM_EMAIL,
                    [reminder.recipient.email],
                    connection=mailer,
                )
                try:
                    message.send()
                except Exception:  # the mail server is down: release the claim so the next run retries
                    log.exception("reminder e-mail failed")
                    Reminder.objects.filter(pk=reminder.pk).update(emailed_at=None)
                    continue
                sent += 1
                reminder_emailed.send(sender=Reminder, reminder=reminder, message=message)
    finally:
        mailer.close()
    return sent


# ----------------------------------------------------------------- huey (the embedded default)

try:
    from huey import crontab
    from huey.contrib.djhuey import db_periodic_task, db_task
except ImportError:  # pragma: no cover - huey is a dependency; keep the plain functions importable
    pass
else:

    @db_periodic_task(crontab(hour="7", minute="0"), name="applications.daily_deadline_scan")
    def daily_deadline_scan():
        result = daily()
        log.info("deadline scan: %s", result)
        return result.as_dict()

    @db_task(name="applications.scan_deadlines")
    def scan_deadlines_task(today: str | None = None):
        return daily(date.fromisoformat(today) if today else None).as_dict()
