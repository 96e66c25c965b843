"""An agency's annual report for one year: the texts staff write, its status, its published versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.annual.layout import SUBTOPICS

from ..workflow import STATUS_LABELS, Status

STATUS_CHOICES = [(s.value, label) for s, label in STATUS_LABELS.items()]

# 一、总体情况 is written in the five sub-topics of 国办公开办函〔2021〕30号 (the layout's SUBTOPICS), in
# this order, each a model field; the labels are the report's own headings (build.overview_text).
OVERVIEW_PARTS = tuple((f"overview_{s.key}", s.printed) for s in SUBTOPICS)
TEXT_FIELDS = ("overview_intro", *(key for key, _label in OVERVIEW_PARTS), "problems", "other")


class AppendOnlyError(Exception):
    """A published version is never changed or removed."""


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    status = models.CharField(_("状态"), max_length=16, choices=STATUS_CHOICES, default=Status.DRAFT.value)

    overview_intro = models.TextField(_("总体情况·开头"), blank=True)
    overview_active = models.TextField(_("主动公开"), blank=True)
    overview_on_request = models.TextField(_("依申请公开"), blank=True)
    overview_info_management = models.TextField(_("政府信息管理"), blank=True)
    overview_platform = models.TextField(_("政府信息公开平台建设"), blank=True)
    overview_supervision = models.TextField(_("监督保障"), blank=True)
    problems = models.TextField(_("存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("其他需要报告的事项"), blank=True)
    signature_date = models.DateField(_("落款日期"), null=True, blank=True)

    correction_note = models.TextField(_("更正说明"), blank=True)  # for the next version, when revising
    return_reason = models.TextField(_("退回理由"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__sort_order", "agency__code", "-year"]
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annualreport_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[Status(self.status)])

    @property
    def title(self) -> str:
        return str(self)

    def latest_version(self) -> ReportVersion | None:
        return self.versions.order_by("-number").first()


class ReportVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("已发布的版本不能修改。")

    def delete(self):
        raise AppendOnlyError("已发布的版本不能删除。")


class ReportVersion(models.Model):
    """A published snapshot: the ``gongkai.annual/1`` JSON as published, and its sha256."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    data = models.JSONField(_("报告内容"))
    content_hash = models.CharField(_("内容哈希（SHA-256）"), max_length=64)
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_note = models.TextField(_("更正说明"), blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("已发布版本")
        verbose_name_plural = _("已发布版本")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_number")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("已发布的版本不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("已发布的版本不能删除。")

    def to_report(self):
        from gongkai.annual.model import Report

        return Report.from_json(self.data)


class WarningAcknowledgement(models.Model):
    """A 审核人 confirmed a warning before publishing (who, which warning, for which version)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="acknowledgements")
    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="acknowledgements"
    )
    code = models.CharField(_("检查项"), max_length=32)
    fingerprint = models.CharField(max_length=64)
    message = models.TextField(_("警告内容"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("确认时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("警告确认")
        verbose_name_plural = _("警告确认")
