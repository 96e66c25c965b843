"""The writes: queue the notifications of a step (inside the step's transaction, so the step and
its messages are saved together), send one (claimed first, so it is never sent twice), record a
reminder the applications' scan e-mailed, mark failed the ones a dead worker left 发送中, and queue
a failed one again on a staff member's word."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.applications.models import Application
from gongkai.events.services import record

from . import channels, texts
from .models import Channel, Kind, Notification, State
from .workflow import MACHINE

log = logging.getLogger(__name__)

# The applications' steps the applicant is told of, by the action name of their event.
STEP_KINDS = {
    "applications.submit": Kind.ACK,
    "applications.confirm_receipt": Kind.ACK,
    "applications.request_correction": Kind.CORRECTION,
    "applications.grant_extension": Kind.EXTENSION,
    "applications.reply": Kind.REPLY,
    "applications.refer": Kind.REPLY,
    "applications.lapse_correction": Kind.REPLY,
    "applications.lapse_payment": Kind.REPLY,
}


def addresses(app: Application) -> list[tuple[Channel, str]]:
    """The contact channels the applicant gave: e-mail if any, SMS if the phone is a mobile."""
    found = []
    if app.email.strip():
        found.append((Channel.EMAIL, app.email.strip()))
    mobile = channels.mobile_number(app.phone)
    if mobile:
        found.append((Channel.SMS, mobile))
    return found


def queue_for_step(event) -> list[int]:
    """The notifications for the step ``event`` records (ids to send once it commits); none when
    the step is not one the applicant is told of or they gave no e-mail and no mobile.

    A fault here (a broken template, say) is logged and never undoes the statutory step: the
    messages are written in a savepoint of the step's transaction."""
    kind = STEP_KINDS.get(event.action)
    if kind is None or event.subject_type != Application._meta.label_lower:
        return []
    try:
        with transaction.atomic():
            app = Application.objects.select_related("agency").get(pk=event.subject_id)
            made = []
            for channel, address in addresses(app):
                text = texts.compose(kind, channel, app)
                made.append(
                    Notification.objects.create(
                        application=app,
                        event=event,
                        kind=kind,
                        channel=channel,
                        recipient=address,
                        subject=text.subject,
                        body=text.body,
                    ).pk
                )
            return made
    except Exception:
        log.exception("notifications for %s %s not queued", event.action, event.subject_label)
        return []


def record_reminder(reminder, message) -> Notification | None:
    """A deadline reminder the applications' scan has just e-mailed to a staff member: kept as a
    sent notification on the case (the scan claims and retries its e-mails itself)."""
    try:
        with transaction.atomic():
            now = timezone.now()
            return Notification.objects.create(
                application_id=reminder.application_id,
                reminder=reminder,
                recipient_user_id=reminder.recipient_id,
                kind=Kind.REMINDER,
                channel=Channel.EMAIL,
                recipient=message.to[0],
                subject=message.subject,
                body=message.body,
                state=State.SENT,
                attempts=1,
                created_at=now,
                sent_at=now,
            )
    except Exception:  # never let the record of an e-mail already sent break the scan
        log.exception("reminder %s not recorded as a notification", reminder.pk)
        return None


def _move(notification: Notification, action: str, where: Q | None = None, **fields) -> bool:
    """Fire ``action`` on the row in the database, only if it is still in the state this copy read
    (and matches ``where``; one UPDATE: two workers cannot both claim it). True if this call moved it."""
    source = State(notification.state)
    target = MACHINE.fire(source, action)
    rows = Notification.objects.filter(where or Q(), pk=notification.pk, state=source)
    moved = rows.update(state=target, **fields)
    if moved:
        notification.refresh_from_db()
    return bool(moved)


def attempt(pk: int, *, final: bool = True, connection=None) -> str:
    """Send notification ``pk`` once if it is queued; its state afterwards. Not queued (already
    sent, being sent by another worker, failed): nothing is sent. On an error it is queued again
    for the next try, or marked failed when ``final`` (the last of the worker's retries)."""
    notification = Notification.objects.filter(pk=pk).select_related("application__agency").first()
    if notification is None or notification.state != State.QUEUED:
        return notification.state if notification else ""
    if not _move(notification, "claim", attempts=F("attempts") + 1, claimed_at=timezone.now()):
        return Notification.objects.get(pk=pk).state
    try:
        reference = channels.deliver(notification, connection)
    except Exception as exc:  # the mail server or SMS provider refused or is unreachable
        error = f"{type(exc).__name__}: {exc}"[:500]
        with transaction.atomic():
            _move(notification, "fail" if final else "again", last_error=error)
            if final:
                _log(None, "notifications.fail", notification, error)
        return notification.state
    with transaction.atomic():
        _move(
            notification, "sent", sent_at=timezone.now(), last_error="", provider_ref=(reference or "")[:200]
        )
        _log(None, "notifications.sent", notification)
    return notification.state


def mark_stuck(now=None) -> int:
    """Mark failed the notifications 发送中 for longer than GONGKAI_NOTIFY_STUCK_MINUTES: the worker
    that claimed them died before it could say how the sending went. They are never sent again from
    here (the message may have gone out: no duplicates); staff see the failure on the case, check
    with the applicant and resend if needed. How many were marked."""
    now = now or timezone.now()
    stuck = Q(claimed_at__lt=now - timedelta(minutes=settings.GONGKAI_NOTIFY_STUCK_MINUTES))
    stuck |= Q(claimed_at__isnull=True)  # claimed before the claim time was kept
    marked = 0
    for notification in Notification.objects.filter(stuck, state=State.SENDING).select_related(
        "application__agency"
    ):
        error = gettext("发送状态不明（可能已发出），请核实后再重发")
        with transaction.atomic():
            if _move(notification, "lose", where=stuck, last_error=error):
                _log(None, "notifications.stuck", notification, error)
                marked += 1
    return marked


def lost_queued(now=None) -> list[int]:
    """The notifications 待发送 for longer than GONGKAI_NOTIFY_STUCK_MINUTES since they were made or
    last tried (longer than any retry delay): their task is gone — a huey consumer killed between
    taking the task from its queue and claiming the message, or a queue emptied. The sweep queues
    them again; a message is still sent once at most, as every task claims its row first."""
    now = now or timezone.now()
    since = now - timedelta(minutes=settings.GONGKAI_NOTIFY_STUCK_MINUTES)
    lost = Q(claimed_at__lt=since) | Q(claimed_at__isnull=True, created_at__lt=since)
    return list(
        Notification.objects.filter(lost, state=State.QUEUED).order_by("pk").values_list("pk", flat=True)
    )


@transaction.atomic
def retry(actor, notification: Notification) -> Notification:
    """A staff member asks for a failed notification to be sent again (it goes back to the queue)."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    _move(notification, "retry")  # not failed: TransitionRefused, with the state's label
    _log(actor, "notifications.retry", notification)
    return notification


def _log(actor, action: str, notification: Notification, note: str = "") -> None:
    agency = notification.application.agency if notification.application_id else None
    record(
        actor,
        action,
        notification,
        after={"state": notification.state, "attempts": notification.attempts},
        agency=agency,
        note=note,
    )


def sweep(enqueue) -> dict:
    """What a dead worker left: 发送中 marked failed for staff to check (never resent by itself), and
    待发送 whose task was lost handed to ``enqueue`` (a list of ids) — the caller's own queue."""
    marked = mark_stuck()
    lost = lost_queued()
    enqueue(lost)
    return {"stuck_notifications": marked, "requeued_notifications": len(lost)}
