from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import MultipleFileField, MultipleFileInput


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("报告文件或 ZIP 压缩包"),
        widget=MultipleFileInput(
            attrs={"accept": ".txt,.md,.html,.htm,.docx,.xlsx,.pdf,.json,.zip", "multiple": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "可一次选择多个文件，或上传 ZIP 压缩包（Windows 压缩的中文文件名也可识别）。"
            "每批最多 %(files)s 个文件、合计不超过 %(mb)s MB。"
        ) % {
            "files": settings.GONGKAI_CHECKER_MAX_FILES,
            "mb": settings.GONGKAI_CHECKER_MAX_BYTES // (1024 * 1024),
        }
