"""The calendar screen's forms: one day, a year's notice, a year declared entered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .models import DayKind


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DateInput())
    kind = forms.ChoiceField(label=_("类型"), choices=DayKind.choices)
    source = forms.CharField(label=_("依据文号"), max_length=200, required=False)


class CalendarImportForm(forms.Form):
    source = forms.CharField(
        label=_("依据（通知文号）"), max_length=200, help_text=_("如 国办发明电〔2026〕X号")
    )
    text = forms.CharField(
        label=_("节假日安排"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "每行一个日期：“2027-01-01,holiday”为放假，“2027-02-07,makeup_workday”为调休上班；也可写“休”“班”。导入将替换所列年份的全部安排。"
        ),
    )


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("依据"), max_length=200, required=False)
