"""Staff pages under /staff/records/<agency_code>/ (other agencies' staff get 404)."""

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
from gongkai.downloads import download

from . import importing, queries, services
from .forms import ConfirmForm, DecisionForm, FeeForm, UploadForm, YearForm, YearlyTotalForm, apply_error
from .models import BatchStatus, Decision, FeeCollection, ImportBatch, YearlyTotal
from .rules import KINDS, yuan_to_wan
from .services import RecordsError

PAGE_LIMIT = 500


def _context(request, **extra) -> dict:
    return {
        "agency": request.agency,
        "access": request.agency_access,
        "year_now": timezone.localdate().year,
        **extra,
    }


def _year(year: int) -> int:
    if not law.FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("no such year")
    return year


@login_required
def index(request):
    agencies = list(agencies_for(request.user))
    if len(agencies) == 1:
        return redirect("records:decisions", agency_code=agencies[0].code)
    return render(request, "records/index.html", {"agencies": agencies})


# ---------------------------------------------------------------- decisions


@agency_required()
def decisions(request, agency_code):
    form = YearForm(request.GET or None)
    qs = Decision.objects.filter(agency=request.agency)
    year = timezone.localdate().year
    if form.is_valid():
        year = form.cleaned_data.get("year") or year
        if form.cleaned_data.get("kind"):
            qs = qs.filter(kind=form.cleaned_data["kind"])
    qs = qs.filter(decided_on__year=year)
    counts = queries.decision_counts(request.agency, year)
    summary = [(KINDS[k].label, n, source) for k, (n, source) in counts.items()]
    rows = list(qs.order_by("-decided_on", "-id")[:PAGE_LIMIT])
    return render(
        request,
        "records/decisions.html",
        _context(
            request, form=form, rows=rows, year=year, summary=summary, truncated=len(rows) == PAGE_LIMIT
        ),
    )


def _decision(request, pk) -> Decision:
    return get_object_or_404(Decision, agency=request.agency, pk=pk)


@agency_required(needs=WRITE_ROLES)
def decision_create(request, agency_code):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.create_decision(request.user, request.agency, **form.cleaned_data)
        except RecordsError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已录入决定 %(n)s。") % {"n": decision.number})
            return redirect("records:decisions", agency_code=agency_code)
    return render(request, "records/form.html", _context(request, form=form, title=_("录入处理决定")))


@agency_required()
def decision_detail(request, agency_code, pk):
    decision = _decision(request, pk)
    used_total = YearlyTotal.objects.filter(
        agency=request.agency, year=decision.decided_on.year, kind=decision.kind
    ).first()
    return render(
        request, "records/decision_detail.html", _context(request, decision=decision, used_total=used_total)
    )


@agency_required(needs=WRITE_ROLES)
def decision_edit(request, agency_code, pk):
    decision = _decision(request, pk)
    initial = {f: getattr(decision, f) for f in services.DECISION_FIELDS}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_decision(request.user, decision, **form.cleaned_data)
        except RecordsError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("records:decision_detail", agency_code=agency_code, pk=pk)
    return render(request, "records/form.html", _context(request, form=form, title=_("修改处理决定")))


@agency_required(needs=WRITE_ROLES)
@require_POST
def decision_delete(request, agency_code, pk):
    decision = _decision(request, pk)
    services.delete_decision(request.user, decision)
    messages.success(request, _("已删除决定 %(n)s。") % {"n": decision.number})
    return redirect("records:decisions", agency_code=agency_code)


# ---------------------------------------------------------------- yearly totals


@agency_required()
def totals(request, agency_code):
    form = YearlyTotalForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    # A POST from a read-only user never gets here: agency_required refuses unsafe methods with 403.
    if request.method == "POST" and form.is_valid():
        try:
            services.set_yearly_total(request.user, request.agency, **form.cleaned_data)
        except RecordsError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已保存年度数量。"))
            return redirect("records:totals", agency_code=agency_code)
    rows = YearlyTotal.objects.filter(agency=request.agency).order_by("-year", "kind")
    return render(
        request,
        "records/totals.html",
        _context(request, form=form, rows=rows),
        status=400 if form.errors else 200,
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def total_delete(request, agency_code, pk):
    total = get_object_or_404(YearlyTotal, agency=request.agency, pk=pk)
    services.delete_yearly_total(request.user, total)
    messages.success(request, _("已删除，该年度改为逐件统计。"))
    return redirect("records:totals", agency_code=agency_code)


# ---------------------------------------------------------------- fees


@agency_required()
def fees(request, agency_code):
    form = FeeForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_fee(request.user, request.agency, **form.cleaned_data)
        except RecordsError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已保存收费金额。"))
            return redirect("records:fees", agency_code=agency_code)
    rows = list(FeeCollection.objects.filter(agency=request.agency).order_by("-year", "item"))
    by_year: dict[int, list] = {}
    for fee in rows:
        by_year.setdefault(fee.year, []).append(fee)
    years = [
        (y, items, yuan_to_wan(sum((f.amount_yuan for f in items), start=0))) for y, items in by_year.items()
    ]
    return render(
        request,
        "records/fees.html",
        _context(request, form=form, years=years),
        status=400 if form.errors else 200,
    )


@agency_required()
def fee_edit(request, agency_code, pk):
    fee = get_object_or_404(FeeCollection, agency=request.agency, pk=pk)
    initial = {f: getattr(fee, f) for f in services.FEE_FIELDS}
    form = FeeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_fee(request.user, request.agency, fee=fee, **form.cleaned_data)
        except RecordsError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("records:fees", agency_code=agency_code)
    return render(request, "records/fee_edit.html", _context(request, form=form, fee=fee))


@agency_required(needs=WRITE_ROLES)
@require_POST
def fee_delete(request, agency_code, pk):
    fee = get_object_or_404(FeeCollection, agency=request.agency, pk=pk)
    services.delete_fee(request.user, fee)
    messages.success(request, _("已删除收费项目。"))
    return redirect("records:fees", agency_code=agency_code)


# ---------------------------------------------------------------- import


@agency_required(needs=WRITE_ROLES)
def import_upload(request, agency_code):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = importing.preview(
                request.user, request.agency, form.cleaned_data["kind"], upload.name, upload.read()
            )
        except RecordsError as error:
            apply_error(form, error)
        else:
            return redirect("records:import_preview", agency_code=agency_code, pk=batch.pk)
    recent = ImportBatch.objects.filter(agency=request.agency)[:10]
    return render(
        request,
        "records/import_upload.html",
        _context(request, form=form, specs=importing.SPECS, recent=recent),
    )


def _batch(request, pk) -> ImportBatch:
    return get_object_or_404(ImportBatch, agency=request.agency, pk=pk)


@agency_required(needs=WRITE_ROLES)
def import_preview(request, agency_code, pk):
    return _render_preview(request, _batch(request, pk), ConfirmForm())


def _render_preview(request, batch: ImportBatch, form, status: int = 200):
    spec = importing.SPECS[batch.kind]
    return render(
        request,
        "records/import_preview.html",
        _context(
            request,
            batch=batch,
            spec=spec,
            form=form,
            can_confirm=batch.status == BatchStatus.PREVIEWED and bool(batch.valid_rows),
            sample=batch.valid_rows[:20],
        ),
        status=status,
    )


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_confirm(request, agency_code, pk):
    batch = _batch(request, pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        n = importing.confirm(request.user, batch, accept_valid_rows=form.cleaned_data.get("accept", False))
    except RecordsError as error:
        apply_error(form, error)
        batch.refresh_from_db()
        return _render_preview(request, batch, form, status=400)
    messages.success(request, _("已导入 %(n)s 行。") % {"n": n})
    target = {"decisions": "records:decisions", "totals": "records:totals", "fees": "records:fees"}[
        batch.kind
    ]
    return redirect(target, agency_code=agency_code)


@agency_required(needs=WRITE_ROLES)
@require_POST
def import_discard(request, agency_code, pk):
    batch = _batch(request, pk)
    try:
        importing.discard(request.user, batch)
    except RecordsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已放弃该文件，未导入任何数据。"))
    return redirect("records:import_upload", agency_code=agency_code)


@agency_required()
def import_template(request, agency_code, kind, fmt):
    if kind not in importing.SPECS or fmt not in ("csv", "xlsx"):
        raise Http404("no such template")
    if fmt == "csv":
        body, content_type = importing.template_csv(kind), "text/csv; charset=utf-8"
    else:
        body = importing.template_xlsx(kind)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(body, f"{importing.SPECS[kind].file_title}.{fmt}", content_type, f"{kind}-template.{fmt}")


# ---------------------------------------------------------------- table 二


@agency_required()
def table_two_view(request, agency_code, year):
    year = _year(year)
    tables = queries.table_two(request.agency, year)
    counts = queries.decision_counts(request.agency, year)
    sources = {(KINDS[k].grid, k.value): source for k, (_n, source) in counts.items()}
    blocks = []
    for key in queries.GRIDS:
        table = tables[key]
        grid = table.grid
        rows = [
            (grid.row(r), [(c, table.get(r, c)) for c in grid.column_keys], sources.get((key, r)))
            for r in grid.row_keys
        ]
        blocks.append((grid, rows))
    return render(request, "records/table_two.html", _context(request, year=year, blocks=blocks))


@agency_required()
def table_two_drill(request, agency_code, year, grid, row, column):
    year = _year(year)
    try:
        drill = queries.drilldown(request.agency, year, (grid, row, column))
    except KeyError:
        raise Http404("no such cell") from None
    return render(request, "records/drill.html", _context(request, year=year, drill=drill))
