"""The notification tasks on Celery (``gongkai.applications.celery_app`` finds this module in each
installed app), for deployments that run Celery instead of ``gongkai worker``: the same sending
and retry policy as on huey, and the same sweep (scheduled every ten minutes by the Celery app)."""

from __future__ import annotations

from django.conf import settings

from gongkai.applications.celery_app import app, django_ready


@app.task(name="gongkai.notifications.send", bind=True, max_retries=settings.GONGKAI_NOTIFY_RETRIES)
def send_notification(self, pk: int) -> str:
    django_ready()
    from .sending import SendFailed, retry_delay, send

    try:
        return send(pk, self.max_retries - self.request.retries)
    except SendFailed as exc:
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from None


@app.task(name="gongkai.notifications.sweep_stuck")
def sweep_stuck() -> int:
    django_ready()
    from . import services

    return services.sweep(lambda ids: [send_notification.delay(pk) for pk in ids])["stuck_notifications"]
