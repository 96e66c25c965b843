"""The counters ``numbering`` draws its serials from."""

from django.db import models


class Counter(models.Model):
    """Last serial per agency, year and series (申请编号, each 文号 series); never reused."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="applications_counter_unique")
        ]
