"""An uploaded registry export between preview and confirmation."""

from __future__ import annotations

from django.db import models

from gongkai.spreadsheets import models as spreadsheets
from gongkai.spreadsheets.models import BatchStatus

__all__ = ["BatchStatus", "ImportBatch"]


class ImportBatch(spreadsheets.ImportBatch):
    # parsed rows ready to import: {"row": n, "values": {...}, "materials": [...], "action": "new"|"update"|"same", "base": version}
    rows = models.JSONField(default=list)
    mapping = models.JSONField(default=list)  # [[file header, element label]], the columns recognised
    ignored = models.JSONField(default=list)  # headers not used

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r["action"] == action)
