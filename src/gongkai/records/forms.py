from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import law
from gongkai.spreadsheets.reading import EXTENSIONS

from .importing import MAX_BYTES, SPECS
from .models.record import KIND_CHOICES
from .services import RecordsError

DATE = forms.DateInput(attrs={"type": "date"})


def apply_error(form: forms.Form, exc: RecordsError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=KIND_CHOICES)
    number = forms.CharField(label=_("决定文号"), max_length=100)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)
    subject = forms.CharField(label=_("相对人名称"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("内容摘要"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class YearlyTotalForm(forms.Form):
    year = forms.IntegerField(label=_("年度"))
    kind = forms.ChoiceField(label=_("类别"), choices=KIND_CHOICES)
    count = forms.IntegerField(label=_("处理决定数量"), min_value=0)
    source = forms.CharField(
        label=_("数据来源"), max_length=200, required=False, help_text=_("例如：省行政执法信息平台统计。")
    )


class FeeForm(forms.Form):
    year = forms.IntegerField(label=_("年度"))
    item = forms.CharField(label=_("收费项目"), max_length=200)
    amount_yuan = forms.DecimalField(
        label=_("收费金额（元）"),
        min_value=0,
        decimal_places=2,
        max_digits=12,
        help_text=_("以元为单位填写，年度报告中自动换算为万元。"),
    )
    basis = forms.CharField(label=_("收费依据"), max_length=300, required=False)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("导入内容"), choices=[(k, s.label) for k, s in SPECS.items()])
    file = forms.FileField(label=_("文件"), help_text=_("CSV 或 Excel（.xlsx）文件，第一行为列名。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("只能导入 .csv 或 .xlsx 文件。"))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件超过 %(n)s MB。") % {"n": MAX_BYTES // (1024 * 1024)})
        return upload


class ConfirmForm(forms.Form):
    accept = forms.BooleanField(label=_("我已知晓有错误的行不会导入，确认只导入有效的行"), required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), required=False, min_value=law.FIRST_YEAR, max_value=law.LAST_YEAR
    )
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部"))] + KIND_CHOICES)
