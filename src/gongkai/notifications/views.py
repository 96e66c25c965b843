"""The one page action: send a failed notification again (staff who may handle the case, POST)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agency_required
from gongkai.applications.views import WRITE_ROLES
from gongkai.statemachine import TransitionRefused

from . import services, tasks
from .models import Notification


@agency_required(needs=WRITE_ROLES)  # first: another agency's user gets 404 whatever the method
@require_POST
def retry(request, agency_code, pk):
    notification = get_object_or_404(
        Notification.objects.select_related("application"), pk=pk, application__agency=request.agency
    )
    try:
        services.retry(request.user, notification)
    except TransitionRefused as exc:
        messages.error(request, exc.message)
    else:
        transaction.on_commit(lambda: tasks.enqueue([notification.pk]))
        messages.success(request, _("已重新加入发送队列，后台任务将尽快发送。"))
    return redirect("applications:detail", agency_code=agency_code, pk=notification.application_id)
