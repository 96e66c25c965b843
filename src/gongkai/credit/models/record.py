"""One 双公示 record: a 行政许可 or 行政处罚 decision with the platform's data items (spec §2.2,
§2.3), its decision and publication dates, its 7-working-day due date and its 公示期."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..rules import Category, Kind


class PublicityState(models.TextChoices):
    PENDING = "pending", _("待公示")
    ACTIVE = "active", _("公示中")
    WITHDRAWN = "withdrawn", _("已撤回")
    REPAIRED = "repaired", _("信用修复提前撤下")


def _text(label, length=200):
    return models.CharField(label, max_length=length, blank=True)


class CreditRecord(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    subject_name = _text(_("行政相对人名称"))
    subject_category = models.CharField(_("行政相对人类别"), max_length=10, choices=Category.choices)
    uscc = _text(_("统一社会信用代码"), 18)
    legal_rep = _text(_("法定代表人"), 50)
    legal_rep_id_type = _text(_("法定代表人证件类型"), 50)
    legal_rep_id_no = _text(_("法定代表人证件号码"), 50)  # personal: never public
    id_type = _text(_("证件类型"), 50)
    id_no = _text(_("证件号码"), 50)  # personal: never public
    doc_title = _text(_("决定文书名称"))
    doc_no = _text(_("决定文书号"), 100)
    licence_category = _text(_("许可类别"), 50)
    licence_name = _text(_("许可证书名称"))
    licence_no = _text(_("许可编号"), 100)
    content = models.TextField(_("许可内容或处罚内容"), blank=True)
    violation_type = _text(_("违法行为类型"))
    facts = models.TextField(_("违法事实"), blank=True)
    basis = models.TextField(_("处罚依据"), blank=True)
    penalty_categories = _text(_("处罚类别"))
    fine_wan = models.DecimalField(
        _("罚款金额（万元）"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    confiscated_wan = models.DecimalField(
        _("没收金额（万元）"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    licence_suspended = _text(_("暂扣或吊销证照名称及编号"))
    decided_on = models.DateField(_("决定日期"))
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_to = models.DateField(_("有效期至"), null=True, blank=True)
    long_term = models.BooleanField(_("长期有效"), default=False)
    authority = _text(_("决定机关"))
    authority_code = _text(_("决定机关统一社会信用代码"), 18)
    current_status = _text(_("当前状态"), 20)
    source_unit = _text(_("数据来源单位"))
    source_unit_code = _text(_("数据来源单位统一社会信用代码"), 18)
    note = _text(_("备注"), 500)

    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    # decided_on + 7 working days on the working calendar (recounted when the calendar changes);
    # None when the calendar cannot count it.
    due_on = models.DateField(_("应公示日期"), null=True, blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)  # to the credit platform
    publicity_end = models.DateField(_("公示截止期"), null=True, blank=True)  # None: no end (长期许可)
    repair_from = models.DateField(_("可申请信用修复之日"), null=True, blank=True)
    state = models.CharField(
        _("公示状态"), max_length=10, choices=PublicityState.choices, default=PublicityState.PENDING
    )
    ended_on = models.DateField(_("撤下日期"), null=True, blank=True)
    end_reason = models.CharField(_("撤下理由"), max_length=500, blank=True)
    warnings = models.JSONField(default=list, blank=True)  # W findings, as shown
    imported_from = models.ForeignKey(
        "credit.CreditImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "doc_no"], name="credit_record_unique_doc_no")
        ]
        indexes = [
            models.Index(fields=["agency", "published_on"]),
            models.Index(fields=["agency", "kind", "decided_on"]),
            models.Index(fields=["agency", "submitted_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.doc_no}"

    @property
    def late(self) -> bool:
        return bool(self.due_on and self.published_on and self.published_on > self.due_on)
