"""A message 待发送 whose task is gone (a huey consumer killed between taking the task from its
queue and claiming the message) is queued again by the sweep, and still sent once only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.applications import services as applications
from gongkai.notifications import services
from gongkai.notifications.models import Notification
from gongkai.notifications.tasks import sweep

from .live import application_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def huey_now(settings, tmp_path):
    from huey.contrib.djhuey import HUEY

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    HUEY.immediate = True
    yield
    HUEY.immediate = False


def test_a_message_whose_task_was_lost_is_queued_again_and_sent_once(world, huey_now, settings):
    # on_commit never runs inside a test transaction: the message is 待发送 with no task, as after the kill.
    applications.register_by_staff(
        world.clerk_a, world.a, applications.ApplicantData(**application_fields(1)), "in_person"
    )
    message = Notification.objects.get(channel="email")
    assert services.lost_queued() == []  # just made: its task may still be on its way
    Notification.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.GONGKAI_NOTIFY_STUCK_MINUTES + 1)
    )
    assert services.lost_queued() == [message.pk]

    assert sweep() == {"stuck_notifications": 0, "requeued_notifications": 1}
    message.refresh_from_db()
    assert message.state == "sent" and len(mail.outbox) == 1
    assert sweep()["requeued_notifications"] == 0  # sent: never queued again
    services.attempt(message.pk)  # a duplicate task that still comes: nothing is sent
    assert len(mail.outbox) == 1
