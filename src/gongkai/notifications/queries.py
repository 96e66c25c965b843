"""The reads: the notifications of a case, newest first."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification


def for_application(app) -> QuerySet[Notification]:
    return Notification.objects.filter(application=app).order_by("-created_at", "-id")
