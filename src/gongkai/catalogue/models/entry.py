"""A catalogue entry (政府信息公开目录条目) and the choices of its fields."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai import law


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class DisclosureMode(models.TextChoices):
    # The law's own labels (公开方式); only their display is translated, the stored values are codes.
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class Validity(models.TextChoices):
    VALID = "valid", pgettext_lazy("validity", "有效")
    EXPIRED = "expired", pgettext_lazy("validity", "失效")
    REPEALED = "repealed", pgettext_lazy("validity", "废止")


class DocType(models.TextChoices):
    ORDINARY = "ordinary", pgettext_lazy("document type", "普通文件")
    REGULATION = "regulation", pgettext_lazy("document type", "规章")
    NORMATIVE = "normative", pgettext_lazy("document type", "行政规范性文件")
    OTHER_POLICY = "policy", pgettext_lazy("document type", "其他政策文件")
    DECISION = "decision", pgettext_lazy("document type", "行政决定")
    REPORT = "report", pgettext_lazy("document type", "报告、统计和计划")


class Entry(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="catalogue_entries", verbose_name=_("机构")
    )
    index_no = models.CharField(_("索引号"), max_length=80, unique=True)
    title = models.CharField(_("名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    created_date = models.DateField(_("生成日期"), help_text=_("成文日期，即政府信息形成或者变更之日"))
    publish_date = models.DateField(_("发布日期"), null=True, blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=200, blank=True)
    category = models.CharField(_("主题分类"), max_length=8)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    disclosure = models.CharField(
        _("公开方式"), max_length=16, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    doc_type = models.CharField(
        _("文件类型"), max_length=16, choices=DocType.choices, default=DocType.ORDINARY
    )
    validity = models.CharField(_("有效性"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    invalid_date = models.DateField(_("失效或废止日期"), null=True, blank=True)
    body = models.TextField(_("正文"), blank=True)

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(_("退回理由"), blank=True)
    # 第二十六条: working days from 生成日期 to 发布日期; None when the calendar has no data for those years.
    publish_lag = models.PositiveIntegerField(_("发布用时（工作日）"), null=True, blank=True)
    late = models.BooleanField(
        format_lazy(_("超过{days}个工作日发布"), days=law.PUBLISH.amount), null=True, blank=True
    )

    # rjieba search-mode words; the SQLite FTS5 table and the PostgreSQL GIN index read these.
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        ordering = ["-publish_date", "-id"]
        indexes = [
            models.Index(fields=["status", "-publish_date", "-id"], name="catalogue_pub_idx"),
            models.Index(fields=["agency", "status", "-publish_date"], name="catalogue_agency_idx"),
            models.Index(fields=["doc_type", "agency"], name="catalogue_doctype_idx"),
            # A query that is a 文号 is looked up exactly (search.numbers), ranked first.
            models.Index(fields=["doc_number"], name="catalogue_docno_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.index_no} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.disclosure == DisclosureMode.PROACTIVE
