"""第二十条 records: decisions one by one, yearly totals kept elsewhere, and fees collected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..rules import KINDS, yuan_to_wan

KIND_CHOICES = [(k.value, info.label) for k, info in KINDS.items()]


class Decision(models.Model):
    """One 行政许可 / 行政处罚 / 行政强制 决定."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="art20_decisions", verbose_name=_("机构")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=KIND_CHOICES)
    number = models.CharField(_("决定文号"), max_length=100)
    decided_on = models.DateField(_("决定日期"))
    subject = models.CharField(_("相对人名称"), max_length=200, blank=True)
    summary = models.CharField(_("内容摘要"), max_length=500, blank=True)
    batch = models.ForeignKey(
        "records.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("处理决定")
        verbose_name_plural = _("处理决定")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "number"], name="records_decision_unique_number"
            ),
        ]
        indexes = [models.Index(fields=["agency", "kind", "decided_on"], name="records_dec_agency_kind_idx")]

    def __str__(self) -> str:
        return self.number

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label


class YearlyTotal(models.Model):
    """A year's number of decisions of one kind, for agencies that keep the decisions elsewhere.
    When it exists, table 二 uses it instead of counting the decisions entered here."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="art20_totals", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20, choices=KIND_CHOICES)
    count = models.PositiveIntegerField(_("处理决定数量"))
    source = models.CharField(_("数据来源"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("年度处理决定数量")
        verbose_name_plural = _("年度处理决定数量")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="records_total_unique"),
        ]

    def __str__(self) -> str:
        # In the source language whatever the page's: the event log keeps this text.
        with translation.override(None):
            return f"{self.year}年{KINDS[self.kind].label}{self.count}件"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label


class FeeCollection(models.Model):
    """行政事业性收费 collected in a year under one item, in 元 (shown in 万元)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="art20_fees", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    item = models.CharField(_("收费项目"), max_length=200)
    basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    amount_yuan = models.DecimalField(_("收费金额（元）"), max_digits=12, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "item"]
        verbose_name = _("行政事业性收费")
        verbose_name_plural = _("行政事业性收费")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "item"], name="records_fee_unique_item"),
            models.CheckConstraint(condition=models.Q(amount_yuan__gte=0), name="records_fee_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.item}"

    @property
    def amount_wan(self):
        return yuan_to_wan(self.amount_yuan)
