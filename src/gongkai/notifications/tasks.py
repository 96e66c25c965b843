"""Sending, on the background worker (huey, ``gongkai worker``): one task per notification, retried
with a growing delay; the last retry marks it failed (then shown on the case, with a button to send
it again). A retried or duplicated task sends nothing already sent: ``services.attempt`` claims
the row first. Every few minutes ``sweep_stuck`` marks failed what a dead worker left 发送中."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .models import State


class SendFailed(Exception):
    """Raised to make huey retry the task later."""


def send(pk: int, retries_left: int) -> str:
    state = services.attempt(pk, final=retries_left <= 0)
    if state == State.QUEUED:
        raise SendFailed(f"notification {pk}: will retry ({retries_left} left)")
    return state


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
    return services.mark_stuck()


def enqueue(ids: list[int]) -> None:
    for pk in ids:
        send_notification(pk)
