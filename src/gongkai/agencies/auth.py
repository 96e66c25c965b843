"""Login lockout through django-axes, with Chinese messages."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Refuses logins for locked-out username+address pairs. Calls without a request (the shell,
    the test client's ``login``) are not web logins and are not counted or refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("登录失败次数过多，该账号已在本地址暂时锁定 %(minutes)d 分钟，请稍后再试或联系机构管理员。") % {
        "minutes": minutes
    }


def lockout_response(request, original_response=None, credentials=None):
    # Unbound: binding would call authenticate() again and count one more failure.
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout_message": lockout_message()},
        status=429,
    )


def client_ip(request) -> str | None:
    """The client address: the socket's, which a client cannot forge; behind a trusted proxy
    (GONGKAI_TRUSTED_PROXY: the proxies' own addresses) the address that proxy puts in its header
    (GONGKAI_CLIENT_IP_HEADER, X-Real-IP by default). A header from anyone else is ignored."""
    remote = request.META.get("REMOTE_ADDR")
    if remote and remote in settings.GONGKAI_TRUSTED_PROXY:
        header = "HTTP_" + settings.GONGKAI_CLIENT_IP_HEADER.upper().replace("-", "_")
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return remote
