"""On Celery (GONGKAI_TASK_QUEUE=celery) a PDF baseline is read by the Celery task. Eager mode: the
task runs in the test's process, no broker."""

import pytest

from gongkai.annual.writers import render
from gongkai.applications.celery_app import app
from gongkai.notifications.tests.test_celery import celery_eager  # noqa: F401  (fixture)
from gongkai.reports import celery_tasks, services

from .test_baseline import last_year_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def test_a_pdf_baseline_under_celery_is_read_by_celery(world, django_capture_on_commit_callbacks):
    from huey.contrib.djhuey import HUEY

    assert not HUEY.immediate  # huey would only queue it: only Celery can read it here
    data = render(last_year_report(world.a, {}), "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        upload = services.queue_baseline_import(world.clerk_a, world.a, 2024, data, "a.pdf")
    upload.refresh_from_db()
    assert upload.state == "done" and upload.baseline is not None


def test_the_sweep_of_stuck_uploads_is_on_the_celery_schedule():
    entry = app.conf.beat_schedule["stuck-baseline-uploads-sweep"]
    assert entry["task"] == celery_tasks.fail_stuck_uploads.name
    assert celery_tasks.fail_stuck_uploads.delay().get() == 0
