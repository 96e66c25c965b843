"""An agency (行政机关) in the tree, with its 政府信息公开工作机构 (the office the guide names)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.annual.model import AGENCY_KIND_LABELS, AgencyKind, AgencyLevel

# Kinds and levels reuse the report core's values so a report and the platform agree on them.
KIND_CHOICES = [(kind.value, label) for kind, label in AGENCY_KIND_LABELS.items()]
LEVEL_LABELS = {
    AgencyLevel.MINISTRY: "国家级",
    AgencyLevel.PROVINCE: "省级",
    AgencyLevel.CITY: "市级",
    AgencyLevel.COUNTY: "县级",
    AgencyLevel.TOWNSHIP: "乡级",
}
LEVEL_CHOICES = [(level.value, LEVEL_LABELS[level]) for level in AgencyLevel]

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$",
    _("机构代码只能由字母、数字、连字符和下划线组成，以字母或数字开头，最长 32 位。"),
)


# First path segments under /staff/ that belong to other apps, so no agency may take them as its code;
# and fixed segments an app puts where its URLs have an agency code ("summary": /staff/reports/summary/).
RESERVED_CODES = frozenset(
    {
        "catalogue",
        "applications",
        "appeals",
        "records",
        "reports",
        "checker",
        "calendar",
        "disclosure",
        "hotline",
        "govservice",
        "interaction",
        "credit",
        "supervision",
        "static",
        "admin",
        "accounts",
        "api",
    }
    | {"summary"}
)


class Agency(models.Model):
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级机构"),
    )
    code = models.CharField(
        _("机构代码"),
        max_length=32,
        unique=True,
        validators=[code_validator],
        help_text=_("用于网址和索引号，例如 sfx-jyj。"),
    )
    name = models.CharField(_("机构名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, help_text=_("可用于索引号前缀。")
    )
    kind = models.CharField(_("机构类型"), max_length=16, choices=KIND_CHOICES)
    level = models.CharField(_("行政层级"), max_length=16, choices=LEVEL_CHOICES)
    is_supervising_office = models.BooleanField(
        _("政府信息公开工作主管部门"),
        default=False,
        help_text=_(
            "县级以上地方人民政府办公厅（室），负责推进、指导、协调、监督本行政区域的政府信息公开工作。"
        ),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    # 政府信息公开工作机构 (条例第十二条: 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式)
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(
        _("邮政编码"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("邮政编码应为 6 位数字。"))],
    )
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_website = models.URLField(_("网址"), blank=True)
    guide_notes = models.TextField(_("指南补充说明"), blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # The fields an 机构管理员 may edit on the settings page; also what the event log snapshots.
    OFFICE_FIELDS = (
        "office_name",
        "office_address",
        "office_postcode",
        "office_hours",
        "office_phone",
        "office_fax",
        "office_email",
        "office_website",
        "guide_notes",
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="agency_credit_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_enum(self) -> AgencyKind:
        return AgencyKind(self.kind)

    @property
    def level_enum(self) -> AgencyLevel:
        return AgencyLevel(self.level)

    def to_annual(self):
        """The report core's view of this agency."""
        from gongkai.annual.model import Agency as AnnualAgency

        return AnnualAgency(name=self.name, kind=self.kind_enum, level=self.level_enum)

    def ancestors(self) -> list[Agency]:
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of this agency and everything below it (one query; agencies number in the hundreds)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Agency.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), [self.pk]
        while stack:
            pk = stack.pop()
            if pk in found:
                continue
            found.add(pk)
            stack.extend(children.get(pk, ()))
        return found

    def supervision_root(self) -> Agency:
        """Where a supervisor of this agency sees from: a 主管部门 (the government's office) works for
        the whole area of its 人民政府, so it looks from the parent; any other agency from itself."""
        if self.is_supervising_office and self.parent_id:
            return self.parent
        return self

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.code.lower() in RESERVED_CODES:
            raise ValidationError({"code": _("该机构代码为系统保留，请换一个。")})
        if self.pk and self.parent_id and self.pk in {a.pk for a in [self.parent, *self.parent.ancestors()]}:
            raise ValidationError({"parent": _("上级机构不能是本机构或其下级机构。")})
