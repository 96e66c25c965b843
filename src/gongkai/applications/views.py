"""Staff pages under /staff/applications/<agency_code>/. Every view resolves the agency through
gongkai.agencies.access (other agencies' staff get 404). Personal data is masked everywhere but on
the detail page, and there only for the roles that handle the application; that view is logged."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for, agency_required
from gongkai.agencies.models import Membership, Role
from gongkai.downloads import download, file_download
from gongkai.events.models import Event
from gongkai.i18n import join_clauses
from gongkai.workdays import CalendarMissing
from gongkai.workdays.services import db_calendar

from . import letters, services
from .clock import ClockError
from .forms import (
    ACTION_FORMS,
    LetterTemplateForm,
    StaffApplicationForm,
    WorkbenchFilterForm,
    apply_error,
)
from .letters import LETTER_KINDS
from .models import Application, Letter, LetterTemplate
from .numbering import settings_for
from .queries import (
    clock_of,
    desk_counts,
    table_three,
    table_three_findings,
    unread_reminders,
    workbench_views,
    working_horizon,
)
from .workflow import TRANSITIONS_BY_ACTION, allowed_actions

PAGE_SIZE = 50
HANDLING_ROLES = (Role.CLERK, Role.REVIEWER, Role.AGENCY_ADMIN)
WRITE_ROLES = (Role.CLERK, Role.REVIEWER)


def _app(request, pk) -> Application:
    return get_object_or_404(
        Application.objects.select_related("agency", "assignee"), agency=request.agency, pk=pk
    )


def _days_left(today: date, due: date | None):
    if due is None:
        return None
    try:
        return db_calendar().working_days_left(today, due)
    except CalendarMissing:
        return None


@login_required
def index(request):
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("applications:workbench", agency_code=agencies[0].code)
    return render(request, "applications/index.html", {"agencies": agencies})


@agency_required()
def workbench(request, agency_code):
    agency, today = request.agency, timezone.localdate()
    form = WorkbenchFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    horizon = working_horizon(today, d.get("within") or settings_for(agency).due_soon_days)
    views = workbench_views(agency, request.user, today, horizon)
    counts = {
        **desk_counts([agency], today, horizon)[agency.pk],
        "open": views["open"].count(),
        "mine": views["mine"].count(),
    }
    view = d.get("view") or _default_view(counts)
    qs = views[view]
    if d.get("state"):
        qs = qs.filter(state=d["state"])
    if d.get("applicant_type"):
        qs = qs.filter(applicant_type=d["applicant_type"])
    q = (d.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(tracking_no__icontains=q)
            | Q(name__icontains=q)
            | Q(contact_person__icontains=q)
            | Q(description__icontains=q)
        )
    qs = qs.select_related("assignee").order_by("next_due", "-submitted_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(app, _days_left(today, app.next_due)) for app in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    reminders = unread_reminders(agency, request.user).select_related("application")[:20]
    return render(
        request,
        "applications/workbench.html",
        {
            "agency": agency,
            "access": request.agency_access,
            "form": form,
            "view": view,
            "within": d.get("within"),
            "tabs": [(key, label, counts.get(key)) for key, label in WorkbenchFilterForm.VIEWS],
            "page": page,
            "rows": rows,
            "params": params.urlencode(),
            "reminders": reminders,
            "can_write": request.agency_access.has(WRITE_ROLES),
        },
    )


ANSWERED_STATES = frozenset({"replied", "referred", "delivered", "closed"})  # finished_on: the reply's date


def _days_used(clock, app: Application) -> int | None:
    """Working days the case took, counted as its clock counted them (a finished case only)."""
    if clock is None or app.is_open or app.finished_on is None:
        return None
    try:
        return clock.calendar.working_days_between(clock.started, app.finished_on) - clock.paused_days
    except CalendarMissing:
        return None


def _default_view(counts: dict[str, int]) -> str:
    """New online applications first (nobody else will confirm them), then the cases in hand; the
    whole list only when nothing waits."""
    for view in ("unconfirmed", "open"):
        if counts[view]:
            return view
    return "all"


@agency_required(needs=WRITE_ROLES)
@require_POST
def reminders_read(request, agency_code):
    services.mark_reminders_read(request.user, request.agency)
    return redirect("applications:workbench", agency_code=agency_code)


@agency_required(needs=WRITE_ROLES)
def create(request, agency_code):
    form = StaffApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            intake = services.register_by_staff(
                request.user,
                request.agency,
                form.applicant_data(),
                d["channel"],
                received_on=d.get("received_on"),
                files=d.get("attachments"),
                token=d.get("token") or None,
                oral_record_note=d.get("oral_record_note", ""),
                assignee=request.user,
            )
        except services.ApplicationError as exc:
            apply_error(form, exc)
        else:
            app = intake.application
            if intake.created:
                messages.success(
                    request,
                    _("已登记，申请编号 %(no)s，查询码 %(code)s（请告知申请人，查询码只显示这一次）。")
                    % {"no": app.tracking_no, "code": intake.query_code},
                )
            return redirect("applications:detail", agency_code=agency_code, pk=app.pk)
    return render(request, "applications/create.html", {"agency": request.agency, "form": form})


@agency_required()
def detail(request, agency_code, pk):
    app, today = _app(request, pk), timezone.localdate()
    access = request.agency_access
    full = access.has(HANDLING_ROLES)
    if full:
        services.log_personal_view(request.user, app)
    clock, clock_error = None, ""
    try:
        clock = clock_of(app, today)
    except (CalendarMissing, ClockError) as exc:
        clock_error = str(exc)
    can_write = access.has(WRITE_ROLES)
    actions = []
    if can_write:
        for action in allowed_actions(app.state):
            form_class = ACTION_FORMS[action]
            actions.append(
                (action, _(TRANSITIONS_BY_ACTION[action].label), form_class(prefix=action, agency=app.agency))
            )
    members = (
        Membership.objects.active()
        .filter(agency=request.agency, role__in=WRITE_ROLES)
        .select_related("user")
        .order_by("user__username")
    )
    return render(
        request,
        "applications/detail.html",
        {
            "agency": request.agency,
            "access": access,
            "app": app,
            "full": full,
            "clock": clock,
            "deadlines": clock.deadlines() if clock and app.is_open else (),
            "days_used": _days_used(clock, app),
            "answered": app.state in ANSWERED_STATES,
            "clock_error": clock_error,
            "actions": actions,
            "can_write": can_write,
            "letters": app.letters.all(),
            "attachments": app.attachments.all(),
            "events": Event.objects.for_subject(app)
            .exclude(action="applications.view_personal")
            .select_related("actor")[:50],
            "members": {m.user for m in members},
        },
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def act(request, agency_code, pk, action):
    app = _app(request, pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404("no such action")
    form = form_class(request.POST, request.FILES, prefix=action, agency=app.agency)
    if not form.is_valid():
        errors = join_clauses(
            f"{form.fields[f].label if f in form.fields else ''}{' ' if f in form.fields else ''}{e}"
            for f, es in form.errors.items()
            for e in es
        )
        messages.error(request, errors)
        return redirect("applications:detail", agency_code=agency_code, pk=pk)
    data = dict(form.cleaned_data)
    if action == "merge":
        data["target_tracking_no"] = data.pop("target")
    try:
        services.ACTIONS[action](request.user, app, **data)
    except services.ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已%(action)s。") % {"action": _(TRANSITIONS_BY_ACTION[action].label)})
    return redirect("applications:detail", agency_code=agency_code, pk=pk)


@agency_required(needs=WRITE_ROLES)
@require_POST
def assign(request, agency_code, pk):
    app = _app(request, pk)
    user_id = request.POST.get("assignee")
    member = (
        Membership.objects.active()
        .filter(agency=request.agency, role__in=WRITE_ROLES, user_id=user_id)
        .select_related("user")
        .first()
    )
    services.assign(request.user, app, member.user if member else None)
    messages.success(request, _("已更新承办人。"))
    return redirect("applications:detail", agency_code=agency_code, pk=pk)


@agency_required()
def letter_download(request, agency_code, pk, letter_id, fmt):
    app = _app(request, pk)
    letter = get_object_or_404(
        Letter.objects.select_related("application__agency"), application=app, pk=letter_id
    )
    if fmt == "docx":
        data, content_type = (
            letters.to_docx(letter),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )
    elif fmt == "pdf":
        data, content_type = letters.to_pdf(letter), "application/pdf"
    else:
        raise Http404("no such format")
    # 政府信息公开申请答复书（示政依复〔2026〕2号）.pdf
    return download(
        data,
        f"{letter.title}（{letter.number}）.{fmt}",
        content_type,
        ascii_name=f"{app.tracking_no}-{letter.kind}-{letter.pk}.{fmt}",
    )


@agency_required(needs=HANDLING_ROLES)
def attachment_download(request, agency_code, pk, att):
    app = _app(request, pk)
    attachment = get_object_or_404(app.attachments, pk=att)
    return file_download(attachment.file.open("rb"), attachment.original_name)


# ----------------------------------------------------------------- letter templates


TEMPLATE_ROLES = (Role.AGENCY_ADMIN, Role.REVIEWER)


@agency_required()
def template_list(request, agency_code):
    own = set(LetterTemplate.objects.filter(agency=request.agency).values_list("kind", flat=True))
    kinds = [(k, own and k in own) for k in LETTER_KINDS.values()]
    return render(
        request,
        "applications/template_list.html",
        {
            "agency": request.agency,
            "kinds": kinds,
            "can_edit": request.agency_access.has(TEMPLATE_ROLES),
            "prefix": settings_for(request.agency).doc_prefix,
        },
    )


@agency_required(needs=TEMPLATE_ROLES)
def template_edit(request, agency_code, kind):
    if kind not in LETTER_KINDS:
        raise Http404("no such letter")
    title, body = letters.template_for(request.agency, kind)
    form = LetterTemplateForm(request.POST or None, initial={"title": title, "body": body})
    if request.method == "POST" and request.POST.get("reset"):
        letters.reset_template(request.user, request.agency, kind)
        messages.success(request, _("已恢复默认模板。"))
        return redirect("applications:template_list", agency_code=agency_code)
    if request.method == "POST" and form.is_valid():
        letters.save_template(request.user, request.agency, kind, **form.cleaned_data)
        messages.success(request, _("已保存模板。"))
        return redirect("applications:template_list", agency_code=agency_code)
    return render(
        request,
        "applications/template_edit.html",
        {"agency": request.agency, "kind": LETTER_KINDS[kind], "form": form},
    )


# ----------------------------------------------------------------- table 三


@agency_required()
def table_three_view(request, agency_code, year):
    if not 2000 <= year <= 2100:
        raise Http404("no such year")
    table = table_three(request.agency, year)
    grid = table.grid
    rows = [(row, [table.get(row.key, c) for c in grid.column_keys]) for row in grid.rows]
    return render(
        request,
        "applications/table_three.html",
        {
            "agency": request.agency,
            "year": year,
            "columns": grid.columns,
            "rows": rows,
            "findings": table_three_findings(table, year),
        },
    )
