from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.widgets import DateInput

from .models import Entry
from .rules import CATEGORIES, MAX_QUERY_CHARS

_SPLIT = re.compile(r"\s*[|｜]\s*")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class EntryForm(forms.ModelForm):
    questions_text = forms.CharField(
        label=gettext_lazy("常见问法"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("每行一种问法，如“新生儿怎么办理医保？”"),
    )
    basis_text = forms.CharField(
        label=gettext_lazy("依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("每行一项：文件名称｜文号｜条款｜主动公开目录索引号（后三项可省略）"),
    )
    related_text = forms.CharField(
        label=gettext_lazy("关联事项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("每行一个政务服务事项实施编码"),
    )

    class Meta:
        model = Entry
        fields = (
            "title",
            "category",
            "answer",
            "summary",
            "owner",
            "effective_from",
            "effective_to",
            "review_due",
        )
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 6}),
            "effective_from": DateInput(),
            "effective_to": DateInput(),
            "review_due": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_due"].required = False
        self.fields["review_due"].help_text = _("留空则为生效日期后一年")
        self.fields["category"].help_text = _("以“/”分级，第一级为：%(top)s") % {"top": "、".join(CATEGORIES)}
        if self.instance.pk:
            self.initial["questions_text"] = "\n".join(self.instance.questions)
            self.initial["basis_text"] = "\n".join(
                "｜".join(b.get(k, "") for k in ("title", "doc_no", "article", "index_no")).rstrip("｜")
                for b in self.instance.basis
            )
            self.initial["related_text"] = "\n".join(self.instance.related_items)

    def clean_category(self):
        parts = [p.strip() for p in self.cleaned_data["category"].split("/") if p.strip()]
        if not parts or parts[0] not in CATEGORIES:
            raise forms.ValidationError(_("分类的第一级须为：%(top)s") % {"top": "、".join(CATEGORIES)})
        return "/".join(parts)

    def clean_basis_text(self):
        basis = []
        for n, line in enumerate(_lines(self.cleaned_data["basis_text"]), 1):
            parts = _SPLIT.split(line)
            if len(parts) > 4:
                raise forms.ValidationError(_("依据第%(n)d行分隔符“｜”过多（最多四项）") % {"n": n})
            parts += [""] * (4 - len(parts))
            basis.append(dict(zip(("title", "doc_no", "article", "index_no"), parts, strict=True)))
        return basis

    def clean(self):
        data = super().clean()
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("失效日期不能早于生效日期"))
        return data

    def entry_fields(self) -> dict:
        d = self.cleaned_data
        fields = {name: d[name] for name in self.Meta.fields if name != "review_due" or d.get(name)}
        fields["questions"] = _lines(d["questions_text"])
        fields["basis"] = d["basis_text"]
        fields["related_items"] = _lines(d["related_text"])
        return fields


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("检索"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        error_messages={"max_length": gettext_lazy("检索词太长，请不超过%(limit_value)d个字。")},
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("输入问题中的词，如 医保 转移")}
        ),
    )
