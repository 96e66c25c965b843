"""Staff forms of a plan; the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalogue.queries import categories_for
from gongkai.widgets import DateInput

from .models.document import PROFILE_CHOICES


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("向申请人提供的文件"), help_text=_("PDF 或 Word（.docx），带文字层。"))
    profile = forms.ChoiceField(
        label=_("文件类型"), choices=PROFILE_CHOICES, help_text=_("决定各类个人信息的处理方式。")
    )


class NamesForm(forms.Form):
    names = forms.CharField(
        label=_("其他需要隐去的姓名"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个。申请人、联系人和被征求意见的第三方已自动列入。"),
    )


class ManualForm(forms.Form):
    text = forms.CharField(
        label=_("要隐去的文字"), max_length=200, help_text=_("在上方文字中选中，或直接填写。")
    )


class AcceptForm(forms.Form):
    title = forms.CharField(label=_("目录条目名称"), max_length=300)
    category = forms.ChoiceField(label=_("主题分类"))
    created_date = forms.DateField(label=_("生成日期"), widget=DateInput())
    summary = forms.CharField(label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "---------")] + [
            (c.code, c.display) for c in categories_for(agency)
        ]
        for field in self.fields.values():  # sent with the checkboxes, in the one form of the page
            field.widget.attrs["form"] = "plan-form"
