"""The batch check on the background worker — the queue the notifications use: huey
(``gongkai worker``) by default, Celery when ``GONGKAI_TASK_QUEUE=celery`` (``celery_tasks``).
A task checks one chunk of a batch's files (GONGKAI_CHECKER_CHUNK) and queues the next, so a long
batch never holds a worker for an hour and a worker that dies loses nothing: the files left are
still pending and the re-check button queues them again. Every night at 03:30 the batches older
than GONGKAI_CHECKER_KEEP_DAYS are deleted with their files."""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services

log = logging.getLogger(__name__)


@db_task(name="checker.check_batch")
def check_batch(batch_id: int) -> bool:
    more = services.check_pending(batch_id, settings.GONGKAI_CHECKER_CHUNK)
    if more:
        enqueue(batch_id)
    return more


@db_periodic_task(crontab(hour="3", minute="30"), name="checker.purge_old_batches")
def purge_old_batches() -> int:
    gone = services.purge_old()
    log.info("checker: %s old batches deleted", gone)
    return gone


def on_batch_queued(sender, batch_id: int, **kwargs) -> None:
    enqueue(batch_id)


def enqueue(batch_id: int) -> None:
    """Queue the next chunk of the batch on the queue the settings select."""
    if settings.GONGKAI_TASK_QUEUE == "celery":
        from .celery_tasks import check_batch as on_celery

        on_celery.delay(batch_id)
        return
    check_batch(batch_id)
