"""Staff pages of a plan: they render and call services, nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agency_required
from gongkai.agencies.models import Role
from gongkai.applications.models import Application
from gongkai.applications.services import log_personal_view

from . import services
from .forms import AcceptForm, DocumentForm, ManualForm, NamesForm
from .models import Plan, PlanState


def _plan(request, pk) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("application", "entry"), pk=pk, agency=request.agency
    )


def _segments(document):
    """The text cut at the redactions: (text, redaction or None) pairs, for highlighting."""
    out, pos = [], 0
    for r in document.redactions.all():
        if r.start > pos:
            out.append((document.text[pos : r.start], None))
        out.append((document.text[r.start : r.end], r))
        pos = r.end
    out.append((document.text[pos:], None))
    return out


def _form_errors(form) -> str:
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


@agency_required(needs=Role.CLERK)
@require_POST
def start(request, agency_code, app_pk):
    application = get_object_or_404(Application, pk=app_pk, agency=request.agency)
    try:
        plan = services.start(request.user, application)
    except services.DisclosureError as exc:
        messages.error(request, exc.message)
        return redirect("applications:detail", agency_code=agency_code, pk=app_pk)
    return redirect("disclosure:plan", agency_code=agency_code, pk=plan.pk)


@agency_required(needs=(Role.CLERK, Role.REVIEWER, Role.AGENCY_ADMIN))
def plan_detail(request, agency_code, pk):
    plan = _plan(request, pk)
    documents = list(plan.documents.prefetch_related("redactions"))
    app = plan.application
    if documents:  # the released text is shown in full, personal data included: logged as on the case
        log_personal_view(request.user, app)
    accept_form = AcceptForm(
        agency=request.agency,
        initial={
            "created_date": app.finished_on or timezone.localdate(),
            "title": app.description.splitlines()[0][:100],
        },
    )
    return render(
        request,
        "disclosure/plan.html",
        {
            "agency": request.agency,
            "access": request.agency_access,
            "plan": plan,
            "app": app,
            "editable": plan.state == PlanState.DRAFT and request.agency_access.is_clerk,
            "documents": [(d, _segments(d)) for d in documents],
            "document_form": DocumentForm(),
            "names_form": NamesForm(initial={"names": plan.extra_names}),
            "manual_form": ManualForm(),
            "accept_form": accept_form,
        },
    )


def _done(request, agency_code, pk, success: str | None = None, error: str | None = None):
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect("disclosure:plan", agency_code=agency_code, pk=pk)


@agency_required(needs=Role.CLERK)
@require_POST
def document_add(request, agency_code, pk):
    plan = _plan(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _done(request, agency_code, pk, error=_form_errors(form))
    try:
        document = services.add_document(
            request.user, plan, form.cleaned_data["file"], form.cleaned_data["profile"]
        )
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    n = document.redactions.count()
    return _done(
        request, agency_code, pk, success=_("已上传，识别出 %(n)d 处个人信息，请逐一核对。") % {"n": n}
    )


@agency_required(needs=Role.CLERK)
@require_POST
def names(request, agency_code, pk):
    plan = _plan(request, pk)
    form = NamesForm(request.POST)
    form.is_valid()
    try:
        services.set_names(request.user, plan, form.cleaned_data.get("names", ""))
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    return _done(request, agency_code, pk, success=_("已重新识别。"))


@agency_required(needs=Role.CLERK)
@require_POST
def manual(request, agency_code, pk, doc):
    plan = _plan(request, pk)
    document = get_object_or_404(plan.documents, pk=doc)
    form = ManualForm(request.POST)
    if not form.is_valid():
        return _done(request, agency_code, pk, error=_form_errors(form))
    try:
        n = services.add_manual(request.user, document, form.cleaned_data["text"])
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    return _done(request, agency_code, pk, success=_("已添加 %(n)d 处隐去。") % {"n": n})


@agency_required(needs=Role.CLERK)
@require_POST
def choices(request, agency_code, pk):
    plan = _plan(request, pk)
    try:
        services.save_choices(request.user, plan, request.POST.getlist("accept"))
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    return _done(request, agency_code, pk, success=_("已保存选择。"))


@agency_required(needs=Role.CLERK)
@require_POST
def accept(request, agency_code, pk):
    plan = _plan(request, pk)
    form = AcceptForm(request.POST, agency=request.agency)
    try:
        if not form.is_valid():
            services.save_choices(request.user, plan, request.POST.getlist("accept"))  # not lost
            return _done(request, agency_code, pk, error=_form_errors(form))
        plan = services.accept(request.user, plan, request.POST.getlist("accept"), **form.cleaned_data)
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    messages.success(request, _("已生成目录条目并提交审核；审核人发布后即主动公开。"))
    return redirect("catalogue:entry_detail", agency_code=agency_code, pk=plan.entry_id)


@agency_required(needs=Role.CLERK)
@require_POST
def cancel(request, agency_code, pk):
    plan = _plan(request, pk)
    try:
        services.cancel(request.user, plan)
    except services.DisclosureError as exc:
        return _done(request, agency_code, pk, error=exc.message)
    messages.success(request, _("已放弃该方案。"))
    return redirect("applications:detail", agency_code=agency_code, pk=plan.application_id)
