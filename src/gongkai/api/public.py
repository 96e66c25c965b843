"""Public endpoints (no token, read-only): what the portal shows, through the portal's own
querysets, so the API never shows what the portal hides."""

from __future__ import annotations

import json
from typing import Literal

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from gongkai.agencies.models import Agency
from gongkai.annual.writers.jsonfile import render_json
from gongkai.catalogue import guide as guide_data
from gongkai.catalogue.models import DisclosureMode, DocType, Entry, Validity
from gongkai.catalogue.queries import category_label, parse_search
from gongkai.catalogue.search import Filters, apply_filters, public_entries, search
from gongkai.reports.queries import published_report, published_reports, published_version

from .errors import ApiError
from .paging import Paging, page
from .schemas import (
    AgencyPage,
    EntryDetailOut,
    EntryPage,
    ErrorOut,
    GuideOut,
    ReportDetailOut,
    ReportPage,
)

router = Router(tags=["公开数据"])

MAX_ID = 2**31 - 1  # ids beyond a 32-bit integer exist nowhere; keeps lookups in the database's range
YEAR_MIN, YEAR_MAX = 1990, 2100
LIST_FIELDS = (
    "id",
    "index_no",
    "title",
    "publish_date",
    "created_date",
    "doc_number",
    "issuer",
    "validity",
    "doc_type",
    "category",
    "disclosure",
    "agency_id",
)
INVALID = {422: ErrorOut}
NOT_FOUND = {404: ErrorOut, **INVALID}

DocTypeCode = Literal[tuple(DocType.values)]  # type: ignore[valid-type]
ValidityCode = Literal[tuple(Validity.values)]  # type: ignore[valid-type]


def public_agencies():
    """The agencies the portal lists (active ones)."""
    return Agency.objects.filter(is_active=True)


def agency_or_404(code: str) -> Agency:
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        raise ApiError(404, _("没有代码为“%(code)s”的机构。") % {"code": code[:50]})
    return agency


def agency_json(agency: Agency | None, codes: dict[int, str] | None = None) -> dict | None:
    if agency is None:
        return None
    parent = (
        (codes or {}).get(agency.parent_id) if codes is not None else getattr(agency.parent, "code", None)
    )
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "level": agency.level,
        "parent": parent,
        "credit_code": agency.credit_code,
    }


# ------------------------------------------------------------------ agencies


@router.get(
    "/agencies", response={200: AgencyPage, **INVALID}, summary="机构列表", operation_id="agencies_list"
)
def agencies_list(request, paging: Query[Paging]):
    qs = public_agencies().order_by("sort_order", "code")
    codes = dict(public_agencies().values_list("id", "code"))
    result = page(qs, paging)
    result["items"] = [agency_json(a, codes) for a in result["items"]]
    return result


@router.get(
    "/agencies/{code}/guide",
    response={200: GuideOut, **NOT_FOUND},
    summary="政府信息公开指南",
    description="条例第十二条：信息的分类、编排体系、获取方式和工作机构，由机构数据生成（与门户网站的指南页相同）。",
    operation_id="agency_guide",
)
def agency_guide(request, code: str = Path(..., max_length=64, description="机构代码")):
    agency = agency_or_404(code)
    g = guide_data.build_guide(agency)
    return {
        "agency": agency_json(agency),
        "categories": [{"code": c.code, "label": c.label, "count": c.count} for c in g.categories],
        "total": g.total,
        "index_pattern_example": g.index_pattern_example,
        "office": [{"label": str(label), "value": value or ""} for label, value in g.office],
        "reply_days": g.reply_days,
        "publish_days": g.publish_days,
        "superior": agency_json(g.superior),
        "supervising_office": agency_json(g.supervising_office),
        "remedies_text": g.remedies_text,
        "reconsideration_days": g.reconsideration_days,
        "litigation_months": g.litigation_months,
        "updated": g.updated,
        "notes": g.notes,
    }


# ------------------------------------------------------------------ catalogue


class CatalogueFilters(Schema):
    q: str = Field(
        "", max_length=1000, description="检索词：标题、正文、文号或索引号（与门户网站的检索相同）"
    )
    agency: str = Field("", max_length=64, description="机构代码")
    category: str = Field("", max_length=8, description="主题分类代码")
    doc_type: DocTypeCode | Literal[""] = Field("", description="文件类型代码")
    year: int | None = Field(
        None, ge=YEAR_MIN, le=YEAR_MAX, description="生成日期所在年度（与索引号中的年度相同）"
    )
    validity: ValidityCode | Literal[""] = Field("", description="有效性")
    sort: Literal["", "relevance", "date"] = Field(
        "", description="排序：relevance 相关度（有检索词时默认）、date 发布日期"
    )


class _Labels:
    """Category labels, looked up once per (code, agency) in a request."""

    def __init__(self):
        self._seen: dict[tuple[str, int], str] = {}

    def __call__(self, entry) -> str:
        key = (entry.category, entry.agency_id)
        if key not in self._seen:
            self._seen[key] = category_label(entry.category, entry.agency)
        return self._seen[key]


def entry_json(entry, labels: _Labels) -> dict:
    return {
        "id": entry.pk,
        "index_no": entry.index_no,
        "title": entry.title,
        "agency": entry.agency.code,
        "agency_name": entry.agency.name,
        "doc_number": entry.doc_number,
        "issuer": entry.issuer or entry.agency.name,
        "category": entry.category,
        "category_label": labels(entry),
        "doc_type": entry.doc_type,
        "validity": entry.validity,
        "disclosure": entry.disclosure,
        "created_date": entry.created_date,
        "publish_date": entry.publish_date,
        "url": reverse("portal:entry", args=[entry.pk]),
    }


@router.get(
    "/catalogue",
    response={200: EntryPage, **INVALID},
    summary="政府信息公开目录",
    description="已发布、非不予公开的目录条目。有检索词时按相关度（或日期）排序，最多返回前 2000 条匹配；无检索词时按发布日期从新到旧。",
    operation_id="catalogue_list",
)
def catalogue_list(request, filters: Query[CatalogueFilters], paging: Query[Paging]):
    agency = agency_or_422(filters.agency) if filters.agency else None
    f = Filters(
        public_only=True,
        agency_ids=(agency.pk,) if agency else None,
        category=filters.category,
        doc_type=filters.doc_type,
        year=filters.year,
        validity=filters.validity,
    )
    results = parse_search(filters.q, f, filters.sort)
    if results.message:
        raise ApiError(
            422,
            str(results.message),
            details=[{"loc": ["query", "q"], "type": "search", "msg": str(results.message)}],
        )
    base = Entry.objects.select_related("agency").only(*LIST_FIELDS, "agency__code", "agency__name")
    if results.query:
        ids = search(results.query, f, order=results.order)
        result = page(ids, paging)
        by_id = base.in_bulk(result["items"])
        entries = [by_id[i] for i in result["items"] if i in by_id]
    else:
        qs = apply_filters(base, f).order_by("-publish_date", "-id")
        result = page(qs, paging)
        entries = result["items"]
    labels = _Labels()
    result["items"] = [entry_json(e, labels) for e in entries]
    result["query"] = results.query.text if results.query else ""
    return result


def agency_or_422(code: str) -> Agency:
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        message = _("没有代码为“%(code)s”的机构。") % {"code": code[:50]}
        raise ApiError(
            422, message, details=[{"loc": ["query", "agency"], "type": "unknown", "msg": message}]
        )
    return agency


@router.get(
    "/catalogue/{entry_id}",
    response={200: EntryDetailOut, **NOT_FOUND},
    summary="目录条目",
    description="依申请公开的条目只给出目录信息，不给出正文和附件（与门户网站相同）。",
    operation_id="catalogue_entry",
)
def catalogue_entry(request, entry_id: int = Path(..., ge=1, le=MAX_ID, description="条目编号")):
    entry = public_entries().select_related("agency").filter(pk=entry_id).first()
    if entry is None:
        raise ApiError(404, _("没有这个目录条目，或它尚未公开。"))
    content_public = entry.disclosure == DisclosureMode.PROACTIVE
    out = entry_json(entry, _Labels())
    attachments = list(entry.attachments.all()) if content_public else []
    out |= {
        "summary": entry.summary,
        "keywords": entry.keywords,
        "effective_date": entry.effective_date,
        "invalid_date": entry.invalid_date,
        "content_public": content_public,
        "body": entry.body if content_public else "",
        "attachments": [
            {"name": a.name, "size": a.size, "url": reverse("portal:attachment", args=[entry.pk, a.pk])}
            for a in attachments
        ],
    }
    return out


# ------------------------------------------------------------------ annual reports


def version_json(version) -> dict:
    return {
        "number": version.number,
        "published_at": version.published_at,
        "content_hash": version.content_hash,
        "correction_note": version.correction_note,
    }


class ReportFilters(Schema):
    agency: str = Field("", max_length=64, description="机构代码")
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="报告年度")


@router.get(
    "/reports",
    response={200: ReportPage, **INVALID},
    summary="已发布的年度报告",
    operation_id="reports_list",
)
def reports_list(request, filters: Query[ReportFilters], paging: Query[Paging]):
    agency = agency_or_422(filters.agency) if filters.agency else None
    items = [r for r in published_reports(agency) if filters.year is None or r.year == filters.year]
    result = page(items, paging)
    result["items"] = [
        {
            "agency": r.agency.code,
            "agency_name": r.agency.name,
            "year": r.year,
            "title": r.report.title,
            "versions": r.versions,
            "latest": version_json(r.version),
        }
        for r in result["items"]
    ]
    return result


@router.get(
    "/reports/{agency}/{year}",
    response={200: ReportDetailOut, **NOT_FOUND},
    summary="年度报告（gongkai.annual/1 JSON）",
    description="已发布版本的内容，即发布时保存的 gongkai.annual/1 JSON；不指定 version 时为最新版本。",
    operation_id="report_detail",
)
def report_detail(
    request,
    agency: str = Path(..., max_length=64, description="机构代码"),
    year: int = Path(..., ge=YEAR_MIN, le=YEAR_MAX, description="报告年度"),
    version: int | None = Query(None, ge=1, le=10_000, description="版本号（不填为最新版本）"),
):
    report = published_report(agency, year)
    if report is None:
        raise ApiError(404, _("该机构该年度的年度报告尚未发布。"))
    chosen = published_version(report, version)
    if chosen is None:
        raise ApiError(404, _("没有第%(n)s版。") % {"n": version})
    return {
        "agency": report.agency.code,
        "year": report.year,
        "version": version_json(chosen),
        "versions": [version_json(v) for v in report.versions.order_by("-number").defer("data")],
        "report": chosen.data,
    }


def report_json(report) -> dict:
    """A ``Report`` as its gongkai.annual/1 JSON (what ``gongkai convert … .json`` writes)."""
    return json.loads(render_json(report))
