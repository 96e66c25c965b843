from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import law
from gongkai.spreadsheets.reading import EXTENSIONS
from gongkai.widgets import DateInput

from .importing import import_columns, max_bytes
from .models import CreditRecord
from .rules import Category, Kind
from .services import CreditError

STATES = [
    ("", _("全部")),
    ("pending", _("待公示")),
    ("late", _("逾期公示或逾期未公示")),
    ("public", _("公示中")),
    ("ended", _("已撤下或已到期")),
    ("unsent", _("未报送")),
]


def apply_error(form: forms.Form, exc: CreditError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class RecordFilter(forms.Form):
    year = forms.IntegerField(
        label=_("决定年度"), required=False, min_value=law.FIRST_YEAR, max_value=law.LAST_YEAR
    )
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部")), *Kind.choices])
    state = forms.ChoiceField(label=_("状态"), required=False, choices=STATES)
    q = forms.CharField(label=_("相对人或文书号"), required=False, max_length=100)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("导入类型"), choices=Kind.choices)
    file = forms.FileField(
        label=_("文件"), help_text=_("CSV 或 Excel（.xlsx）文件，第一行为信用平台的列名。")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("只能导入 .csv 或 .xlsx 文件。"))
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("文件超过 %(n)s MB，请分成几个文件。") % {"n": max_bytes() // (1024 * 1024)}
            )
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("撤下理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class BatchCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("许可和处罚")), *Kind.choices])
    decided_until = forms.DateField(label=_("决定日期截至"), required=False, widget=DateInput())


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("报送日期"), widget=DateInput())


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("被退回的记录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一条：决定文书号，退回原因。没有退回的记录就留空。"),
    )
    file = forms.FileField(
        label=_("或上传平台反馈文件"), required=False, help_text=_("CSV，两列：决定文书号、退回原因。")
    )
    feedback_on = forms.DateField(label=_("反馈日期"), widget=DateInput())

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    data["text"] = (data.get("text") or "") + "\n" + raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("无法识别反馈文件的编码，请以 UTF-8 保存。"))
        return data


LONG_TEXT = ("content", "facts", "basis", "note")


class RecordForm(forms.Form):
    """One record, a field per column of the platform's layout. The fields are plain text: the
    import's parsers and validators (``entry.save_record``) judge them, with their Chinese messages,
    so that what the form accepts is what a file would."""

    def __init__(self, kind: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for column in import_columns(kind):
            field = CreditRecord._meta.get_field(column.key)
            if column.day and column.key != "valid_to":
                widget = DateInput()
            elif column.key in LONG_TEXT:
                widget = forms.Textarea(attrs={"rows": 3})
            else:
                widget = forms.TextInput()
            help_text = _("必填") if column.required else ""
            if column.key == "valid_to":
                help_text = _("日期，如 2030-09-25；长期有效的写“长期”")
            elif column.money:
                help_text = _("单位：万元")
            self.fields[column.key] = forms.CharField(
                label=_(column.header),
                required=False,
                max_length=getattr(field, "max_length", None) or 4000,
                widget=widget,
                help_text=help_text,
            )
        self.fields["subject_category"] = forms.ChoiceField(
            label=self.fields["subject_category"].label,
            required=False,
            choices=[("", "—"), *Category.choices],
            help_text=_("必填"),
        )
