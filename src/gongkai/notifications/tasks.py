"""Sending, on the background worker (huey, ``gongkai worker``): one task per notification, retried
with a growing delay; the last retry marks it failed (then shown on the case, with a button to send
it again). A retried or duplicated task sends nothing already sent: ``services.attempt`` claims
the row first. Every few minutes ``sweep_stuck`` marks failed what a dead worker left 发送中.
Deployments on Celery (``GONGKAI_TASK_QUEUE=celery``) run the same in ``celery_tasks``."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .sending import SendFailed, send

__all__ = ["SendFailed", "enqueue", "send", "send_notification", "sweep", "sweep_stuck"]


@db_task(
    name="notifications.send",
    retries=settings.GONGKAI_NOTIFY_RETRIES,
    retry_delay=settings.GONGKAI_NOTIFY_RETRY_DELAY,
    retry_backoff=2,
    context=True,
)
def send_notification(pk: int, task=None):
    # huey passes the task: its ``retries`` is how many are left after this run.
    return send(pk, task.retries if task is not None else 0)


@db_periodic_task(crontab(minute="*/10"), name="notifications.sweep_stuck")
def sweep_stuck():
    return sweep()["stuck_notifications"]


def sweep() -> dict:
    """``services.sweep`` onto the queue the settings select."""
    return services.sweep(enqueue)


def enqueue(ids: list[int]) -> None:
    """Queue the sending of these notifications on the queue the settings select."""
    if settings.GONGKAI_TASK_QUEUE == "celery":
        from .celery_tasks import send_notification as on_celery

        for pk in ids:
            on_celery.delay(pk)
        return
    for pk in ids:
        send_notification(pk)
