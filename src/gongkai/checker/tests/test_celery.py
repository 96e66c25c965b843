"""On Celery (GONGKAI_TASK_QUEUE=celery) the batch is checked by the same chunks, and the nightly
purge is on the Celery schedule. Eager mode: the tasks run in the test's process, no broker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.applications.celery_app import app
from gongkai.checker import celery_tasks, queries, services
from gongkai.checker.models import CheckBatch
from gongkai.checker.workflow import BatchState
from gongkai.notifications.tests.test_celery import celery_eager  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def test_a_batch_under_celery_is_checked_by_celery(world, settings, django_capture_on_commit_callbacks):
    from huey.contrib.djhuey import HUEY

    settings.GONGKAI_CHECKER_CHUNK = 1
    assert not HUEY.immediate  # huey would only queue it: only Celery can check it here
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.create_batch(world.clerk_a, [("a.txt", b"not a report at all"), ("b.txt", b"")])
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and queries.progress(batch).unreadable == 2


def test_the_purge_is_on_the_celery_schedule(world, django_capture_on_commit_callbacks):
    entry = app.conf.beat_schedule["old-check-batches-purge"]
    assert entry["task"] == celery_tasks.purge_old_batches.name and entry["task"] in app.tasks
    with django_capture_on_commit_callbacks(execute=False):
        old = services.create_batch(world.clerk_a, [("a.txt", b"text")])
    CheckBatch.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=365))
    assert celery_tasks.purge_old_batches.delay().get() == 1
