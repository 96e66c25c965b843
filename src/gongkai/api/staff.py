"""Staff endpoints (a personal token; read-only): the token's user sees what the staff pages show
them — their agencies' applications (personal data masked, as on the workbench), 第二十条 records
and annual-report workspaces — through ``gongkai.agencies.access``: another agency's data is 404."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from gongkai import law
from gongkai.agencies.access import agencies_for, get_agency_or_404
from gongkai.annual.checks import run_checks
from gongkai.applications.models import Application
from gongkai.applications.workflow import State
from gongkai.records.models import Decision
from gongkai.records.rules import Kind
from gongkai.reports import build
from gongkai.reports.checks import check_options, evaluate
from gongkai.reports.services import workspace_for

from .auth import TokenAuth
from .errors import ApiError
from .paging import Paging, page
from .public import MAX_ID, YEAR_MAX, YEAR_MIN, agency_json, report_json
from .schemas import (
    AgencyPage,
    ApplicationDetailOut,
    ApplicationPage,
    DecisionPage,
    ErrorOut,
    StaffReportOut,
)

router = Router(tags=["工作人员（需令牌）"], auth=TokenAuth())

ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
StateCode = Literal[tuple(s.value for s in State)]  # type: ignore[valid-type]
KindCode = Literal[tuple(k.value for k in Kind)]  # type: ignore[valid-type]


def _agency(request, code: str):
    """The agency the token's user may read, or 404 (its existence is not revealed)."""
    agency, _access = get_agency_or_404(request.user, code)
    return agency


def _scope(request, code: str):
    """The agencies a list covers: the one asked for, or all the user may read."""
    if code:
        return [_agency(request, code)]
    return agencies_for(request.user)


@router.get(
    "/staff/agencies",
    response={200: AgencyPage, **ERRORS},
    summary="我可以查看的机构",
    operation_id="staff_agencies",
)
def staff_agencies(request, paging: Query[Paging]):
    qs = agencies_for(request.user).select_related("parent").order_by("sort_order", "code")
    result = page(qs, paging)
    result["items"] = [agency_json(a) for a in result["items"]]
    return result


# ------------------------------------------------------------------ applications


def application_json(app: Application, detail: bool = False) -> dict:
    """An application as the workbench lists it; the detail adds only masked personal data."""
    out = {
        "id": app.pk,
        "tracking_no": app.tracking_no,
        "agency": app.agency.code,
        "state": app.state,
        "state_label": app.state_label,
        "channel": app.channel,
        "applicant_type": app.applicant_type,
        "applicant_type_label": app.applicant_type_label,
        "name": app.name,
        "submitted_at": app.submitted_at,
        "received_on": app.received_on,
        "reply_due": app.reply_due,
        "next_due": app.next_due,
        "finished_on": app.finished_on,
        "outcome": app.outcome,
    }
    if detail:
        out |= {
            "id_type": app.id_type,
            "id_number_masked": app.id_number_masked,
            "phone_masked": app.phone_masked,
            "email_masked": app.email_masked,
            "address_masked": app.address_masked,
            "description": app.description,
            "delivery_form": app.delivery_form,
            "delivery_channel": app.delivery_channel,
            "reply_type": app.reply_type,
            "delivered_on": app.delivered_on,
            "closed_on": app.closed_on,
        }
    return out


class ApplicationFilters(Schema):
    agency: str = Field("", max_length=64, description="机构代码（不填为我可以查看的全部机构）")
    state: StateCode | Literal[""] = Field("", description="状态代码")
    received_from: date | None = Field(None, description="收到申请日期不早于")
    received_to: date | None = Field(None, description="收到申请日期不晚于")


@router.get(
    "/staff/applications",
    response={200: ApplicationPage, **ERRORS},
    summary="依申请公开的申请",
    description="个人信息（证件号码、电话、地址、邮箱）不出现在列表中；详情中也只给出遮盖后的形式。",
    operation_id="staff_applications",
)
def staff_applications(request, filters: Query[ApplicationFilters], paging: Query[Paging]):
    qs = Application.objects.filter(agency__in=_scope(request, filters.agency)).select_related("agency")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.received_from:
        qs = qs.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_on__lte=filters.received_to)
    result = page(qs.order_by("-submitted_at", "-id"), paging)
    result["items"] = [application_json(a) for a in result["items"]]
    return result


@router.get(
    "/staff/applications/{application_id}",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="申请详情（个人信息已遮盖）",
    operation_id="staff_application",
)
def staff_application(
    request, application_id: int = Path(..., ge=1, le=MAX_ID, description="申请编号（内部）")
):
    app = (
        Application.objects.filter(agency__in=agencies_for(request.user), pk=application_id)
        .select_related("agency")
        .first()
    )
    if app is None:
        raise ApiError(404, _("没有这个申请，或您无权查看。"))
    return application_json(app, detail=True)


# ------------------------------------------------------------------ 第二十条 records


class DecisionFilters(Schema):
    agency: str = Field("", max_length=64, description="机构代码（不填为我可以查看的全部机构）")
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="决定日期所在年度")
    kind: KindCode | Literal[""] = Field("", description="类别")


@router.get(
    "/staff/records/decisions",
    response={200: DecisionPage, **ERRORS},
    summary="第二十条处理决定（许可、处罚、强制）",
    operation_id="staff_decisions",
)
def staff_decisions(request, filters: Query[DecisionFilters], paging: Query[Paging]):
    qs = Decision.objects.filter(agency__in=_scope(request, filters.agency)).select_related("agency")
    if filters.year:
        qs = qs.filter(decided_on__gte=date(filters.year, 1, 1), decided_on__lte=date(filters.year, 12, 31))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    result = page(qs.order_by("-decided_on", "-id"), paging)
    result["items"] = [
        {
            "id": d.pk,
            "agency": d.agency.code,
            "kind": d.kind,
            "kind_label": str(d.kind_label),
            "number": d.number,
            "decided_on": d.decided_on,
            "subject": d.subject,
            "summary": d.summary,
        }
        for d in result["items"]
    ]
    return result


# ------------------------------------------------------------------ annual-report workspace


@router.get(
    "/staff/reports/{agency}/{year}",
    response={200: StaffReportOut, **ERRORS},
    summary="年度报告工作区：当前内容、状态和检查结果",
    description="与“年度报告”工作区页面相同：由现有数据计算出的表格和已填写的文字，以及全部检查结果。",
    operation_id="staff_report",
)
def staff_report(
    request,
    agency: str = Path(..., max_length=64, description="机构代码"),
    year: int = Path(..., ge=YEAR_MIN, le=YEAR_MAX, description="报告年度"),
):
    found = _agency(request, agency)
    if not law.FIRST_YEAR <= year <= timezone.localdate().year:
        raise ApiError(404, _("没有%(year)s年度的报告。") % {"year": year})
    ws = workspace_for(found, year)
    if ws is None:
        report = build.build_report(found, year)
        previous, _source = build.previous_report(found, year)
        findings = run_checks(report, previous, check_options(timezone.localdate()))
        status, label, versions = "not_started", _("尚未开始"), 0
    else:
        ev = evaluate(ws)
        report, findings = ev.report, ev.findings
        status, label, versions = ws.status, ws.status_label, ws.versions.count()
    return {
        "agency": found.code,
        "year": year,
        "status": status,
        "status_label": str(label),
        "versions": versions,
        "report": report_json(report),
        "findings": [f.to_json() for f in findings],
    }
