from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import law

from .models import OVERVIEW_PARTS

TEXTAREA = {"rows": 5, "class": "report-text"}


class TextsForm(forms.Form):
    overview_intro = forms.CharField(
        label=_("开头（总体情况概述）"), required=False, widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3})
    )
    overview_active = forms.CharField(
        label=_("（一）主动公开"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    overview_on_request = forms.CharField(
        label=_("（二）依申请公开"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    overview_info_management = forms.CharField(
        label=_("（三）政府信息管理"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    overview_platform = forms.CharField(
        label=_("（四）政府信息公开平台建设"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    overview_supervision = forms.CharField(
        label=_("（五）监督保障"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 8}),
    )
    other = forms.CharField(
        label=_("六、其他需要报告的事项"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 5}),
    )
    signature_date = forms.DateField(
        label=_("落款日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    correction_note = forms.CharField(
        label=_("更正说明（本次更正改了什么、为什么）"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )


SUBTOPIC_HINTS = {
    "overview_active": _(
        "主动公开的渠道和数量，第二十条规定的各类信息（规章、规范性文件、许可、处罚、强制、收费）。"
    ),
    "overview_on_request": _(
        "收到和办理申请的数量、办理结果、答复是否及时；被申请行政复议、提起行政诉讼的情况。"
    ),
    "overview_info_management": _("公文公开属性认定、保密审查、规范性文件清理、信息发布管理。"),
    "overview_platform": _("政府网站、政务新媒体、依申请公开渠道等平台的建设和维护。"),
    "overview_supervision": _("组织领导、培训、考核；人民政府还须写明工作考核、社会评议和责任追究结果。"),
    "problems": _("写本年度具体存在的问题和针对性的改进措施，不照抄上年（30号文：不得内容雷同）。"),
    "other": _("信息处理费收取情况（发出收费通知、实际收取金额，未收取也应说明）；其他需要报告的事项。"),
}
assert set(SUBTOPIC_HINTS) >= {k for k, _label in OVERVIEW_PARTS}


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}))


class BaselineForm(forms.Form):
    year = forms.IntegerField(label=_("报告年度"), min_value=law.FIRST_YEAR, max_value=law.LAST_YEAR)
    file = forms.FileField(
        label=_("已发布的年度报告文件"),
        help_text=_("PDF、Word（.docx）、Excel（.xlsx）、网页（.html）、文本或 JSON 均可。"),
    )
