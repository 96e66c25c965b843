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
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Membership, Role
from gongkai.workdays import CalendarMissing

from .calendar import db_calendar
from .models import OPEN_STATES, Application, ApplicationSettings, Reminder, ReminderKind

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
    row (kept current by every step and every calendar edit), so only rows near a deadline are read."""
    today = today or timezone.localdate()
    cal = db_calendar()
    soon = dict(ApplicationSettings.objects.values_list("agency_id", "due_soon_days"))
    horizon = _horizon(cal, today, max([DEFAULT_DUE_SOON, *soon.values()]))
    candidates = list(
        Application.objects.filter(state__in=OPEN_STATES)
        .filter(next_due__lte=horizon)
        .only("id", "agency_id", "tracking_no", "assignee_id", "next_due", "next_due_kind")
    )
    clerks: dict[int, list[int]] = defaultdict(list)
    for agency_id, user_id in (
        Membership.objects.active()
        .filter(role=Role.CLERK, agency_id__in={a.agency_id for a in candidates})
        .values_list("agency_id", "user_id")
    ):
        clerks[agency_id].append(user_id)
    new: list[Reminder] = []
    for app in candidates:
        # The 补正 notice window is not reminded: most applications need no correction at all.
        for due_kind, due in ((app.next_due_kind, app.next_due),):
            try:
                left = cal.working_days_left(today, due)
            except CalendarMissing:
                continue
            if left < 0:
                kind = ReminderKind.OVERDUE
                text = f"{DUE_LABELS.get(due_kind, due_kind)} {due.isoformat()}，已逾期{-left}个工作日"
            elif 0 <= left <= soon.get(app.agency_id, DEFAULT_DUE_SOON):
                kind = ReminderKind.DUE_SOON
                text = f"{DUE_LABELS.get(due_kind, due_kind)} {due.isoformat()}，" + (
                    "今日到期" if left == 0 else f"剩{left}个工作日"
                )
            else:
                continue
            recipients = [app.assignee_id] if app.assignee_id else clerks.get(app.agency_id, [])
            new += [
                Reminder(
                    application_id=app.pk,
                    kind=kind,
                    due_kind=due_kind,
                    due_on=due,
                    recipient_id=user_id,
                    message=text,
                )
                for user_id in recipients
            ]
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    created = Reminder.objects.count() - before
    emailed = send_pending_emails()
    return ScanResult(today.isoformat(), len(candidates), created, emailed)


def send_pending_emails() -> int:
    """E-mail reminders not yet e-mailed. Each is claimed (emailed_at set) before it is sent, so two
    workers or a restart never send one twice. The text names the application by its number only."""
    sent = 0
    pending = Reminder.objects.filter(emailed_at__isnull=True).select_related(
        "recipient", "application__agency"
    )
    for reminder in pending:
        claimed = Reminder.objects.filter(pk=reminder.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed or not reminder.recipient.email:
            continue
        app = reminder.application
        path = reverse("applications:detail", args=[app.agency.code, app.pk])
        try:
            send_mail(
                f"【{reminder.get_kind_display()}】政府信息公开申请 {app.tracking_no}",
                f"{app.agency.name}\n申请编号：{app.tracking_no}\n{reminder.message}\n办理页面：{path}\n",
                settings.DEFAULT_FROM_EMAIL,
                [reminder.recipient.email],
            )
        except Exception:  # the mail server is down: release the claim so the next run retries
            log.exception("reminder e-mail failed")
            Reminder.objects.filter(pk=reminder.pk).update(emailed_at=None)
            continue
        sent += 1
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
        result = scan_deadlines()
        log.info("deadline scan: %s", result)
        return result.as_dict()

    @db_task(name="applications.scan_deadlines")
    def scan_deadlines_task(today: str | None = None):
        return scan_deadlines(date.fromisoformat(today) if today else None).as_dict()
