"""An application for disclosure (政府信息公开申请) and the choices of its fields."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.fieldcrypt import BlindIndexField, EncryptedTextField

from .. import privacy
from ..rules import APPLICANT_TYPES, ID_TYPES, OUTCOMES, REPLY_TYPES
from ..workflow import STATES, State

# Labels are Chinese data marked in workflow.py / rules.py; the choices show them translated.
STATE_CHOICES = [(s.value, _(info.label)) for s, info in STATES.items()]

# The column labels of table 三 (gongkai.annual.layout), as the form and the lists show them.
_APPLICANT_LABELS = {
    "自然人": _("自然人"),
    "法人或其他组织": _("法人或其他组织"),
    "商业企业": _("商业企业"),
    "科研机构": _("科研机构"),
    "社会公益组织": _("社会公益组织"),
    "法律服务机构": _("法律服务机构"),
    "其他": pgettext_lazy("applicant type", "其他"),
}


def _applicant_label(text: str):
    return _APPLICANT_LABELS.get(text, text)


APPLICANT_TYPE_CHOICES = [
    (
        key,
        format_lazy(
            pgettext_lazy("applicant type", "{group}·{label}"),
            group=_applicant_label(t.group),
            label=_applicant_label(t.label),
        )
        if t.group
        else _applicant_label(t.label),
    )
    for key, t in APPLICANT_TYPES.items()
]
ID_TYPE_CHOICES = [(key, _(t.label)) for key, t in ID_TYPES.items()]
OUTCOME_CHOICES = [
    (key, o.label if o.label.startswith(o.group) else f"{o.group} {o.label}") for key, o in OUTCOMES.items()
]
REPLY_TYPE_CHOICES = [
    (key.value, f"{info.article} {info.label}".strip()) for key, info in REPLY_TYPES.items()
]
OPEN_STATES = tuple(s.value for s, info in STATES.items() if info.open)


class Channel(models.TextChoices):
    """How the application reached the agency (条例第二十九条、第三十一条)."""

    ONLINE = "online", _("网上申请")
    EMAIL = "email", _("电子邮件")
    FAX = "fax", _("传真")
    ORDINARY_MAIL = "ordinary_mail", _("平信邮寄")
    REGISTERED_MAIL = "registered_mail", _("挂号信、快递等需签收的邮件")
    IN_PERSON = "in_person", _("当面提交")
    ORAL = "oral", _("口头提出（工作人员代为填写）")


# 条例第三十一条: for these the receipt date is the day receipt is confirmed with the applicant.
CONFIRM_CHANNELS = frozenset({Channel.ONLINE, Channel.EMAIL, Channel.FAX, Channel.ORDINARY_MAIL})


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质文本")
    ELECTRONIC = "electronic", _("电子数据")
    INSPECTION = "inspection", _("查阅、抄录")


class DeliveryChannel(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上获取")


class Application(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="applications", verbose_name=_("机构")
    )
    tracking_no = models.CharField(_("申请编号"), max_length=64, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    # The hidden token of the form that created it: a second POST of the same form finds this row.
    submit_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    state = models.CharField(_("状态"), max_length=24, choices=STATE_CHOICES, db_index=True)

    # ---- applicant (条例第二十九条第（一）项)
    applicant_type = models.CharField(_("申请人类型"), max_length=24, choices=APPLICANT_TYPE_CHOICES)
    name = models.CharField(_("姓名或名称"), max_length=200)
    id_type = models.CharField(_("身份证明类型"), max_length=32, choices=ID_TYPE_CHOICES)
    # ID number and phone are encrypted at rest (gongkai.fieldcrypt); the same applicant is found by
    # the keyed hash of the ID number (earlier_items_this_month), never by the column itself.
    id_number = EncryptedTextField(_("证件号码"))
    id_number_hash = BlindIndexField(source="id_number")
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = EncryptedTextField(_("联系电话"))
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # ---- what is sought (第（二）项) and in what form (第（三）项)
    description = models.TextField(_("所需政府信息的名称、文号或其他特征性描述"))
    delivery_form = models.CharField(_("提供形式"), max_length=16, choices=DeliveryForm.choices)
    delivery_channel = models.CharField(_("获取方式"), max_length=16, choices=DeliveryChannel.choices)
    fee_reduction_requested = models.BooleanField(_("申请减免信息处理费"), default=False)
    fee_reduction_reason = models.TextField(_("减免理由"), blank=True)
    oral_record_note = models.TextField(_("口头申请记录说明"), blank=True)

    # ---- dates
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, db_index=True)
    finished_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    closed_on = models.DateField(_("归档日期"), null=True, blank=True)
    # the day the retention step erased the applicant's ID number, contacts and files (retention.py)
    personal_data_erased_on = models.DateField(_("个人信息删除日期"), null=True, blank=True)

    # ---- the statutory clock, denormalised from compute_clock for lists and the daily scan
    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    next_due = models.DateField(_("最近期限"), null=True, blank=True, db_index=True)
    next_due_kind = models.CharField(max_length=24, blank=True)
    notice_due = models.DateField(_("补正告知期限"), null=True, blank=True)
    clock_status = models.CharField(max_length=16, blank=True)

    # ---- processing
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_until = models.DateField(_("补正期限"), null=True, blank=True)
    correction_text = models.TextField(_("补正内容"), blank=True)
    # The hidden token of the applicant's online 补正 form: a second POST of it records nothing.
    correction_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    consultation_party = models.CharField(_("被征求意见方"), max_length=200, blank=True)
    consultation_kind = models.CharField(max_length=16, blank=True)  # third_party | coproducer
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.CharField(_("批准延期的负责人"), max_length=100, blank=True)
    fee_basis = models.CharField(_("计费方式"), max_length=16, blank=True)
    fee_quantity = models.PositiveIntegerField(_("件数或页数"), null=True, blank=True)
    fee_amount = models.PositiveIntegerField(_("信息处理费（元）"), null=True, blank=True)
    fee_explain = models.CharField(_("计费说明"), max_length=500, blank=True)
    payment_due = models.DateField(_("缴费期限"), null=True, blank=True)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=48, choices=OUTCOME_CHOICES, blank=True)
    reply_type = models.CharField(_("答复类型"), max_length=24, choices=REPLY_TYPE_CHOICES, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    referral_agency = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    referral_contact = models.CharField(_("该机关联系方式"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("合并到")
    )
    withdrawal_note = models.TextField(_("撤回说明"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            models.Index(fields=["agency", "state"], name="app_agency_state_idx"),
            models.Index(fields=["agency", "received_on"], name="app_agency_received_idx"),
        ]

    # Never personal data: str() goes into the event log and into page titles.
    def __str__(self) -> str:
        return self.tracking_no

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def state_label(self) -> str:
        return gettext(STATES[State(self.state)].label)

    @property
    def is_open(self) -> bool:
        return STATES[State(self.state)].open

    @property
    def is_organisation(self) -> bool:
        return APPLICANT_TYPES[self.applicant_type].is_organisation

    @property
    def applicant_type_label(self) -> str:
        return str(dict(APPLICANT_TYPE_CHOICES)[self.applicant_type])

    # ---- masking (see privacy.py)
    @property
    def id_number_masked(self) -> str:
        return privacy.mask_id(self.id_number)

    @property
    def phone_masked(self) -> str:
        return privacy.mask_phone(self.phone)

    @property
    def address_masked(self) -> str:
        return privacy.mask_address(self.address)

    @property
    def email_masked(self) -> str:
        return privacy.mask_email(self.email)
