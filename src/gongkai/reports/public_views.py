"""The portal's published annual reports: list, each report in the official look, downloads,
and the version history with every 更正说明 (old versions stay reachable)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.annual.writers import render as render_report
from gongkai.catalogue import cache as public_cache

from .models import AnnualReport, ReportVersion
from .queries import published_report, published_reports, published_version
from .views import EXPORTS, embeds_report_html, report_download


@require_safe
@public_cache.public_page
def index(request):
    code = request.GET.get("agency") or ""
    agency = Agency.objects.filter(code=code, is_active=True).first() if code else None
    reports = published_reports(agency)
    by_year: dict[int, list] = {}
    for item in reports:
        by_year.setdefault(item.year, []).append(item)
    agencies = Agency.objects.filter(is_active=True, annual_reports__versions__isnull=False).distinct()
    return public_cache.render_public(
        request,
        "reports/public/index.html",
        {"by_year": sorted(by_year.items(), reverse=True), "agencies": agencies, "agency": agency},
    )


def _published(agency_code: str, year: int) -> AnnualReport:
    report = published_report(agency_code, year)
    if report is None:
        raise Http404("not published")
    return report


def _version(report: AnnualReport, number: int | None) -> ReportVersion:
    version = published_version(report, number)
    if version is None:
        raise Http404("no such version")
    return version


@embeds_report_html
@require_safe
def report(request, agency_code, year, number=None):
    item = _published(agency_code, year)
    version = _version(item, number)
    versions = list(item.versions.order_by("-number").defer("data"))
    html = render_report(version.to_report(), "html").decode("utf-8")
    return render(
        request,
        "reports/public/report.html",
        {
            "item": item,
            "version": version,
            "versions": versions,
            "is_latest": version.number == versions[0].number,
            "html": html,
            "exports": EXPORTS,
        },
    )


@require_safe
def version_download(request, agency_code, year, number, fmt):
    if fmt not in EXPORTS:
        raise Http404("no such format")
    item = _published(agency_code, year)
    version = _version(item, number)
    # a later version is named as such; the first (often the only one) goes by the title alone
    suffix = f"（第{version.number}版）" if version.number > 1 else ""
    return report_download(version.to_report(), fmt, f"{item.agency.code}-{year}-v{version.number}", suffix)
