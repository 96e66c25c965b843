"""The annual-report workspace for staff: tables from the data with drill-downs, the sections
editor with guidance, live checks, preview, exports, review and publishing."""

from __future__ import annotations

import base64
import contextlib
import hashlib
from datetime import date

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai import law
from gongkai.agencies.access import WRITE_ROLES, agencies_for, agency_required
from gongkai.agencies.models import Role
from gongkai.annual.checks import Severity
from gongkai.annual.checks.base import REGISTRY
from gongkai.annual.grid_view import GridView, grid_views
from gongkai.annual.layout import layout_for_year
from gongkai.annual.writers import render as render_report
from gongkai.annual.writers import report_title
from gongkai.annual.writers.html import CSS as REPORT_CSS
from gongkai.downloads import download
from gongkai.i18n import join_clauses

from . import build, guidance, queries, services
from .checks import (
    check_options,
    deadline_for,
    evaluate,
    evaluate_for_publishing,
    finding_message,
    fingerprint,
)
from .forms import SUBTOPIC_HINTS, BaselineForm, ReturnForm, TextsForm
from .models import OVERVIEW_PARTS, TEXT_FIELDS, AnnualReport, ImportedBaseline
from .workflow import EDITABLE, STATUS_LABELS, UPLOAD_WAITING, Status

EXPORTS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "pdf": ("application/pdf", "PDF"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "json": ("application/json", "JSON"),
}
SEVERITY_LABELS = {
    Severity.ERROR: gettext_lazy("错误"),
    Severity.WARNING: gettext_lazy("警告"),
    Severity.INFO: gettext_lazy("提示"),
    Severity.SKIPPED: gettext_lazy("未检查"),
}


def _year(year: int) -> int:
    if not law.FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("no such year")
    return year


def _default_year() -> int:
    return timezone.localdate().year - 1  # the report written now is last year's


# ---------------------------------------------------------------- lists


@login_required
def index(request):
    agencies = list(agencies_for(request.user).order_by("sort_order", "code"))
    reports = AnnualReport.objects.filter(agency__in=agencies).select_related("agency")
    by_agency: dict[int, list] = {}
    for r in reports:
        by_agency.setdefault(r.agency_id, []).append(r)
    rows = [(a, sorted(by_agency.get(a.pk, []), key=lambda r: -r.year)) for a in agencies]
    return render(request, "reports/index.html", {"rows": rows, "year": _default_year()})


@agency_required()
def agency_reports(request, agency_code):
    agency = request.agency
    today = timezone.localdate()
    reports = list(AnnualReport.objects.filter(agency=agency).prefetch_related("versions"))
    years = sorted({r.year for r in reports} | {_default_year()}, reverse=True)
    by_year = {r.year: r for r in reports}
    options = check_options()
    rows = [(y, by_year.get(y), deadline_for(agency, y, options)) for y in years]
    return render(
        request,
        "reports/agency.html",
        {
            "agency": agency,
            "access": request.agency_access,
            "rows": rows,
            "today": today,
            "baselines": ImportedBaseline.objects.filter(agency=agency),
            "uploads": queries.baseline_upload_counts(agency),
            "can_write": request.agency_access.has(Role.CLERK),
        },
    )


# ---------------------------------------------------------------- the workspace


def _grids(agency, year: int, report) -> list[GridView]:
    """The report's tables for the templates; each cell links to its drill-down (none without an
    agency: a summary's cells add up several agencies)."""
    url = (lambda path: reverse("reports:cell", args=[agency.code, year, path])) if agency else None
    return grid_views(report, url)


def _check_title(code: str) -> str:
    spec = REGISTRY.get(code)
    if spec is None:  # PUB-CHANGED, made by .checks
        return _("发布后内容变动")
    return spec.title_en if (get_language() or "").startswith("en") else spec.title_zh


def _fact_links(cells, report) -> list[dict]:
    """The records behind the registry figures a finding names (cells ``facts.<key>``)."""
    by_key = {f"facts.{f.key}": f for f in report.facts}
    return [
        {"label": by_key[c].label, "url": by_key[c].records}
        for c in cells
        if c in by_key and by_key[c].records
    ]


def _findings_context(ev) -> dict:
    """The findings for the page: messages and titles in the active language (gongkai.annual has
    both), fingerprints always from the Chinese message, links to the records of registry figures."""

    def rows(findings):
        return [
            {
                "code": f.code,
                "title": _check_title(f.code),
                "severity": SEVERITY_LABELS[f.severity],
                "message": finding_message(f),
                "fingerprint": fingerprint(f),
                "cells": f.cells,
                "links": _fact_links(f.cells, ev.report),
            }
            for f in findings
        ]

    return {
        "errors": rows(ev.errors),
        "warnings": rows(ev.warnings),
        "others": rows(ev.others),
        "previous_source": ev.previous_source,
    }


def _previous_texts(agency, year: int) -> dict[str, str]:
    """Last year's texts per field: from last year's workspace when it exists, else from its report."""
    last = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    if last is not None and last.versions.exists():
        return {f: getattr(last, f) for f in TEXT_FIELDS}
    previous, _source = build.previous_report(agency, year)
    if previous is None:
        return {}
    overview = previous.sections.get("overview") or ""
    return {
        "overview_intro": overview,
        **{key: overview for key, _label in OVERVIEW_PARTS},
        "problems": previous.sections.get("problems") or "",
        "other": previous.sections.get("other") or "",
    }


def _banner(agency, year: int, workspace) -> dict:
    deadline = deadline_for(agency, year)
    days = (deadline - timezone.localdate()).days
    published = workspace.versions.order_by("number").first() if workspace else None
    return {"deadline": deadline, "days_left": days, "overdue": -days, "first_published": published}


def _unsaved(workspace: AnnualReport, data) -> AnnualReport:
    """A copy of the workspace with the texts as typed (for live checks; never saved)."""
    copy = AnnualReport.objects.get(pk=workspace.pk)
    for name in TEXT_FIELDS:
        if name in data:
            setattr(copy, name, str(data.get(name) or "").replace("\r\n", "\n").strip())
    if data.get("correction_note") is not None:
        copy.correction_note = str(data.get("correction_note")).strip()
    if data.get("signature_date"):
        with contextlib.suppress(ValueError):
            copy.signature_date = date.fromisoformat(data["signature_date"])
    copy.save = None  # never persisted
    return copy


@agency_required()
def workspace(request, agency_code, year):
    agency, access = request.agency, request.agency_access
    year = _year(year)
    ws = services.workspace_for(agency, year)
    if ws is None:
        report = build.build_report(agency, year)
        return render(
            request,
            "reports/start.html",
            {
                "agency": agency,
                "access": access,
                "year": year,
                "grids": _grids(agency, year, report),
                "banner": _banner(agency, year, None),
                "title": build.title_for(agency, year),  # the report's own title: Chinese
                "can_write": access.has(Role.CLERK),
            },
        )
    ev = evaluate(ws)
    report = ev.report
    fees = build.fees(agency, year)
    suggestions = guidance.ready_sentences(report, fees)
    uncomputable = guidance.uncomputable_facts(report)
    previous = _previous_texts(agency, year)
    form = TextsForm(
        initial={
            **{f: getattr(ws, f) for f in TEXT_FIELDS},
            "signature_date": ws.signature_date,
            "correction_note": ws.correction_note,
        }
    )
    fields = []
    for name in TEXT_FIELDS:
        fields.append(
            {
                "field": form[name],
                "hint": SUBTOPIC_HINTS.get(name, ""),
                "suggestions": [s for s in suggestions if s.part == name],
                "uncomputable": [f for f in uncomputable if f"overview_{f.part}" == name],
                "previous": previous.get(name, ""),
                "duplicates": guidance.near_duplicates(getattr(ws, name), previous.get(name)),
            }
        )
    editable = ws.status_enum in EDITABLE and access.has(Role.CLERK)
    publish_ev = None
    if ws.status_enum is Status.IN_REVIEW and access.has(Role.REVIEWER):
        publish_ev = _findings_context(evaluate_for_publishing(ws))
    return render(
        request,
        "reports/workspace.html",
        {
            "agency": agency,
            "access": access,
            "year": year,
            "ws": ws,
            "grids": _grids(agency, year, report),
            "findings": _findings_context(ev),
            "fields": fields,
            "form": form,
            "editable": editable,
            "fees": fees,
            "banner": _banner(agency, year, ws),
            "versions": ws.versions.order_by("-number").defer("data"),
            "is_correction": ws.versions.exists(),
            "publish": publish_ev,
            "return_form": ReturnForm(),
            "can_submit": ws.status_enum in EDITABLE and access.has(Role.CLERK),
            "can_review": ws.status_enum is Status.IN_REVIEW and access.has(Role.REVIEWER),
            "can_revise": ws.status_enum is Status.PUBLISHED and access.has(Role.CLERK),
            "exports": EXPORTS,
            "status_labels": STATUS_LABELS,
        },
    )


@agency_required(needs=Role.CLERK)
@require_POST
def start(request, agency_code, year):
    year = _year(year)
    try:
        services.open_workspace(request.user, request.agency, year)
    except services.ReportError as exc:
        messages.error(request, exc.message)
    return redirect("reports:workspace", agency_code, year)


@agency_required(needs=Role.CLERK)
@require_POST
def save(request, agency_code, year):
    ws = get_object_or_404(AnnualReport, agency=request.agency, year=_year(year))
    form = TextsForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            join_clauses(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect("reports:workspace", agency_code, year)
    # only the fields the form sent: a partial post never blanks the others
    texts = {name: form.cleaned_data[name] for name in TEXT_FIELDS if name in request.POST}
    if ws.versions.exists() and "correction_note" in request.POST:
        texts["correction_note"] = form.cleaned_data["correction_note"]
    try:
        services.save_texts(request.user, ws, texts, form.cleaned_data["signature_date"])
    except services.ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存。"))
    return redirect(reverse("reports:workspace", args=[agency_code, year]) + "#sections")


@agency_required()
@require_http_methods(["GET", "POST"])
def findings(request, agency_code, year):
    """The findings panel alone (htmx): GET for the saved texts, POST for the texts as typed."""
    ws = get_object_or_404(AnnualReport, agency=request.agency, year=_year(year))
    if request.method == "POST":
        ws = _unsaved(ws, request.POST)
    return render(request, "reports/_findings.html", {"findings": _findings_context(evaluate(ws))})


@agency_required(needs=WRITE_ROLES)
@require_POST
def act(request, agency_code, year, action):
    ws = get_object_or_404(AnnualReport, agency=request.agency, year=_year(year))
    user = request.user
    try:
        if action == "submit":
            services.submit(user, ws)
            messages.success(request, _("已提交审核。"))
        elif action == "return":
            services.return_report(user, ws, request.POST.get("reason", ""))
            messages.success(request, _("已退回。"))
        elif action == "publish":
            result = services.publish(user, ws, set(request.POST.getlist("confirm")))
            if result.version is not None:
                messages.success(
                    request,
                    _("已发布第%(n)d版（SHA-256：%(hash)s…）。")
                    % {"n": result.version.number, "hash": result.version.content_hash[:16]},
                )
            else:
                messages.success(request, _("内容与已发布版本相同，未生成新版本。"))
        elif action == "revise":
            services.revise(user, ws)
            messages.success(request, _("已进入更正：修改后写明更正说明，提交审核后发布为新版本。"))
        else:
            raise Http404("no such action")
    except services.ReportError as exc:
        messages.error(request, exc.message)
    return redirect("reports:workspace", agency_code, year)


# ---------------------------------------------------------------- drill-down, preview, exports


@agency_required()
def cell(request, agency_code, year, path):
    from gongkai.appeals import queries as table_four
    from gongkai.applications import queries as table_three
    from gongkai.records import queries as table_two

    agency, year = request.agency, _year(year)
    # each table's drill-down comes from the app that owns its records, chosen by the path's table
    owners = {"active": table_two, "applications": table_three, "review_litigation": table_four}
    try:
        owner = owners[path.split(".")[0]]
        drill = owner.drilldown(agency, year, path, layout=layout_for_year(year))
    except KeyError:
        raise Http404("no such cell") from None
    return render(request, "reports/cell.html", {"agency": agency, "year": year, "drill": drill})


def _report_for_export(agency, year: int):
    ws = services.workspace_for(agency, year)
    return build.current_report(ws) if ws else build.build_report(agency, year)


# A page that embeds the annual report's own HTML (an <iframe srcdoc>, which inherits the page's
# Content-Security-Policy) allows that document's one <style> by its hash and its column widths,
# set in style attributes that the PDF writer shares; no script is allowed in either.
embeds_report_html = csp_update(
    {
        "style-src": [f"'sha256-{base64.b64encode(hashlib.sha256(REPORT_CSS.encode()).digest()).decode()}'"],
        "style-src-attr": [UNSAFE_INLINE],
    }
)


@embeds_report_html
@agency_required()
def preview(request, agency_code, year):
    report = _report_for_export(request.agency, _year(year))
    html = render_report(report, "html").decode("utf-8")
    return render(
        request,
        "reports/preview.html",
        {"agency": request.agency, "year": year, "html": html, "exports": EXPORTS},
    )


@agency_required()
def export(request, agency_code, year, fmt):
    if fmt not in EXPORTS:
        raise Http404("no such format")
    agency, year = request.agency, _year(year)
    report = _report_for_export(agency, year)
    return report_download(report, fmt, f"{agency.code}-{year}-annual-report")


def report_download(report, fmt: str, ascii_stem: str, suffix: str = "") -> HttpResponse:
    """The report as a file named by its title (示例县教育局2025年政府信息公开工作年度报告.docx)."""
    return download(
        render_report(report, fmt),
        f"{report_title(report)}{suffix}.{fmt}",
        EXPORTS[fmt][0],
        ascii_name=f"{ascii_stem}.{fmt}",
    )


# ---------------------------------------------------------------- summary of the user's agencies

SUMMARY_EXPORTS = {fmt: EXPORTS[fmt] for fmt in ("xlsx", "json")}


def _summary_years() -> list[int]:
    last = _default_year()
    return list(range(last, max(2019, last - 5) - 1, -1))


@login_required
def summary(request, year):
    """汇总: every agency the user may see, with key figures of its live tables, and the summed tables."""
    result = queries.summarise(request.user, _year(year))
    return render(
        request,
        "reports/summary.html",
        {
            "year": result.year,
            "summary": result,
            "figures": [label for label, _cells in queries.SUMMARY_FIGURES],
            "totals": queries.figures(result.report.tables) if result.report else [],
            "grids": _grids(None, result.year, result.report) if result.report else [],
            "years": _summary_years(),
            "exports": SUMMARY_EXPORTS,
        },
    )


@login_required
def summary_export(request, year, fmt):
    if fmt not in SUMMARY_EXPORTS:
        raise Http404("no such format")
    result = queries.summarise(request.user, _year(year))
    if result.report is None:
        raise Http404("nothing to sum")
    return report_download(result.report, fmt, f"summary-{result.year}-annual-report", "（汇总）")


# ---------------------------------------------------------------- baselines


@agency_required(needs=Role.CLERK)
@require_http_methods(["GET", "POST"])
def baseline(request, agency_code):
    agency = request.agency
    form = BaselineForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
        data = upload.read()
        on_the_worker = services.reads_on_the_worker(data, upload.name)
        try:
            if on_the_worker:
                services.queue_baseline_import(request.user, agency, year, data, upload.name)
            else:
                imported = services.import_baseline(request.user, agency, year, data, upload.name)
        except services.ReportError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if on_the_worker:
                messages.success(
                    request,
                    _("已收到“%(file)s”，正在后台读取（扫描件需文字识别，每页约需几秒）。结果显示在本页。")
                    % {"file": upload.name},
                )
                return redirect("reports:baseline", agency.code)
            messages.success(
                request,
                _("已导入%(year)d年度报告，可用于%(next)d年度的跨年度核对。")
                % {"year": imported.year, "next": imported.year + 1},
            )
            return redirect("reports:agency", agency.code)
    uploads = list(queries.recent_baseline_uploads(agency))
    return render(
        request,
        "reports/baseline.html",
        {
            "agency": agency,
            "form": form,
            "uploads": uploads,
            "waiting": any(u.state in UPLOAD_WAITING for u in uploads),
        },
    )


@agency_required(needs=Role.CLERK)
@require_POST
def baseline_carried(request, agency_code, pk):
    item = get_object_or_404(ImportedBaseline, agency=request.agency, pk=pk)
    try:
        created = services.enter_carried_over(request.user, item)
    except services.ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("已录入 %(n)d 件上年结转申请，请在依申请公开工作台补录申请人信息。") % {"n": len(created)},
        )
    return redirect("reports:agency", request.agency.code)
