"""The clock events of an application, as recorded (the clock itself is computed in ``clock``)."""

from __future__ import annotations

from django.db import models

from ..clock import EVENT_LABELS, ClockEvent, EventKind


class ClockEntry(models.Model):
    """One clock event (补正, 征求意见, 延期, 收费…) as ``clock.compute_clock`` reads them. Append-only."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="clock_entries"
    )
    kind = models.CharField(max_length=32, choices=[(k.value, v) for k, v in EVENT_LABELS.items()])
    on = models.DateField()
    days = models.PositiveSmallIntegerField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def to_event(self) -> ClockEvent:
        return ClockEvent(EventKind(self.kind), self.on, self.days, self.until)
