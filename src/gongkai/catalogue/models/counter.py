"""The 索引号 serial counters."""

from __future__ import annotations

from django.db import models


class IndexCounter(models.Model):
    """Last serial handed out per agency and year; only ever goes up, so a 索引号 is never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="catalogue_counter_unique")]
