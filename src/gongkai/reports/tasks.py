"""Baseline files read on the background worker — huey (``gongkai worker``) by default, Celery when
``GONGKAI_TASK_QUEUE=celery`` (``celery_tasks``), as the batch checker's files are — and every ten
minutes the sweep of uploads whose read stopped."""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services

log = logging.getLogger(__name__)


@db_task(name="reports.read_baseline")
def read_baseline(upload_id: int) -> None:
    services.read_queued_baseline(upload_id)


@db_periodic_task(crontab(minute="*/10"), name="reports.fail_stuck_uploads")
def fail_stuck_uploads() -> int:
    """huey does not deliver a lost task again: a file whose read stopped is failed here, so its
    page stops waiting and says to send it again."""
    failed = services.fail_stuck_uploads()
    if failed:
        log.info("reports: %s stuck baseline uploads failed", failed)
    return failed


def on_baseline_queued(sender, upload_id: int, **kwargs) -> None:
    if settings.GONGKAI_TASK_QUEUE == "celery":
        from .celery_tasks import read_baseline as on_celery

        on_celery.delay(upload_id)
        return
    read_baseline(upload_id)
