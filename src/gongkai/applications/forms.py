"""Forms. Field checks call the same validators and services checks the services run again."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongkai import law
from gongkai.i18n import join_list
from gongkai.widgets import DateInput, MultipleFileField

from . import services
from .fees import FEE_BASIS_LABELS
from .letters import PLACEHOLDERS, TemplateProblem, check_template
from .models import APPLICANT_TYPE_CHOICES, Channel, DeliveryChannel, DeliveryForm
from .models.application import ID_TYPE_CHOICES, OUTCOME_CHOICES, REPLY_TYPE_CHOICES, STATE_CHOICES
from .numbering import settings_for
from .services import ApplicantData, ApplicationError


def apply_error(form: forms.Form, exc: ApplicationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


ATTACHMENT_HELP = _("PDF、Word、Excel、PNG 或 JPEG，最多5个，每个不超过10MB")

APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "delivery_form",
    "delivery_channel",
    "fee_reduction_requested",
    "fee_reduction_reason",
)


class PlainErrors:
    """A public form's messages name the field and say what to do, in the active language — never
    a framework default such as "This field is required." (the form is rendered ``novalidate``, so
    these are also the only messages a visitor sees)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(_plain_messages(field))


def _plain_messages(field: forms.Field) -> dict[str, str]:
    label = str(field.label or "")
    if isinstance(field, forms.FileField):
        required = gettext("请选择要上传的%(label)s") % {"label": label}
    elif isinstance(field, forms.ChoiceField | forms.BooleanField):
        required = gettext("请选择%(label)s") % {"label": label}
    else:
        required = gettext("请填写%(label)s") % {"label": label}
    messages = {
        "required": required,
        "invalid_choice": gettext("请从列表中选择%(label)s") % {"label": label},
        # %(limit_value)s and %(show_value)s are filled in by Django's length validators.
        "max_length": gettext("%(label)s最多%%(limit_value)s个字，现有%%(show_value)s个字")
        % {"label": label},
        "empty": gettext("上传的文件是空的，请重新选择"),
        "missing": gettext("没有收到文件，请重新选择"),
        "contradiction": gettext("请重新选择要上传的文件"),
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = gettext("%(label)s格式不正确，应如 name@example.com") % {"label": label}
    elif isinstance(field, forms.DateField):
        messages["invalid"] = gettext("请按“年-月-日”填写%(label)s，如 2026-03-02") % {"label": label}
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = gettext("%(label)s应为整数") % {"label": label}
    elif isinstance(field, forms.FileField):
        messages["invalid"] = gettext("上传的文件无法读取，请重新选择")
    elif not (isinstance(field, forms.RegexField) and "invalid" in field.error_messages):
        messages["invalid"] = gettext("%(label)s填写有误，请核对") % {"label": label}
    if isinstance(field, forms.IntegerField):
        messages["min_value"] = gettext("%(label)s不能小于%%(limit_value)s") % {"label": label}
        messages["max_value"] = gettext("%(label)s不能大于%%(limit_value)s") % {"label": label}
    return messages


class OnceOnly(forms.Form):
    """A hidden one-time token, so the same form posted twice (a double click, a reload) is one step."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)


class ApplicationForm(PlainErrors, OnceOnly):
    """The online form (条例第二十九条: who, what, in what form)."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES)
    name = forms.CharField(label=_("姓名或名称"), max_length=200)
    id_type = forms.ChoiceField(label=_("身份证明类型"), choices=ID_TYPE_CHOICES)
    id_number = forms.CharField(
        label=_("证件号码"), max_length=64, help_text=_("法人或其他组织请填写统一社会信用代码")
    )
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=32)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.RegexField(
        label=_("邮政编码"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("邮政编码应为6位数字")},
    )
    description = forms.CharField(
        label=_("所需政府信息的名称、文号或者便于查询的其他特征性描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    delivery_form = forms.ChoiceField(label=_("政府信息的提供形式"), choices=DeliveryForm.choices)
    delivery_channel = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryChannel.choices)
    fee_reduction_requested = forms.BooleanField(label=_("申请减免信息处理费"), required=False)
    fee_reduction_reason = forms.CharField(
        label=_("减免理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    attachments = MultipleFileField(
        label=_("附件（身份证明、其他材料）"),
        required=False,
        help_text=ATTACHMENT_HELP,
    )

    def applicant_data(self) -> ApplicantData:
        d = self.cleaned_data
        return ApplicantData(
            **{k: d.get(k) or ("" if k != "fee_reduction_requested" else False) for k in APPLICANT_FIELDS}
        )

    def clean(self):
        cleaned = super().clean()
        # The service's checks, all of them at once; a field Django already refused keeps its message.
        data, problems = services.applicant_problems(self.applicant_data())
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            if field is None or field not in self.errors:
                self.add_error(field, problem.message)
        for name in ("id_number", "phone"):
            if name in cleaned:
                cleaned[name] = getattr(data, name)
        if "attachments" in cleaned:
            try:
                services.check_files(cleaned["attachments"])
            except ApplicationError as exc:
                apply_error(self, exc)
        return cleaned


class StaffApplicationForm(ApplicationForm):
    """Applications received by letter, in person, fax, e-mail or orally (条例第二十九条、第三十一条)."""

    channel = forms.ChoiceField(
        label=_("申请方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label=_("收到申请日期"),
        required=False,
        widget=DateInput(),
        help_text=_("当面、口头：提交之日；挂号信等：签收之日。平信、电子邮件、传真在确认后登记。"),
    )
    oral_record_note = forms.CharField(
        label=_("口头申请记录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("申请人口头提出的，由工作人员代为填写，并记录申请人确认的情况（条例第二十九条）"),
    )

    field_order = ["channel", "received_on", "oral_record_note"]


class OnForm(forms.Form):
    """A processing step's form; ``agency`` is the case's (for help texts that follow its settings)."""

    on = forms.DateField(label=_("日期"), widget=DateInput(), required=False, help_text=_("默认今天"))

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_on(self):
        return self.cleaned_data.get("on") or timezone.localdate()


class CorrectionForm(OnForm):
    items = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    until = forms.DateField(label=_("补正期限"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings_for(self.agency).correction_days if self.agency else law.CORRECTION_DEFAULT.amount
        self.fields["until"].help_text = gettext("默认%(days)s个工作日（本机关的设置）") % {"days": days}


class ReceiveCorrectionForm(OnForm):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConsultationForm(OnForm):
    kind = forms.ChoiceField(
        label=_("被征求意见方"), choices=[("third_party", _("第三方")), ("coproducer", _("共同制作机关"))]
    )
    party = forms.CharField(label=pgettext_lazy("consulted party", "名称"), max_length=200)


class EndConsultationForm(OnForm):
    opinion = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExtensionForm(OnForm):
    days = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=law.EXTENSION_MAX.amount,
        initial=law.EXTENSION_MAX.amount,
    )
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))
    approved_by = forms.CharField(label=_("同意延期的工作机构负责人"), max_length=100, required=False)


class FeeForm(OnForm):
    basis = forms.ChoiceField(
        label=_("计费方式"), choices=[(k.value, _(v)) for k, v in FEE_BASIS_LABELS.items()]
    )
    quantity = forms.IntegerField(
        label=_("件数（按件）或页数（按量）"), min_value=1, help_text=_("按件时为本申请拆分的件数，一般为1")
    )


class ReplyForm(OnForm):
    outcome = forms.ChoiceField(
        label=_("办理结果"), choices=[("", _("（请选择）")), *OUTCOME_CHOICES], required=False
    )
    reply_type = forms.ChoiceField(
        label=_("答复类型"), choices=[("", _("（按办理结果）")), *REPLY_TYPE_CHOICES], required=False
    )
    text = forms.CharField(
        label=_("答复内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("获取方式、途径，或不予公开的理由和法律依据"),
    )


class ReferForm(OnForm):
    agency_name = forms.CharField(label=_("负责公开的行政机关"), max_length=200, required=False)
    contact = forms.CharField(label=_("该机关联系方式"), max_length=200, required=False)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class WithdrawForm(OnForm):
    note = forms.CharField(label=_("撤回说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MergeForm(OnForm):
    target = forms.CharField(label=_("合并到（申请编号）"), max_length=64)


ACTION_FORMS = {
    "confirm_receipt": OnForm,
    "request_correction": CorrectionForm,
    "receive_correction": ReceiveCorrectionForm,
    "lapse_correction": OnForm,
    "start_consultation": ConsultationForm,
    "end_consultation": EndConsultationForm,
    "grant_extension": ExtensionForm,
    "send_fee_notice": FeeForm,
    "receive_payment": OnForm,
    "lapse_payment": OnForm,
    "reply": ReplyForm,
    "refer": ReferForm,
    "deliver": OnForm,
    "close": OnForm,
    "withdraw": WithdrawForm,
    "merge": MergeForm,
}


class WorkbenchFilterForm(forms.Form):
    VIEWS = [
        ("unconfirmed", _("待确认收到")),
        ("open", _("办理中")),
        ("mine", _("我的待办")),
        ("due_soon", _("即将到期")),
        ("overdue", _("已逾期")),
        ("correction", _("补正期间")),
        ("correction_ended", _("补正期满")),
        ("consulting", _("征求意见中")),
        ("to_deliver", _("待送达")),
        ("all", _("全部")),
    ]
    view = forms.ChoiceField(label=_("范围"), choices=VIEWS, required=False)
    # "due soon" reaches this many working days ahead (default: the agency's reminder setting)
    within = forms.IntegerField(min_value=1, max_value=60, required=False, widget=forms.HiddenInput)
    state = forms.ChoiceField(label=_("状态"), choices=[("", _("全部")), *STATE_CHOICES], required=False)
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=[("", _("全部")), *APPLICANT_TYPE_CHOICES], required=False
    )
    q = forms.CharField(label=_("搜索"), required=False, help_text=_("申请编号、申请人或申请内容"))


def _placeholder_help() -> str:
    names = join_list(
        gettext("%(placeholder)s（%(meaning)s）") % {"placeholder": f"${{{k}}}", "meaning": gettext(v)}
        for k, v in PLACEHOLDERS.items()
    )
    return gettext("可用占位符：%(names)s") % {"names": names}


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(
        label=_("正文模板"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=lazy(_placeholder_help, str)(),
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            check_template(body)
        except TemplateProblem as exc:
            raise forms.ValidationError(str(exc)) from None
        return body


class TrackForm(PlainErrors, forms.Form):
    tracking_no = forms.CharField(label=_("申请编号"), max_length=64)
    code = forms.CharField(label=_("查询码"), max_length=32)


class CorrectionAnswerForm(PlainErrors, OnceOnly):
    """The applicant's 补正 on the tracking page; the number and code ride along hidden (POST only)."""

    tracking_no = forms.CharField(widget=forms.HiddenInput, max_length=64)
    code = forms.CharField(widget=forms.HiddenInput, max_length=32)
    text = forms.CharField(
        label=pgettext_lazy("the applicant's own", "补正内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("按补正告知书的要求写明需要补充或更正的内容"),
    )
    attachments = MultipleFileField(
        label=_("补正材料"),
        required=False,
        help_text=ATTACHMENT_HELP,
    )

    def clean(self):
        cleaned = super().clean()
        if "attachments" in cleaned:
            try:
                services.check_files(cleaned["attachments"])
            except ApplicationError as exc:
                apply_error(self, exc)
        if "text" in cleaned and not cleaned["text"].strip() and not cleaned.get("attachments"):
            self.add_error("text", gettext("请填写补正内容，或上传补正材料"))
        return cleaned


class CalculatorForm(PlainErrors, forms.Form):
    start = forms.DateField(label=_("起算日"), widget=DateInput(), help_text=_("如收到申请之日；当日不计入"))
    days = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=400, initial=20)
