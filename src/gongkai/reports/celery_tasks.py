"""Baseline files read on Celery (found by ``gongkai.applications.celery_app`` in each installed
app), for deployments that run Celery instead of ``gongkai worker``; the sweep of stuck uploads is on
the Celery app's schedule."""

from __future__ import annotations

from gongkai.applications.celery_app import app, django_ready


@app.task(name="gongkai.reports.read_baseline")
def read_baseline(upload_id: int) -> None:
    django_ready()
    from .services import read_queued_baseline

    read_queued_baseline(upload_id)


@app.task(name="gongkai.reports.fail_stuck_uploads")
def fail_stuck_uploads() -> int:
    django_ready()
    from .services import fail_stuck_uploads as sweep

    return sweep()
