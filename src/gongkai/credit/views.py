"""Staff pages under /staff/credit/<agency_code>/ (other agencies' staff get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import WRITE_ROLES, agencies_for, agency_required

from . import entry, exporting, importing, queries, services
from .forms import (
    BatchCreateForm,
    FeedbackForm,
    ReasonForm,
    RecordFilter,
    RecordForm,
    SendForm,
    UploadForm,
    apply_error,
)
from .models import BatchState, CreditImport, CreditRecord, PublicityState, SubmissionBatch
from .rules import COLUMNS, Kind
from .services import CreditError
from .workflow import BATCH, PUBLICITY

PAGE_LIMIT = 300
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request, **extra) -> dict:
    return {"agency": request.agency, "access": request.agency_access, **extra}


def _file(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def index(request):
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("credit:records", agency_code=agencies[0].code)
    return render(request, "credit/index.html", {"agencies": agencies})


# ---------------------------------------------------------------- records


def _filtered(agency, form: RecordFilter, today):
    qs = CreditRecord.objects.filter(agency=agency)
    if not form.is_valid():
        return qs.none(), today.year
    data = form.cleaned_data
    year = data.get("year") or today.year
    qs = qs.filter(decided_on__year=year)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    state = data.get("state")
    if state == "pending":
        qs = qs.filter(state=PublicityState.PENDING)
    elif state == "late":
        qs = qs.filter(Q(published_on__gt=F("due_on")) | Q(published_on__isnull=True, due_on__lt=today))
    elif state == "public":
        qs = queries.in_public(agency, today).filter(decided_on__year=year)
    elif state == "ended":
        qs = qs.filter(
            Q(state__in=(PublicityState.WITHDRAWN, PublicityState.REPAIRED)) | Q(publicity_end__lt=today)
        )
    elif state == "unsent":
        qs = qs.filter(submitted_on__isnull=True)
    if data.get("q"):
        qs = qs.filter(Q(subject_name__contains=data["q"]) | Q(doc_no__contains=data["q"]))
    return qs, year


@agency_required()
def records(request, agency_code):
    today = timezone.localdate()
    form = RecordFilter(request.GET or {"year": today.year})
    qs, year = _filtered(request.agency, form, today)
    rows = list(qs.order_by("-decided_on", "-pk")[:PAGE_LIMIT])
    return render(
        request,
        "credit/records.html",
        _context(
            request,
            form=form,
            rows=rows,
            year=year,
            today=today,
            truncated=len(rows) == PAGE_LIMIT,
            rate=queries.timeliness((request.agency.pk,), year),
            overdue=queries.overdue_unpublished(request.agency, today),
        ),
    )


def _record(request, pk) -> CreditRecord:
    return get_object_or_404(CreditRecord, agency=request.agency, pk=pk)


@agency_required()
def record_detail(request, agency_code, pk):
    rec = _record(request, pk)
    today = timezone.localdate()
    fields = [(_(c.header), exporting.cell(rec, c), c.personal) for c in COLUMNS[rec.kind]]
    return render(
        request,
        "credit/record_detail.html",
        _context(
            request,
            rec=rec,
            fields=fields,
            actions=PUBLICITY.available(rec.state),
            form=ReasonForm(),
            today=today,
            expired=bool(rec.publicity_end and rec.publicity_end < today),
            batches=rec.batch_items.select_related("batch"),
        ),
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def record_action(request, agency_code, pk, action):
    rec = _record(request, pk)
    if action not in PUBLICITY:
        raise Http404("no such action")
    try:
        services.transition(request.user, rec, action, reason=request.POST.get("reason", ""))
    except CreditError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已%(a)s。") % {"a": PUBLICITY[action].label})
    return redirect("credit:record_detail", agency_code=agency_code, pk=pk)


def _record_form(request, kind: str, rec: CreditRecord | None):
    initial = entry.cells_of(rec) if rec else {}
    form = RecordForm(kind, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved, warnings = entry.save_record(request.user, request.agency, kind, form.cleaned_data, rec)
        except entry.RecordRefused as refused:
            for key, errors in refused.errors.items():
                for error in errors:
                    form.add_error(key if key in form.fields else None, error)
        except CreditError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("记录已保存。") if rec else _("记录已录入。"))
            for warning in warnings:
                messages.warning(request, warning["message"])
            return redirect("credit:record_detail", agency_code=request.agency.code, pk=saved.pk)
    return render(
        request,
        "credit/record_form.html",
        _context(request, form=form, rec=rec, kind_label=Kind(kind).label),
    )


@agency_required(needs=WRITE_ROLES)
def record_new(request, agency_code, kind):
    if kind not in Kind.values:
        raise Http404("no such kind")
    return _record_form(request, kind, None)


@agency_required(needs=WRITE_ROLES)
def record_edit(request, agency_code, pk):
    rec = _record(request, pk)
    return _record_form(request, rec.kind, rec)


# ---------------------------------------------------------------- import


@agency_required(needs=WRITE_ROLES)
def import_upload(request, agency_code):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            source = importing.preview(
                request.user, request.agency, form.cleaned_data["kind"], upload.name, upload.read()
            )
        except CreditError as error:
            apply_error(form, error)
        else:
            return redirect("credit:import_preview", agency_code=agency_code, pk=source.pk)
    layouts = [(k, label, importing.import_columns(k)) for k, label in Kind.choices]
    recent = CreditImport.objects.filter(agency=request.agency).defer("content")[:10]
    return render(
        request, "credit/import_upload.html", _context(request, form=form, layouts=layouts, recent=recent)
    )


def _import(request, pk) -> CreditImport:
    return get_object_or_404(CreditImport.objects.defer("content"), agency=request.agency, pk=pk)


@agency_required(needs=WRITE_ROLES)
def import_preview(request, agency_code, pk):
    source = _import(request, pk)
    return render(
        request,
        "credit/import_preview.html",
        _context(
            request,
            source=source,
            columns=importing.import_columns(source.kind),
            can_confirm=source.is_open and not source.error_count,
        ),
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_confirm(request, agency_code, pk):
    source = _import(request, pk)
    try:
        n = importing.confirm(request.user, source)
    except CreditError as error:
        messages.error(request, error.message)
        return redirect("credit:import_preview", agency_code=agency_code, pk=pk)
    messages.success(request, _("已导入 %(n)s 条记录。") % {"n": n})
    return redirect("credit:records", agency_code=agency_code)


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_discard(request, agency_code, pk):
    try:
        importing.discard(request.user, _import(request, pk))
    except CreditError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已放弃该文件，未导入任何数据。"))
    return redirect("credit:import_upload", agency_code=agency_code)


@agency_required()
def import_template(request, agency_code, kind):
    if kind not in Kind.values:
        raise Http404("no such kind")
    return _file(exporting.template_xlsx(kind), XLSX, f"{Kind(kind).label}导入模板.xlsx")


# ---------------------------------------------------------------- batches


@agency_required()
def batches(request, agency_code):
    form = BatchCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(request.user, request.agency, **form.cleaned_data)
        except CreditError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已生成报送批次 %(n)s。") % {"n": batch.number})
            return redirect("credit:batch_detail", agency_code=agency_code, pk=batch.pk)
    unsent = services.unsent(request.agency)
    return render(
        request,
        "credit/batches.html",
        _context(
            request,
            form=form,
            rows=SubmissionBatch.objects.filter(agency=request.agency)[:100],
            counts=queries.submission_counts((request.agency.pk,)),
            unsent_licences=unsent.filter(kind=Kind.LICENCE).count(),
            unsent_penalties=unsent.filter(kind=Kind.PENALTY).count(),
        ),
    )


def _batch(request, pk) -> SubmissionBatch:
    return get_object_or_404(SubmissionBatch, agency=request.agency, pk=pk)


@agency_required()
def batch_detail(request, agency_code, pk, send_form=None, feedback_form=None, status=200):
    batch = _batch(request, pk)
    today = timezone.localdate()
    items = batch.items.select_related("record")
    return render(
        request,
        "credit/batch_detail.html",
        _context(
            request,
            batch=batch,
            items=items[:PAGE_LIMIT],
            total=items.count(),
            rejected=items.filter(rejected=True).count(),
            actions=[t.action for t in BATCH.available(batch.state)],
            send_form=send_form or SendForm(initial={"sent_on": today}),
            feedback_form=feedback_form or FeedbackForm(initial={"feedback_on": today}),
        ),
        status=status,
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def batch_send(request, agency_code, pk):
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            services.send_batch(request.user, _batch(request, pk), form.cleaned_data["sent_on"])
        except CreditError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已标记为已报送。"))
            return redirect("credit:batch_detail", agency_code=agency_code, pk=pk)
    return batch_detail(request, agency_code=agency_code, pk=pk, send_form=form, status=400)


@agency_required(needs=WRITE_ROLES)
@require_POST
def batch_feedback(request, agency_code, pk):
    form = FeedbackForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            n = services.enter_feedback(
                request.user, _batch(request, pk), form.cleaned_data["text"], form.cleaned_data["feedback_on"]
            )
        except CreditError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已登记平台反馈：%(n)s 条被退回，已回到待报送。") % {"n": n})
            return redirect("credit:batch_detail", agency_code=agency_code, pk=pk)
    return batch_detail(request, agency_code=agency_code, pk=pk, feedback_form=form, status=400)


@agency_required(needs=WRITE_ROLES)
@require_POST
def batch_cancel(request, agency_code, pk):
    try:
        services.cancel_batch(request.user, _batch(request, pk))
    except CreditError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已作废该批次，其中的记录回到待报送。"))
    return redirect("credit:batches", agency_code=agency_code)


@agency_required()
def batch_export(request, agency_code, pk):
    batch = _batch(request, pk)
    if batch.state == BatchState.CANCELLED:
        raise Http404("cancelled")
    records = CreditRecord.objects.filter(batch_items__batch=batch)
    return _file(exporting.batch_xlsx(records), XLSX, f"双公示报送{batch.number}.xlsx")
