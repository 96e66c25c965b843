"""Connected in apps.py: the event log's new rows (the applications' steps) and the reminders the
deadline scan e-mailed."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from . import services, tasks


def on_event(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.action not in services.STEP_KINDS:
        return
    made = services.queue_for_step(instance)
    if made:
        # Sent by the worker once the step is committed: a rolled-back step tells no one.
        transaction.on_commit(partial(tasks.enqueue, made))


def on_reminder_emailed(sender, reminder, message, **kwargs):
    services.record_reminder(reminder, message)
