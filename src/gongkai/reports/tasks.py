"""Baseline files read on the background worker — huey (``gongkai worker``) by default, Celery when
``GONGKAI_TASK_QUEUE=celery`` (``celery_tasks``), as the batch checker's files are."""

from __future__ import annotations

from django.conf import settings
from huey.contrib.djhuey import db_task

from . import services


@db_task(name="reports.read_baseline")
def read_baseline(upload_id: int) -> None:
    services.read_queued_baseline(upload_id)


def on_baseline_queued(sender, upload_id: int, **kwargs) -> None:
    if settings.GONGKAI_TASK_QUEUE == "celery":
        from .celery_tasks import read_baseline as on_celery

        on_celery.delay(upload_id)
        return
    read_baseline(upload_id)
