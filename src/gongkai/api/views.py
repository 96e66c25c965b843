"""The “API 令牌” page of one's own account (/accounts/api-tokens/): create a token (shown once),
see when each was last used, revoke it. A user sees and revokes only their own tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import TokenForm
from .models import ApiToken


def _render(request, form, new_token=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token, "docs_url": reverse("api-v1:openapi-view")},
        status=status,
    )


@login_required
def tokens(request):
    if request.method != "POST":
        return _render(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        new = services.create_token(request.user, form.cleaned_data["name"])
    except services.TokenError as exc:
        form.add_error("name", str(exc))
        return _render(request, form, status=400)
    # Rendered, not redirected: the token is never put in a session or a message store.
    response = _render(request, TokenForm(), new_token=new)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    services.revoke_token(request.user, token)
    messages.success(request, _("令牌“%(name)s”已停用。") % {"name": token.name})
    return redirect("api:tokens")
