"""Staff pages of 政民互动: the inbox per agency, a message, counts by month, the answer period."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for, agency_required
from gongkai.agencies.models import Role
from gongkai.events.models import Event
from gongkai.workdays.services import db_calendar

from . import queries, services
from .forms import AnswerForm, PublishForm, SettingsForm
from .models import Message, State
from .rules import DEFAULT_ANSWER_DAYS

FILTERS = {
    "open": (gettext_lazy("待答复"), lambda qs, today: qs.filter(state=State.RECEIVED)),
    "overdue": (gettext_lazy("已超期"), lambda qs, today: qs.filter(state=State.RECEIVED, due_on__lt=today)),
    "answered": (gettext_lazy("已答复"), lambda qs, today: qs.filter(state=State.ANSWERED)),
    "published": (gettext_lazy("已公开"), lambda qs, today: qs.filter(state=State.PUBLISHED)),
    "all": (gettext_lazy("全部"), lambda qs, today: qs),
}


@login_required
def index(request):
    agencies = list(agencies_for(request.user).order_by("sort_order", "code"))
    if len(agencies) == 1:
        return redirect("interaction:inbox", agency_code=agencies[0].code)
    return render(request, "interaction/index.html", {"agencies": agencies})


def _ctx(request, **extra):
    return {"agency": request.agency, "access": request.agency_access, **extra}


@agency_required()
def inbox(request, agency_code):
    today = timezone.localdate()
    key = request.GET.get("show", "open")
    if key not in FILTERS:
        key = "open"
    own = Message.objects.filter(agency=request.agency)
    rows = FILTERS[key][1](own, today)
    if key in ("open", "overdue"):
        rows = rows.order_by("due_on", "id")  # the most urgent first
    tabs = [(k, label, select(own, today).count()) for k, (label, select) in FILTERS.items()]
    return render(
        request,
        "interaction/inbox.html",
        _ctx(
            request,
            page=Paginator(rows, 50).get_page(request.GET.get("page")),
            tabs=tabs,
            show=key,
            today=today,
            days=queries.answer_days(request.agency),
        ),
    )


def _message(request, pk) -> Message:
    return get_object_or_404(Message, pk=pk, agency=request.agency)


@agency_required()
def detail(request, agency_code, pk):
    message = _message(request, pk)
    access = request.agency_access
    publish_form = None
    if message.state == State.ANSWERED and access.has(Role.REVIEWER) and message.consent:
        publish_form = PublishForm(initial=services.masked_texts(message))
    events = Event.objects.filter(subject_type="interaction.message", subject_id=str(message.pk)).order_by(
        "-id"
    )
    return render(
        request,
        "interaction/detail.html",
        _ctx(
            request,
            message=message,
            today=timezone.localdate(),
            provisional=db_calendar().is_provisional(message.due_on),
            answer_form=AnswerForm() if message.state == State.RECEIVED and access.has(Role.CLERK) else None,
            publish_form=publish_form,
            events=events,
        ),
    )


@agency_required(needs=Role.CLERK)
@require_POST
def answer(request, agency_code, pk):
    message = _message(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("请填写答复内容（不超过5000字）"))
    else:
        try:
            services.answer(request.user, message, form.cleaned_data["answer"])
        except services.InteractionError as exc:
            flash.error(request, exc.message)
        else:
            flash.success(request, _("已答复"))
    return redirect("interaction:detail", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.REVIEWER)
@require_POST
def publish(request, agency_code, pk):
    message = _message(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("公开的标题、留言和答复都要填写"))
    else:
        try:
            services.publish(request.user, message, form.cleaned_data)
        except services.InteractionError as exc:
            flash.error(request, exc.message)
        else:
            flash.success(request, _("已公开（个人信息已隐去）"))
    return redirect("interaction:detail", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.REVIEWER)
@require_POST
def unpublish(request, agency_code, pk):
    try:
        services.unpublish(request.user, _message(request, pk))
    except services.InteractionError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, _("已撤回公开"))
    return redirect("interaction:detail", agency_code=agency_code, pk=pk)


@agency_required()
def stats(request, agency_code, year):
    months = queries.by_month(Message.objects.filter(agency=request.agency), year)
    return render(
        request,
        "interaction/stats.html",
        _ctx(request, year=year, months=months, total=queries.totals(months)),
    )


@agency_required(needs=Role.AGENCY_ADMIN)
def settings_page(request, agency_code):
    form = SettingsForm(request.POST or None, initial={"answer_days": queries.answer_days(request.agency)})
    if request.method == "POST" and form.is_valid():
        services.set_answer_days(request.user, request.agency, form.cleaned_data["answer_days"])
        flash.success(request, _("已保存；新收到的留言按新的期限计算。"))
        return redirect("interaction:inbox", agency_code=agency_code)
    return render(
        request, "interaction/settings.html", _ctx(request, form=form, default_days=DEFAULT_ANSWER_DAYS)
    )
