"""A batch of published reports uploaded for checking, and its files: who uploaded it (only they see
it), where the files are kept (the data folder, until the batch is deleted or purged), and per file
what was read and found."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import BatchState


class ItemState(models.TextChoices):
    PENDING = "pending", _("待检查")
    CLEAN = "clean", _("无错误")
    ERRORS = "errors", _("有错误")
    UNREADABLE = "unreadable", _("无法读取")


class CheckBatch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(_("上传时间"), auto_now_add=True)
    state = models.CharField(max_length=12, choices=BatchState.choices, default=BatchState.QUEUED)
    # The worker's last sign of life: a batch not done and not touched for a while is stuck.
    touched = models.DateTimeField(auto_now_add=True)
    total = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, blank=True)  # names in a zip that are not reports

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("批量检查")

    def __str__(self) -> str:
        return f"批量检查 {self.pk}（{self.total} 个文件）"


class CheckItem(models.Model):
    batch = models.ForeignKey(CheckBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    name = models.CharField(_("文件"), max_length=500)  # as uploaded; a zip's folders included
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    stored = models.CharField(max_length=100)  # file name in the batch's folder
    state = models.CharField(max_length=12, choices=ItemState.choices, default=ItemState.PENDING)
    kind = models.CharField(_("文件类型"), max_length=10, blank=True)  # the reader used: pdf, docx …
    report_format = models.CharField(_("格式"), max_length=10, blank=True)
    agency = models.CharField(_("机关"), max_length=200, blank=True)
    year = models.PositiveIntegerField(_("年度"), null=True, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    note_count = models.PositiveIntegerField(default=0)
    findings = models.JSONField(default=list, blank=True)  # Finding.to_json() each
    notes = models.JSONField(default=list, blank=True)  # the reader's Note.to_json() each
    report = models.JSONField(null=True, blank=True)  # Report.to_json(), for the tables
    error = models.TextField(_("无法读取的原因"), blank=True)
    checked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="checker_item_position")]

    def __str__(self) -> str:
        return self.name
