from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from . import importing
from .codes import ITEM_TYPES
from .metrics import FACETS
from .models import Status

TYPE_CHOICES = [("", _("全部类型")), *ITEM_TYPES.items()]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"), help_text=_("省级政务服务平台导出的实施清单，Excel（.xlsx）或 CSV 文件。")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # refused before it is read: a 50 MB export must not be loaded into memory
        if upload.size > importing.max_bytes():
            raise forms.ValidationError(importing.file_too_large_message())
        return upload


class RegistryFilter(forms.Form):
    q = forms.CharField(label=_("名称或编码"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("事项类型"), choices=TYPE_CHOICES, required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态")), *Status.choices], required=False
    )
    as_of = forms.DateField(label=_("统计截止日期"), required=False, widget=DateInput())
    facet = forms.ChoiceField(
        choices=[("", ""), *((f, f) for f in FACETS)], required=False, widget=forms.HiddenInput
    )


class PublicFilter(forms.Form):
    q = forms.CharField(label=_("事项名称或编码"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("事项类型"), choices=TYPE_CHOICES, required=False)
