"""The batch check on Celery (found by ``gongkai.applications.celery_app`` in each installed app),
for deployments that run Celery instead of ``gongkai worker``: the same chunks as on huey, and the
nightly purge of old batches (on the Celery app's schedule)."""

from __future__ import annotations

from django.conf import settings

from gongkai.applications.celery_app import app, django_ready


@app.task(name="gongkai.checker.check_batch")
def check_batch(batch_id: int) -> bool:
    django_ready()
    from .services import check_pending

    more = check_pending(batch_id, settings.GONGKAI_CHECKER_CHUNK)
    if more:
        check_batch.delay(batch_id)
    return more


@app.task(name="gongkai.checker.purge_old_batches")
def purge_old_batches() -> int:
    django_ready()
    from .services import purge_old

    return purge_old()
