"""An uploaded 双公示 file between its check (preview) and its import. The file itself is kept and
read again at confirmation, so that 100,000 rows need not sit in the database twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..rules import Kind


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    IMPORTED = "imported", _("已导入")
    DISCARDED = "discarded", _("已放弃")


class CreditImport(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(default=0)
    sample = models.JSONField(default=list)  # the first valid rows, as shown: [{"row": 2, "cells": [...]}]
    errors = models.JSONField(default=list)  # H: [{"row": 3, "column": "许可决定日期", "message": "…"}]
    warnings = models.JSONField(default=list)  # W, same shape
    error_count = models.PositiveIntegerField(default=0)  # all of them (the lists keep the first ones)
    warning_count = models.PositiveIntegerField(default=0)
    file_error = models.CharField(max_length=500, blank=True)
    imported_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"导入 {self.file_name}"
