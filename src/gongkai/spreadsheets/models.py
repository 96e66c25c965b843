"""The upload between the preview and the confirmation, the fields every import keeps; each app's
``ImportBatch`` adds what its rows are."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    IMPORTED = "imported", _("已导入")
    DISCARDED = "discarded", pgettext_lazy("import batch", "已放弃")


class ImportBatch(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("状态"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # the refused cells: [{"row": 3, "column": "…", "message": "…"}]
    file_error = models.CharField(max_length=500, blank=True)  # the whole file was refused
    imported_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"导入 {self.file_name}"

    @classmethod
    def for_upload(cls, agency, actor, name: str, data: bytes, **fields):
        """A new, unsaved batch for the uploaded file (``data``, its bytes)."""
        return cls(
            agency=agency,
            file_name=PurePath(name or "").name[:255] or "upload",
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=actor,
            **fields,
        )

    @classmethod
    def lock(cls, pk: int):
        """The batch, locked until the end of the transaction, so two confirmations cannot race."""
        return cls.objects.select_for_update().select_related("agency").get(pk=pk)

    @property
    def is_open(self) -> bool:
        return self.status == BatchStatus.PREVIEWED

    @property
    def error_rows(self) -> list[int]:
        return sorted({e["row"] for e in self.errors if e.get("row")})

    def refuse(self, message: str) -> None:
        self.file_error = message[:500]
        self.status = BatchStatus.DISCARDED

    def mark_imported(self, count: int, *also: str) -> None:
        """Saved with the fields named in ``also`` (which the caller has set)."""
        self.status, self.imported_rows, self.confirmed_at = BatchStatus.IMPORTED, count, timezone.now()
        self.save(update_fields=["status", "imported_rows", "confirmed_at", *also])

    def mark_discarded(self, *also: str) -> None:
        self.status = BatchStatus.DISCARDED
        self.save(update_fields=["status", *also])
