from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from .rules import KINDS, MAX_ANSWER_DAYS


class MessageForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("向哪个部门留言"),
        queryset=Agency.objects.filter(is_active=True).order_by("sort_order", "code"),
        empty_label=_("请选择部门"),
        error_messages={"required": _("请选择部门"), "invalid_choice": _("请选择部门")},
    )
    kind = forms.ChoiceField(label=_("类型"), choices=KINDS, initial="consult")
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("留言内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("姓名"), max_length=50)
    contact = forms.CharField(
        label=_("联系电话"), max_length=50, help_text=_("仅用于工作人员联系您，不会公开。")
    )
    consent = forms.BooleanField(label=_("同意在隐去个人信息后公开我的留言和答复"), required=False)

    def clean_contact(self):
        value = self.cleaned_data["contact"].strip()
        digits = [c for c in value if c.isdigit()]
        if len(digits) < 7:
            raise forms.ValidationError(_("请填写正确的联系电话"))
        return value


class TrackForm(forms.Form):
    ack_no = forms.CharField(label=_("受理编号"), max_length=64)
    code = forms.CharField(label=_("查询码"), max_length=20)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class PublishForm(forms.Form):
    public_title = forms.CharField(label=_("公开标题"), max_length=100)
    public_body = forms.CharField(label=_("公开的留言内容"), widget=forms.Textarea(attrs={"rows": 5}))
    public_answer = forms.CharField(label=_("公开的答复内容"), widget=forms.Textarea(attrs={"rows": 5}))


class SettingsForm(forms.Form):
    answer_days = forms.IntegerField(label=_("答复期限（工作日）"), min_value=1, max_value=MAX_ANSWER_DAYS)
