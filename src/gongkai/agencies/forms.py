"""Forms of the back office. Every message a user can see is Chinese (gettext)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .models import Agency, Role

User = get_user_model()

ROLE_CHOICES_FOR_ADMIN = Role.choices


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", ROLE_CHOICES_FOR_ADMIN)
        kwargs.setdefault("label", _("角色"))
        kwargs.setdefault("error_messages", {"required": _("请至少选择一个角色。")})
        super().__init__(**kwargs)


class AddPersonForm(forms.Form):
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        help_text=_("登录用，字母、数字或 @.+-_，例如 zhangsan_jyj。"),
    )
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    roles = RolesField()
    password1 = forms.CharField(
        label=_("初始密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少 10 位，不能全是数字，不能过于常见或与用户名相似。"),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("该用户名已被使用，请换一个。"))
        return username

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif p1:
            probe = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            probe.first_name = cleaned.get("full_name", "")
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ChangeRolesForm(forms.Form):
    roles = RolesField()


class AgencySettingsForm(forms.ModelForm):
    office_website = forms.URLField(label=_("网址"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = list(Agency.OFFICE_FIELDS)
        widgets = {"guide_notes": forms.Textarea(attrs={"rows": 5})}
