"""An uploaded import file between preview and confirmation (two steps, nothing saved before the second)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.spreadsheets import models as spreadsheets
from gongkai.spreadsheets.models import BatchStatus

__all__ = ["BatchStatus", "ImportBatch"]


class ImportBatch(spreadsheets.ImportBatch):
    kind = models.CharField(_("导入内容"), max_length=20)  # importer key: decisions / totals / fees
    valid_rows = models.JSONField(
        default=list
    )  # the parsed valid rows, JSON-ready: {"row": n, "values": {…}}
