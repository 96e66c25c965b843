"""The sending policy both task queues share (huey in ``tasks``, Celery in ``celery_tasks``): one
attempt per run, retried ``GONGKAI_NOTIFY_RETRIES`` times after ``GONGKAI_NOTIFY_RETRY_DELAY``
seconds, doubled each time; the last retry marks it failed."""

from __future__ import annotations

from django.conf import settings

from . import services
from .models import State


class SendFailed(Exception):
    """Raised to make the queue retry the task later."""


def send(pk: int, retries_left: int) -> str:
    state = services.attempt(pk, final=retries_left <= 0)
    if state == State.QUEUED:
        raise SendFailed(f"notification {pk}: will retry ({retries_left} left)")
    return state


def retry_delay(retries_done: int) -> int:
    """Seconds before the next try, after ``retries_done`` retries (huey's retry_backoff=2)."""
    return settings.GONGKAI_NOTIFY_RETRY_DELAY * 2**retries_done
