"""The supervising office's workplace: the reports of every agency under it for one year, the
region's summed tables with what is missing from them, the charts, the exports.

Who sees it: anybody may open it for an agency they can read (the scope is that agency's subtree,
cut to what they may see: ``queries.region_agencies``); the staff nav offers it to supervisors,
superusers and users of several agencies (``apps._workplace_url``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai import charts, law
from gongkai.agencies.access import agencies_for, agency_required
from gongkai.agencies.models import Membership, Role
from gongkai.agencies.models.agency import KIND_CHOICES, LEVEL_CHOICES
from gongkai.annual.grid_view import grid_views
from gongkai.downloads import download
from gongkai.reports.models import AnnualReport

from . import exports, queries
from .table import COLUMNS, FORMULAS, NOT_SUMMED, shown

YEARS_SHOWN = 6
INLINE_BARS = 15  # bars per chart on the workplace; the chart's own page has them all


def _year(year: int) -> int:
    if not law.FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("no such year")
    return year


def _years() -> list[int]:
    """The report years of the bar, newest first: the last full year and those before it, and the
    current year too once some agency has started its report (early drafts, in December)."""
    this_year = timezone.localdate().year
    last = this_year - 1
    years = list(range(last, max(law.REVISED_FROM_YEAR, last - YEARS_SHOWN + 1) - 1, -1))
    if AnnualReport.objects.filter(year=this_year).exists():
        years.insert(0, this_year)
    return years


def default_root(user):
    """Where the user's workplace starts: the area of their first supervisor membership, else the
    top of the agencies they may see; None when they see none."""
    membership = (
        Membership.objects.active()
        .filter(user=user, role=Role.SUPERVISOR, agency__is_active=True)
        .select_related("agency__parent")
        .order_by("agency__sort_order", "agency__code")
        .first()
    )
    if membership is not None:
        return membership.agency.supervision_root()
    visible = list(agencies_for(user).order_by("sort_order", "code"))
    ids = {a.pk for a in visible}
    return next((a for a in visible if a.parent_id not in ids), None)


@login_required
def index(request):
    root = default_root(request.user)
    if root is None:
        raise Http404("no agencies")
    return redirect("supervision:workplace", root.code, timezone.localdate().year - 1)


def _query(params, **changes) -> str:
    merged = {k: v for k, v in params.items() if v}
    merged.update(changes)
    return urlencode({k: v for k, v in merged.items() if v not in ("", None)})


def _headers(request, filters) -> list[dict]:
    """The columns with their sort links (a second click on the sorted column reverses it)."""
    out = []
    for c in COLUMNS:
        sort, link, direction = c.sort, "", ""
        if sort:
            current = filters.sort == sort
            target = f"-{sort}" if current and not filters.descending else sort
            link = "?" + _query(request.GET, sort=target)
            if current:
                direction = "descending" if filters.descending else "ascending"
        out.append({"column": c, "link": link, "sort": direction})
    return out


def _chart_data(place, limit: int | None):
    """Three charts, each with its numbers: applications per year (the region), the outcome mix
    and the appeals per agency."""
    out = []
    years = queries.applications_by_year([r.agency for r in place.rows], place.year)
    title = _("新收政府信息公开申请（近5年，全区）")
    out.append(
        {
            "name": "applications",
            "title": title,
            "svg": charts.line_chart(
                [str(y) for y, _n in years],
                [charts.Series(_("新收申请"), [n for _y, n in years])],
                title=title,
                unit=_("件"),
                empty=_("没有数据"),
            ),
            "header": [_("年度"), _("新收申请")],
            "rows": [(str(y), "—" if n is None else n) for y, n in years],
        }
    )
    groups = None
    mix = []
    for r in place.rows:
        parts = queries.outcome_groups(place.summary.tables[r.agency.pk])
        groups = groups or [label for label, _n in parts]
        if any(n for _l, n in parts):
            mix.append((r.agency.name, [n for _l, n in parts]))
    mix.sort(key=lambda item: -sum(item[1]))
    shown_mix = mix[:limit] if limit else mix
    title = _("办理结果构成（表三，各机构）")
    out.append(
        {
            "name": "outcomes",
            "title": title,
            "svg": charts.stacked_bar_chart(
                [name for name, _v in shown_mix],
                [charts.Series(g, [v[i] for _n, v in shown_mix]) for i, g in enumerate(groups or [])],
                title=title,
                unit=_("件"),
                empty=_("本年度没有办结的申请"),
            ),
            "header": [_("机构"), *(groups or []), _("合计")],
            "rows": [(name, *values, sum(values)) for name, values in mix],
            "cut": len(mix) - len(shown_mix),
        }
    )
    appeals = [
        (r.agency.name, r.now.reconsideration, r.now.litigation)
        for r in place.rows
        if r.now.reconsideration or r.now.litigation
    ]
    appeals.sort(key=lambda item: -(item[1] + item[2]))
    shown_appeals = appeals[:limit] if limit else appeals
    title = _("行政复议、行政诉讼（表四，各机构）")
    out.append(
        {
            "name": "appeals",
            "title": title,
            "svg": charts.stacked_bar_chart(
                [a[0] for a in shown_appeals],
                [
                    charts.Series(_("行政复议"), [a[1] for a in shown_appeals]),
                    charts.Series(_("行政诉讼"), [a[2] for a in shown_appeals]),
                ],
                title=title,
                unit=_("件"),
                empty=_("本年度没有行政复议、行政诉讼案件"),
            ),
            "header": [_("机构"), _("行政复议"), _("行政诉讼"), _("合计")],
            "rows": [(name, rc, lit, rc + lit) for name, rc, lit in appeals],
            "cut": len(appeals) - len(shown_appeals),
        }
    )
    for chart in out:
        chart["svg"] = mark_safe(chart["svg"])  # noqa: S308 - every text in it is escaped by gongkai.charts
    return out


REASONS = {"disclosure": "disclosure_rate", "ontime": "on_time_rate", "correction": "correction_rate"}


def _cells(row) -> list[dict]:
    """The row's numeric columns as printed, with why a rate is —."""
    out = []
    for c in COLUMNS:
        if not c.numeric:
            continue
        value = c.value(row)
        reason = ""
        if value is None and c.key in REASONS:
            reason = row.now.reason(REASONS[c.key])
        elif value is None and c.key.endswith("_change"):
            reason = _("本年或上年无法计算")
        elif value is None:
            reason = _("没有报告可检查")
        out.append({"key": c.key, "text": shown(c, value), "reason": reason})
    return out


def _context(request, year: int) -> dict:
    root = request.agency
    place = queries.workplace(request.user, root, year)
    filters = queries.Filters.from_query(request.GET)
    rows = filters.apply(place.rows)
    total = queries.total_row(place, rows)
    return {
        "agency": root,
        "root": root,
        "year": year,
        "years": _years(),
        "place": place,
        "filters": filters,
        "rows": rows,
        "headers": _headers(request, filters),
        "total": total,
        "table": [(r, _cells(r)) for r in rows],
        "total_cells": [
            {**cell, "text": "" if cell["key"] in NOT_SUMMED else cell["text"], "reason": ""}
            for cell in _cells(total)
        ],
        "states": [(key, label, place.state_counts()[key]) for key, label in queries.STATE_LABELS.items()],
        "kinds": KIND_CHOICES,
        "levels": LEVEL_CHOICES,
        "formulas": FORMULAS,
        "query": _query(request.GET),
        "columns": COLUMNS,
    }


@agency_required()
def workplace(request, agency_code, year):
    context = _context(request, _year(year))
    context["charts"] = [] if context["place"].error else _chart_data(context["place"], INLINE_BARS)
    context["exports"] = exports.FORMATS
    return render(request, "supervision/workplace.html", context)


@agency_required()
def export(request, agency_code, year, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("no such format")
    context = _context(request, _year(year))
    place, rows = context["place"], context["rows"]
    if place.error:
        raise Http404("nothing to export")
    if fmt == "xlsx":
        data = exports.xlsx(place, rows)
    elif fmt == "docx":
        data = exports.docx(place, rows)
    else:
        try:
            data = exports.pdf(place, rows, context)
        except exports.ExportError as exc:
            return render(
                request, "supervision/export_error.html", {**context, "message": str(exc)}, status=503
            )
    return download(
        data,
        f"{exports.title(place)}.{fmt}",
        exports.FORMATS[fmt],
        ascii_name=f"{place.root.code}-{place.year}-supervision.{fmt}",
    )


@agency_required()
def region(request, agency_code, year):
    """The region's own tables: the sum, the inputs missing or invalid, parent against children."""
    year = _year(year)
    root = request.agency
    place = queries.workplace(request.user, root, year)
    summary = place.summary
    return render(
        request,
        "supervision/region.html",
        {
            "agency": root,
            "root": root,
            "year": year,
            "years": _years(),
            "place": place,
            "problems": queries.problems(place) if not place.error else [],
            "checks": queries.parent_checks([r.agency for r in place.rows], year) if not place.error else [],
            # no drill-down links: the summed cells add up several agencies
            "grids": grid_views(summary.report, None) if summary.report else [],
            "summary_url": reverse("reports:summary", args=[year]),
        },
    )


@agency_required()
def quality(request, agency_code, year):
    """The quality rules over the region: 内容雷同 between agencies and against last year, the
    quartiles of agencies like each other with the outliers, each agency's warnings in words."""
    from gongkai.reports.checks import finding_message

    year = _year(year)
    root = request.agency
    place = queries.workplace(request.user, root, year, detail=True)
    kinds, levels = dict(KIND_CHOICES), dict(LEVEL_CHOICES)
    found = place.quality
    warnings = []
    if found is not None:
        for r in place.rows:
            messages = [(f.code, finding_message(f)) for f in found.findings.get(r.agency.pk, [])]
            if messages:
                warnings.append((r.agency, messages))
    return render(
        request,
        "supervision/quality.html",
        {
            "agency": root,
            "root": root,
            "year": year,
            "years": _years(),
            "place": place,
            "found": found,
            "groups": [
                (f"{levels.get(g.level, g.level)}{kinds.get(g.kind, g.kind)}", g) for g in found.groups
            ]
            if found
            else [],
            "warnings": warnings,
        },
    )


@agency_required()
def chart(request, agency_code, year, name):
    year = _year(year)
    place = queries.workplace(request.user, request.agency, year)
    if place.error:
        raise Http404("no charts")
    found = next((c for c in _chart_data(place, None) if c["name"] == name), None)
    if found is None:
        raise Http404("no such chart")
    return render(
        request,
        "supervision/chart.html",
        {"agency": request.agency, "root": request.agency, "year": year, "chart": found},
    )
