from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import law
from gongkai.applications.models import Application

from .models import DECISION_CHOICES, KIND_CHOICES, STAGE_CHOICES, Appeal
from .services import AppealError

DATE = forms.DateInput(attrs={"type": "date"})


def apply_error(form: forms.Form, exc: AppealError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


class AppealForm(forms.ModelForm):
    application = forms.CharField(
        label=_("所涉申请编号"),
        required=False,
        help_text=_("本机构政府信息公开申请的编号；无关联申请的留空。"),
    )

    class Meta:
        model = Appeal
        fields = (
            "kind",
            "body",
            "case_number",
            "applicant",
            "simplified",
            "review_body_co_defendant",
            "filed_on",
            "received_on",
            "notes",
        )
        widgets = {"filed_on": DATE, "received_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "received_on": _("答复（答辩）期限自收到副本之次日起计算。"),
            "review_body_co_defendant": _(
                "复议维持后起诉、本机关仅作为复议机关与原行为机关共同被告的，依国办公开办函〔2016〕201号不计入本机关年度报告。"
            ),
            "simplified": _("政府信息公开案件可以适用简易程序（行政复议法第五十三条），答复期限为五日。"),
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        if self.instance.pk and self.instance.application_id:
            self.initial["application"] = self.instance.application.tracking_no

    def clean_application(self):
        number = (self.cleaned_data.get("application") or "").strip()
        if not number:
            return None
        found = Application.objects.filter(agency=self.agency, tracking_no=number).first()
        if found is None:
            raise forms.ValidationError(_("本机构没有编号为“%(n)s”的申请。") % {"n": number})
        return found

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["application"] = self.cleaned_data.get("application")
        return data

    def _post_clean(self):
        # Validation is the service's job (one place, one message); skip the model's full_clean.
        pass


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("提交答复或答辩状日期"), widget=DATE)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("审理结果"), choices=DECISION_CHOICES)
    decided_on = forms.DateField(label=_("审结日期"), widget=DATE)

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind:
            from .rules import decisions_for

            self.fields["decision"].choices = [("", "——")] + [
                (
                    d.code,
                    _("%(label)s（%(basis)s，计入“%(bucket)s”）")
                    % {"label": d.label, "basis": d.basis, "bucket": _bucket(d)},
                )
                for d in decisions_for(kind)
            ]


def _bucket(decision) -> str:
    from .rules import BUCKET_LABELS

    return BUCKET_LABELS[decision.bucket]


class WithdrawForm(forms.Form):
    decided_on = forms.DateField(label=_("撤回日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


class FilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("收到年度"), required=False, min_value=law.FIRST_YEAR, max_value=law.LAST_YEAR
    )
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部"))] + KIND_CHOICES)
    stage = forms.ChoiceField(label=_("阶段"), required=False, choices=[("", _("全部"))] + STAGE_CHOICES)
