"""Under Celery (``GONGKAI_TASK_QUEUE=celery``) the notifications are queued on Celery and sent with
the huey worker's retry policy; the sweep of stuck ones is on the Celery schedule. Eager mode: the
tasks run in the test's process, no broker."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.applications.celery_app import app
from gongkai.applications.testing import make_application
from gongkai.notifications import celery_tasks, tasks
from gongkai.notifications.models import Notification
from gongkai.notifications.sending import retry_delay


def _forget_connections():
    # The app keeps the broker pool and the result backend it made; a later test (the one on a real
    # Redis) points the app elsewhere, which it would otherwise never reach.
    app._pool = app._backend_cache = app.amqp._producer_pool = None
    vars(app._local).pop("backend", None)


@pytest.fixture
def celery_eager(settings):
    settings.GONGKAI_TASK_QUEUE = "celery"
    kept = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    # Eager: run in this process. Even so Celery takes a broker connection: an in-memory one.
    # Not task_eager_propagates: it would raise the retry instead of running it as a worker does.
    app.conf.update(task_always_eager=True, broker_url="memory://", result_backend="cache+memory://")
    _forget_connections()
    yield app
    app.conf.update(kept)
    _forget_connections()


@pytest.fixture
def queued(world):
    make_application(world.a, date(2026, 3, 2))  # on_commit never runs here: nothing sent yet
    return Notification.objects.get(channel="email")


def test_a_step_under_celery_is_sent_by_celery(world, celery_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app_ = make_application(world.a, date(2026, 3, 2))
    sent = Notification.objects.filter(application=app_)
    # huey is not immediate here: only Celery can have sent them.
    assert sorted(sent.values_list("channel", "state")) == [("email", "sent"), ("sms", "sent")]
    assert len(mail.outbox) == 1 and app_.tracking_no in mail.outbox[0].body


def test_celery_retries_like_huey_then_marks_failed(queued, celery_eager, settings, monkeypatch):
    settings.EMAIL_BACKEND = "gongkai.notifications.tests.test_notifications.BrokenBackend"
    delays = []
    real_retry = celery_tasks.send_notification.retry

    def retry(*args, countdown=None, **kwargs):
        delays.append(countdown)
        return real_retry(*args, countdown=countdown, **kwargs)

    monkeypatch.setattr(celery_tasks.send_notification, "retry", retry)
    tasks.enqueue([queued.pk])
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == ("failed", settings.GONGKAI_NOTIFY_RETRIES + 1)
    assert "smtp down" in queued.last_error and not mail.outbox
    assert delays == [retry_delay(n) for n in range(settings.GONGKAI_NOTIFY_RETRIES)] == [300, 600, 1200]


def test_the_stuck_sweep_is_on_the_celery_schedule(queued, celery_eager):
    sweep = app.conf.beat_schedule["stuck-notifications-sweep"]
    assert sweep["task"] == celery_tasks.sweep_stuck.name and sweep["task"] in app.tasks
    Notification.objects.filter(pk=queued.pk).update(
        state="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert celery_tasks.sweep_stuck.delay().get() == 1
    assert Notification.objects.get(pk=queued.pk).state == "failed" and not mail.outbox
