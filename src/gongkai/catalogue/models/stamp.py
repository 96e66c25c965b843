"""The token the public pages' cache is keyed on."""

from __future__ import annotations

from django.db import models


class Stamp(models.Model):
    """One row whose token changes with every change to catalogue entries (a save signal and the bulk
    loaders set it). Public pages cache counts and search results under the current token, so a
    change is visible at once in every server process."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.BigIntegerField(default=0)
