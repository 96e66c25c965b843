"""An uploaded registry export between preview and confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    IMPORTED = "imported", _("已导入")
    DISCARDED = "discarded", pgettext_lazy("govservice", "已放弃")


class ImportBatch(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("状态"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(default=0)
    # parsed rows ready to import: {"row": n, "values": {...}, "materials": [...], "action": "new"|"update"|"same", "base": version}
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)  # [{"row": 3, "column": "实施编码", "message": "…"}]
    mapping = models.JSONField(default=list)  # [[file header, element label]], the columns recognised
    ignored = models.JSONField(default=list)  # headers not used
    file_error = models.CharField(max_length=500, blank=True)
    imported_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"导入 {self.file_name}"

    @property
    def error_rows(self) -> list[int]:
        return sorted({e["row"] for e in self.errors if e.get("row")})

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r["action"] == action)
