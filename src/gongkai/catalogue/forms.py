"""Staff forms. Messages are gettext strings (zh-hans by default); services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.widgets import DateInput

from .models import AgencySettings, DocType, Entry, Status, Validity
from .queries import categories_for
from .search import ORDERS
from .search.query import INPUT_CHARS
from .workflow import EDITABLE_FIELDS


class EntryForm(forms.ModelForm):
    category = forms.ChoiceField(label=_("主题分类"))

    class Meta:
        model = Entry
        fields = EDITABLE_FIELDS
        widgets = {
            "created_date": DateInput(),
            "effective_date": DateInput(),
            "invalid_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["category"].choices = [("", "---------")] + [
            (c.code, c.display) for c in categories_for(agency)
        ]
        self.fields["issuer"].help_text = _("留空则为本机构名称。")
        self.fields["summary"].help_text = _("条例第十二条要求目录包括内容概述。")

    def clean(self):
        data = super().clean()
        validity, invalid_date = data.get("validity"), data.get("invalid_date")
        if validity and validity != Validity.VALID and not invalid_date:
            self.add_error("invalid_date", _("失效或废止的文件须填写失效或废止日期。"))
        created = data.get("created_date")
        if created and invalid_date and invalid_date < created:
            self.add_error("invalid_date", _("失效或废止日期不能早于生成日期。"))
        return data

    def _post_clean(self):
        # The model's own full_clean would reject the missing index_no; the service assigns it.
        pass


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=True
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices)
    invalid_date = forms.DateField(label=_("失效或废止日期"), required=False, widget=DateInput())


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), help_text=_("PDF、Word、Excel、PNG 或 JPEG。"))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AgencySettings
        fields = ["index_pattern"]


class OwnCategoryForm(forms.Form):
    code = forms.RegexField(
        label=_("代码"),
        regex=r"^[A-Za-z0-9]{1,8}$",
        error_messages={"invalid": _("代码只能由字母和数字组成，最长 8 位。")},
    )
    label = forms.CharField(label=pgettext_lazy("category", "名称"), max_length=100)


def _choices(choices, empty=_("全部")):
    return [("", empty), *choices]


class SearchFields(forms.Form):
    """The query and its sort order, shared by the staff list and the public catalogue. The length
    of ``q`` is checked by the view (a message, not a reset form); the sort falls back to the default."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        widget=forms.TextInput(
            attrs={"maxlength": INPUT_CHARS, "type": "search", "placeholder": _("名称、关键词、文号或索引号")}
        ),
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_sort(self):
        return self.cleaned_data["sort"] if self.cleaned_data.get("sort") in ORDERS else ""


def list_params(get) -> tuple[str, str]:
    """A result list's query string without its page (for the page links) and also without its
    sort (for the sort links)."""
    params = get.copy()
    params.pop("page", None)
    page_params = params.urlencode()
    params.pop("sort", None)
    return page_params, params.urlencode()


class SynonymForm(forms.Form):
    terms = forms.CharField(
        label=_("同义词"),
        max_length=400,
        help_text=_(
            "同一组的词用空格或逗号分开，例如：低保 最低生活保障。检索其中一个词，也会找到含有其他词的信息。"
        ),
    )
    site_wide = forms.BooleanField(label=_("全站通用（所有机构的检索都使用）"), required=False)

    def __init__(self, *args, site_wide: bool, **kwargs):
        # Only site administrators are offered (and can post) a site-wide group.
        super().__init__(*args, **kwargs)
        if not site_wide:
            del self.fields["site_wide"]


class StaffFilterForm(SearchFields):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=_choices(Status.choices))
    category = forms.ChoiceField(label=_("主题分类"), required=False)
    doc_type = forms.ChoiceField(label=_("文件类型"), required=False, choices=_choices(DocType.choices))
    year = forms.IntegerField(label=_("年度"), required=False, min_value=1949, max_value=2100)
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=_choices(Validity.choices))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _choices([(c.code, c.display) for c in categories_for(agency)])
