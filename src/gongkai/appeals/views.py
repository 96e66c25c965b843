"""Staff pages under /staff/appeals/<agency_code>/ (other agencies' staff get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai import law
from gongkai.agencies.access import WRITE_ROLES, agencies_for, agency_required
from gongkai.events.models import Event

from . import queries, services
from .forms import AnswerForm, AppealForm, DecisionForm, FilterForm, WithdrawForm, apply_error
from .models import Appeal
from .rules import BUCKET_LABELS
from .services import AppealError
from .workflow import MACHINE

PAGE_LIMIT = 500


def _appeal(request, pk) -> Appeal:
    return get_object_or_404(
        Appeal.objects.select_related("agency", "application"), agency=request.agency, pk=pk
    )


def _context(request, **extra) -> dict:
    return {
        "agency": request.agency,
        "access": request.agency_access,
        "year_now": timezone.localdate().year,
        **extra,
    }


@login_required
def index(request):
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("appeals:list", agency_code=agencies[0].code)
    return render(request, "appeals/index.html", {"agencies": agencies})


@agency_required()
def appeal_list(request, agency_code):
    form = FilterForm(request.GET or None)
    qs = Appeal.objects.filter(agency=request.agency).select_related("application")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("year"):
            qs = qs.filter(received_on__year=data["year"])
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("stage"):
            qs = qs.filter(stage=data["stage"])
    today = timezone.localdate()
    appeals = list(qs[:PAGE_LIMIT])
    rows = [(a, services.answer_status(a, today)) for a in appeals]
    return render(
        request,
        "appeals/list.html",
        _context(request, form=form, rows=rows, truncated=len(appeals) == PAGE_LIMIT),
    )


@agency_required(needs=WRITE_ROLES)
def create(request, agency_code):
    form = AppealForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.create_appeal(request.user, request.agency, **form.service_fields())
        except AppealError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已登记案件 %(n)s。") % {"n": appeal.case_number})
            return redirect("appeals:detail", agency_code=agency_code, pk=appeal.pk)
    return render(request, "appeals/form.html", _context(request, form=form, appeal=None))


@agency_required(needs=WRITE_ROLES)
def edit(request, agency_code, pk):
    appeal = _appeal(request, pk)
    form = AppealForm(request.POST or None, instance=appeal, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_appeal(request.user, Appeal.objects.get(pk=appeal.pk), **form.service_fields())
        except AppealError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("appeals:detail", agency_code=agency_code, pk=pk)
    return render(request, "appeals/form.html", _context(request, form=form, appeal=appeal))


def _detail_context(request, appeal, **forms) -> dict:
    events = (
        Event.objects.filter(subject_type="appeals.appeal", subject_id=str(appeal.pk))
        .select_related("actor")
        .order_by("at", "id")
    )
    actions = {t.action for t in MACHINE.available(appeal.stage)}
    return _context(
        request,
        appeal=appeal,
        status=services.answer_status(appeal),
        events=events,
        can_answer="answer" in actions,
        can_decide=bool(actions & {"decide", "correct_decision"}),
        can_withdraw="withdraw" in actions,
        answer_form=forms.get("answer_form") or AnswerForm(),
        decision_form=forms.get("decision_form")
        or DecisionForm(
            kind=appeal.kind,
            initial={"decision": appeal.decision, "decided_on": appeal.decided_on}
            if appeal.decision
            else None,
        ),
        withdraw_form=forms.get("withdraw_form") or WithdrawForm(),
        bucket_label=BUCKET_LABELS[appeal.bucket_on(timezone.localdate())],
    )


@agency_required()
def detail(request, agency_code, pk):
    appeal = _appeal(request, pk)
    return render(request, "appeals/detail.html", _detail_context(request, appeal))


def _act(request, pk, form_class, key, call, done, **form_kwargs):
    appeal = _appeal(request, pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            call(appeal, form.cleaned_data)
        except AppealError as error:
            apply_error(form, error)
        else:
            messages.success(request, done)
            return redirect("appeals:detail", agency_code=request.agency.code, pk=appeal.pk)
    return render(request, "appeals/detail.html", _detail_context(request, appeal, **{key: form}), status=400)


@agency_required(needs=WRITE_ROLES)
@require_POST
def answer(request, agency_code, pk):
    return _act(
        request,
        pk,
        AnswerForm,
        "answer_form",
        lambda a, d: services.record_answer(request.user, a, d["answered_on"]),
        _("已登记答复（答辩）。"),
    )


@agency_required(needs=WRITE_ROLES)
def decision(request, agency_code, pk):
    if request.method != "POST":
        return redirect("appeals:detail", agency_code=agency_code, pk=pk)
    appeal = _appeal(request, pk)
    return _act(
        request,
        pk,
        DecisionForm,
        "decision_form",
        lambda a, d: services.record_decision(request.user, a, d["decision"], d["decided_on"]),
        _("已登记审理结果。"),
        kind=appeal.kind,
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def withdraw(request, agency_code, pk):
    return _act(
        request,
        pk,
        WithdrawForm,
        "withdraw_form",
        lambda a, d: services.record_withdrawal(request.user, a, d["decided_on"], d.get("note") or ""),
        _("已登记撤回。"),
    )


def _year(year: int) -> int:
    if not law.FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("no such year")
    return year


@agency_required()
def table_four_view(request, agency_code, year):
    year = _year(year)
    table = queries.table_four(request.agency, year)
    grid = table.grid
    rows = [(grid.row(r), [(c, table.get(r, c)) for c in grid.column_keys]) for r in grid.row_keys]
    return render(
        request,
        "appeals/table_four.html",
        _context(
            request,
            year=year,
            grid=grid,
            rows=rows,
            scope_rule=queries.SCOPE_RULES[queries.rules.DEFAULT_SCOPE].format(y=year),
        ),
    )


@agency_required()
def table_four_drill(request, agency_code, year, row, column):
    year = _year(year)
    try:
        drill = queries.drilldown(request.agency, year, (row, column))
    except KeyError:
        raise Http404("no such cell") from None
    return render(request, "appeals/drill.html", _context(request, year=year, drill=drill))
