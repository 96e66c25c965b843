"""An uploaded 双公示 file between its check (preview) and its import. The file itself is kept and
read again at confirmation, so that 100,000 rows need not sit in the database twice."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.spreadsheets import models as spreadsheets
from gongkai.spreadsheets.models import BatchStatus

from ..rules import Kind

__all__ = ["BatchStatus", "CreditImport"]


class CreditImport(spreadsheets.ImportBatch):
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    content = models.BinaryField(editable=False)
    # the shared field, narrower in this table
    status = models.CharField(
        _("状态"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    sample = models.JSONField(default=list)  # the first valid rows, as shown: [{"row": 2, "cells": [...]}]
    # errors (H) are the shared field, kept up to KEPT_FINDINGS; warnings (W) have the same shape
    warnings = models.JSONField(default=list)
    error_count = models.PositiveIntegerField(default=0)  # all of them (the lists keep the first ones)
    warning_count = models.PositiveIntegerField(default=0)
