"""A report published before the platform, imported so that cross-year checks work from year one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import UPLOAD_MACHINE, UPLOAD_WAITING, UploadState


class ImportedBaseline(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="report_baselines", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    data = models.JSONField(_("报告内容"))
    content_hash = models.CharField(max_length=64)
    source_name = models.CharField(_("来源文件"), max_length=200)
    notes = models.JSONField(_("读取说明"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    # set once the carried-over applications were entered as open records (never twice)
    carried_entered_at = models.DateTimeField(_("结转申请录入时间"), null=True, blank=True)

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("往年报告（导入）")
        verbose_name_plural = _("往年报告（导入）")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="baseline_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年度报告（导入）"

    def to_report(self):
        from gongkai.annual.model import Report

        return Report.from_json(self.data)


class BaselineUpload(models.Model):
    """A report file sent to be imported as a baseline and read on the worker (a PDF: it may need
    OCR). The file is kept here until it is read, then dropped; the outcome stays for the officer."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="baseline_uploads", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    source_name = models.CharField(_("来源文件"), max_length=200)
    data = models.BinaryField(editable=False)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    state = models.CharField(_("状态"), max_length=10, default=UploadState.QUEUED.value)
    # when the current read began: the read that set it is the only one that may finish the upload
    started_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(_("未能导入的原因"), blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    baseline = models.ForeignKey(
        ImportedBaseline, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("往年报告（读取中）")
        verbose_name_plural = _("往年报告（读取中）")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(state__in=[s.value for s in UPLOAD_WAITING]),
                name="baseline_upload_one_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年度报告（{self.source_name}）"

    @property
    def state_label(self) -> str:
        return UPLOAD_MACHINE.label(self.state)
