"""The same task code on Celery, for deployments that already run a broker (Redis or RabbitMQ).

    GONGKAI_CELERY_BROKER=redis://127.0.0.1:6379/0 celery -A gongkai.applications.celery_app worker -B

``-B`` runs the daily schedule in the worker (or run ``celery ... beat`` separately). Set
``GONGKAI_TASK_QUEUE=celery`` (the default when ``GONGKAI_CELERY_BROKER`` is set) for the site too,
so that it queues the notifications here rather than on huey. For RabbitMQ
use ``GONGKAI_CELERY_BROKER=amqp://user:pass@host:5672//`` and, if results are wanted,
``GONGKAI_CELERY_BACKEND=redis://...`` or ``rpc://``. Run either Celery or ``gongkai worker``
(huey), not both: either is safe to run twice, but once a day is enough.
"""

from __future__ import annotations

import os
from datetime import date

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")

BROKER = os.environ.get("GONGKAI_CELERY_BROKER", "redis://127.0.0.1:6379/0")

app = Celery("gongkai")
app.conf.update(
    broker_url=BROKER,
    result_backend=os.environ.get(
        "GONGKAI_CELERY_BACKEND", BROKER if BROKER.startswith("redis") else "rpc://"
    ),
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone="Asia/Shanghai",
    task_acks_late=True,  # a worker killed mid-scan leaves the task for the next one (the scan is idempotent)
    worker_prefetch_multiplier=1,
    # Redis hands an unacknowledged task (its worker was killed) to another worker after this many
    # seconds; it must exceed the longest task, or a running scan is started a second time.
    broker_transport_options={
        "visibility_timeout": int(os.environ.get("GONGKAI_CELERY_VISIBILITY_TIMEOUT", "3600"))
    },
    broker_connection_retry_on_startup=True,
    beat_schedule={
        "daily-deadline-scan": {
            "task": "gongkai.applications.scan_deadlines",
            "schedule": crontab(hour=7, minute=0),
        },
        "old-check-batches-purge": {
            "task": "gongkai.checker.purge_old_batches",
            "schedule": crontab(hour=3, minute=30),
        },
        "stuck-notifications-sweep": {
            "task": "gongkai.notifications.sweep_stuck",
            "schedule": crontab(minute="*/10"),
        },
        "stuck-baseline-uploads-sweep": {
            "task": "gongkai.reports.fail_stuck_uploads",
            "schedule": crontab(minute="*/10"),
        },
    },
)


# The apps' own Celery tasks (the notifications' sending) live in their ``celery_tasks`` modules:
# found by name when the worker starts, so this module imports none of the apps above it.
def _installed_apps() -> list[str]:
    from django.conf import settings

    return settings.INSTALLED_APPS


app.autodiscover_tasks(_installed_apps, related_name="celery_tasks")


def django_ready() -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


@app.task(name="gongkai.applications.scan_deadlines")
def scan_deadlines(today: str | None = None) -> dict:
    django_ready()
    from gongkai.applications.tasks import daily

    return daily(date.fromisoformat(today) if today else None).as_dict()
