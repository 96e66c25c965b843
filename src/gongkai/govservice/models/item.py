"""A 政务服务事项 (one agency's 实施清单 row), kept as versions: an import that changes an item, or
a status change, adds a version and closes the previous one, so the registry can be read as of any
date (the report's year end) and an item's history stays."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..codes import (
    DEPTHS,
    ITEM_TYPES,
    PROJECT_TYPES,
    STATUS_CANCELLED,
    STATUS_IN_USE,
    STATUS_SUSPENDED,
    USE_LEVELS,
)


class Status(models.TextChoices):
    # a context: other apps translate 取消 as the verb and 在用 otherwise
    IN_USE = STATUS_IN_USE, pgettext_lazy("govservice", "在用")
    SUSPENDED = STATUS_SUSPENDED, pgettext_lazy("govservice", "暂停")
    CANCELLED = STATUS_CANCELLED, pgettext_lazy("govservice", "取消")


class ServiceItem(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    # GB/T 39046 表4 items 1–3; codes are opaque strings (§1.4: the coding standard was not read)
    name = models.CharField(_("事项名称"), max_length=200)
    basic_code = models.CharField(_("基本编码"), max_length=64, blank=True)
    code = models.CharField(_("实施编码"), max_length=64)
    item_type = models.CharField(_("事项类型"), max_length=2, choices=list(ITEM_TYPES.items()))
    use_level = models.CharField(_("行使层级"), max_length=1, choices=list(USE_LEVELS.items()), blank=True)
    implementer = models.CharField(_("实施主体"), max_length=100)
    implementer_uscc = models.CharField(_("实施主体统一社会信用代码"), max_length=18, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    # 法定/承诺办结时限: value and unit; promised 0 = 即办; None = 无期限 / not given
    statutory_limit = models.PositiveIntegerField(_("法定办结时限"), null=True, blank=True)
    statutory_unit = models.CharField(_("法定时限单位"), max_length=8, blank=True)
    promised_limit = models.PositiveIntegerField(_("承诺办结时限"), null=True, blank=True)
    promised_unit = models.CharField(_("承诺时限单位"), max_length=8, blank=True)
    project_type = models.CharField(
        _("办件类型"), max_length=1, choices=list(PROJECT_TYPES.items()), blank=True
    )
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), null=True, blank=True)
    visit_reason = models.CharField(_("必须现场办理原因"), max_length=500, blank=True)
    is_online = models.BooleanField(_("是否网办"), default=False)
    depth = models.PositiveSmallIntegerField(
        _("网上办理深度"), null=True, blank=True, choices=list(DEPTHS.items())
    )
    online_url = models.URLField(_("在线办理地址（电脑端）"), max_length=500, blank=True)
    mobile_url = models.URLField(_("移动端办理地址"), max_length=500, blank=True)
    online_exempt_reason = models.CharField(_("不适宜网上办理的原因"), max_length=200, blank=True)
    forms = models.JSONField(_("办理形式"), default=list, blank=True)  # A.5 codes
    has_fee = models.BooleanField(_("是否收费"), default=False)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    place = models.CharField(_("办理地点"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=150, blank=True)
    consult_phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=50, blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    status = models.CharField(_("事项状态"), max_length=10, choices=Status.choices, default=Status.IN_USE)
    effective_on = models.DateField(_("计划生效日期"), null=True, blank=True)
    cancel_on = models.DateField(_("计划取消日期"), null=True, blank=True)

    # the version: [valid_from, valid_to) is when this version was the registry's
    version = models.PositiveIntegerField(_("版本"), default=1)
    valid_from = models.DateField(_("本版本起始日期"))
    valid_to = models.DateField(_("本版本截止日期"), null=True, blank=True)
    is_current = models.BooleanField(default=True)
    batch = models.ForeignKey(
        "govservice.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code", "version"], name="govservice_item_version"),
            models.UniqueConstraint(
                fields=["agency", "code"], condition=models.Q(is_current=True), name="govservice_one_current"
            ),
        ]
        indexes = [models.Index(fields=["agency", "is_current", "item_type"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def is_immediate(self) -> bool:
        return self.promised_limit == 0

    @property
    def guide_target(self) -> str:
        """Where the QR code points: the live platform page when there is one (§1.8)."""
        return self.online_url or self.mobile_url


class Material(models.Model):
    """申请材料 (表4 items 56–64), one row per material of one version."""

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("材料名称"), max_length=300)
    originals = models.PositiveSmallIntegerField(_("原件份数"), default=0)
    copies = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    required = models.BooleanField(_("是否必要"), default=True)

    class Meta:
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return self.name
