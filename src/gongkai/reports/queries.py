"""Read-side queries: the published reports for the portal, listing statuses, and the
summary (汇总) of the agencies a user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import agencies_for
from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.errors import ReportError
from gongkai.annual.layout import layout_for_year
from gongkai.annual.sum import sum_reports

from .build import build_report, compute_tables_by_agency
from .checks import check_options, deadline_for
from .models import AnnualReport, BaselineUpload, ImportedBaseline, ReportVersion
from .workflow import UPLOAD_WAITING, UploadState


@dataclass(frozen=True)
class PublishedReport:
    report: AnnualReport
    version: ReportVersion  # the current (latest) version
    versions: int

    @property
    def agency(self):
        return self.report.agency

    @property
    def year(self) -> int:
        return self.report.year


def published_reports(agency=None) -> list[PublishedReport]:
    """Every report with at least one published version, newest year first (for the portal)."""
    qs = (
        AnnualReport.objects.filter(versions__isnull=False, agency__is_active=True)
        .select_related("agency")
        .annotate(n_versions=Count("versions", distinct=True), last_number=Max("versions__number"))
        .prefetch_related(
            Prefetch("versions", queryset=ReportVersion.objects.defer("data").order_by("-number"))
        )
        .order_by("-year", "agency__sort_order", "agency__code")
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    return [PublishedReport(r, r.versions.all()[0], r.n_versions) for r in qs]


def published_report(agency_code: str, year: int) -> AnnualReport | None:
    """The report of an active agency for ``year`` if it has a published version (the portal's and
    the API's rule: nothing else is public)."""
    report = (
        AnnualReport.objects.select_related("agency")
        .filter(agency__code=agency_code, agency__is_active=True, year=year)
        .first()
    )
    if report is None or not report.versions.exists():
        return None
    return report


def published_version(report: AnnualReport, number: int | None = None) -> ReportVersion | None:
    """Version ``number`` of a published report, or its latest (None: no such version)."""
    qs = report.versions.all()
    return qs.order_by("-number").first() if number is None else qs.filter(number=number).first()


def report_states(agencies, year: int) -> dict[int, str | None]:
    """Each agency's report status for ``year`` (None: not started), with one query."""
    pks = agency_pks(agencies)
    out: dict[int, str | None] = dict.fromkeys(pks)
    for ids in chunks(pks):
        out.update(
            AnnualReport.objects.filter(agency_id__in=ids, year=year).values_list("agency_id", "status")
        )
    return out


def listing_status(report: AnnualReport, today: date | None = None) -> str:
    """draft / published / late for ``gongkai report list``: late when not published by the deadline
    (or published after it)."""
    today = today or timezone.localdate()
    deadline = deadline_for(report.agency, report.year, check_options())
    first = min((v.published_at for v in report.versions.all()), default=None)
    if first is not None:
        return "late" if timezone.localdate(first) > deadline else "published"
    return "late" if today > deadline else "draft"


# ---------------------------------------------------------------- summary of the agencies a user may see

# The key figures of the summary list: (label, cells added up), from tables 三 and 四.
SUMMARY_FIGURES = (
    (gettext_lazy("新收申请"), (("applications", "new_received", "total"),)),
    (gettext_lazy("上年结转"), (("applications", "carried_over_in", "total"),)),
    (gettext_lazy("办理结果总计"), (("applications", "r_total", "total"),)),
    (gettext_lazy("结转下年度"), (("applications", "carried_over_out", "total"),)),
    (gettext_lazy("行政复议总计"), (("review_litigation", "reconsideration", "total"),)),
    (
        gettext_lazy("行政诉讼总计"),
        (
            ("review_litigation", "litigation_direct", "total"),
            ("review_litigation", "litigation_after_reconsideration", "total"),
        ),
    ),
)


def figures(tables) -> list:
    """The SUMMARY_FIGURES of one set of tables (None where a cell is blank)."""
    out = []
    for _label, cells in SUMMARY_FIGURES:
        values = [tables[key].get(row, column) for key, row, column in cells]
        out.append(None if any(v is None for v in values) else sum(values))
    return out


def _summary_name(agencies) -> str:
    """What the summed report is called: the one agency, the top agency of a tree ("及所属机关"),
    or the first of several. The name is printed in the summed report (a Chinese document, also
    exported), so it is not translated."""
    if len(agencies) == 1:
        return agencies[0].name
    ids = {a.pk for a in agencies}
    roots = [a for a in agencies if a.parent_id not in ids]
    if len(roots) == 1:
        return f"{roots[0].name}及所属机关"
    return f"{agencies[0].name}等{len(agencies)}个机关"


@dataclass
class Summary:
    year: int
    agencies: list
    rows: list = field(default_factory=list)  # (agency, [figure])
    report: object = None  # the summed gongkai.annual Report, None when it cannot be made
    error: str = ""
    tables: dict = field(default_factory=dict)  # agency pk → its tables (what was summed)


def summarise(user, year: int, agencies=None) -> Summary:
    """Tables 二、三、四 of every agency ``user`` may see (or of ``agencies``, a subset the caller
    has already limited to those), from live data (one batch of grouped queries for all of them),
    and their sum.

    The tables come from the records and hold their balances by construction, so the sum is made
    without running the checks on each input (``check=False``): the checks would refuse every
    input for its missing texts (一、五、六), which a summary of tables does not carry, and would
    cost a full check run per agency. The inputs are the live tables, not published versions."""
    if agencies is None:
        agencies = agencies_for(user).order_by("sort_order", "code")
    agencies = list(agencies)
    summary = Summary(year, agencies)
    if not agencies:
        return summary
    layout = layout_for_year(year)
    if layout.applications is None:
        summary.error = _("%(year)d年度适用2019年以前的格式，没有统一的统计表，不能汇总。") % {"year": year}
        return summary
    tables = summary.tables = compute_tables_by_agency(agencies, year, layout)
    summary.rows = [(a, figures(tables[a.pk])) for a in agencies]
    reports = [build_report(a, year, tables=tables[a.pk], with_facts=False) for a in agencies]
    try:
        summary.report = sum_reports(reports, _summary_name(agencies), check=False)
    except ReportError as exc:
        summary.error = str(exc)
    return summary


# ---------------------------------------------------------------- the checks of many reports at once


@dataclass(frozen=True)
class FindingCounts:
    errors: int  # block publishing (as the workspace counts them)
    warnings: int  # each needs a confirmation


def finding_counts(
    workspaces, year: int, tables: dict, today: date | None = None, *, reports=None, previous=None
) -> dict[int, FindingCounts]:
    """The checks' errors and warnings of each workspace (``AnnualReport`` rows of ``year``), keyed by
    agency pk, with a fixed number of queries whatever their number: the report as it stands
    (``current_reports``) against last year's report (its latest published version, else an
    imported baseline), as ``checks.evaluate`` does. ``reports`` / ``previous`` (keyed by agency
    pk): the same, when the caller has them already. Left out, because they need queries per
    agency: the registry figures of section 一 (TXT-FACT) and PUB-CHANGED; the workspace shows the
    complete list."""
    from gongkai.annual.checks import Severity, run_checks

    from .checks import CONFIRMABLE_ERRORS

    workspaces = list(workspaces)
    pks = [w.agency_id for w in workspaces]
    options = check_options(today or timezone.localdate())
    if reports is None:
        reports = current_reports(workspaces, year, tables)
    if previous is None:
        previous = {
            b.agency_id: b.to_report()
            for b in ImportedBaseline.objects.filter(agency_id__in=pks, year=year - 1)
        }
        previous.update({pk: v.to_report() for pk, v in latest_versions(pks, year - 1).items()})
    out = {}
    for ws in workspaces:
        pk = ws.agency_id
        findings = run_checks(reports[pk], previous.get(pk), options)
        errors = sum(f.severity is Severity.ERROR and f.code not in CONFIRMABLE_ERRORS for f in findings)
        warnings = sum(
            (f.severity is Severity.ERROR and f.code in CONFIRMABLE_ERRORS) or f.severity is Severity.WARNING
            for f in findings
        )
        out[pk] = FindingCounts(errors, warnings)
    return out


def current_reports(workspaces, year: int, tables: dict) -> dict:
    """Each workspace's report as it stands (``build.current_report``: the latest published version
    while published, else the live ``tables`` given, keyed by agency pk, with the workspace's
    texts), keyed by agency pk, in one query per chunk of agencies."""
    workspaces = list(workspaces)
    current = latest_versions([w.agency_id for w in workspaces], year)
    out = {}
    for ws in workspaces:
        pk = ws.agency_id
        if ws.status == "published" and pk in current:
            out[pk] = current[pk].to_report()
        else:
            out[pk] = build_report(ws.agency, year, ws, tables=tables[pk], with_facts=False)
    return out


def latest_versions(agencies, year: int) -> dict[int, ReportVersion]:
    """Each agency's latest published version of ``year``'s report (one query per chunk of agencies)."""
    out: dict[int, ReportVersion] = {}
    for ids in chunks(agency_pks(agencies)):
        rows = ReportVersion.objects.filter(report__agency_id__in=ids, report__year=year).select_related(
            "report"
        )
        for version in rows.order_by("report_id", "number"):
            out[version.report.agency_id] = version  # the highest number comes last
    return out


RECENT_UPLOAD_DAYS = 7  # how long the outcome of a baseline file read on the worker stays listed


def recent_baseline_uploads(agency):
    """The agency's baseline files waiting to be read, and those read in the last few days (with
    the outcome: imported, or why not)."""
    since = timezone.now() - timedelta(days=RECENT_UPLOAD_DAYS)
    return (
        BaselineUpload.objects.filter(agency=agency)
        .filter(Q(state__in=UPLOAD_WAITING) | Q(finished_at__gte=since))
        .select_related("baseline")
        .defer("data")
    )


def baseline_upload_counts(agency) -> dict[str, int]:
    """How many of ``recent_baseline_uploads`` are still being read, and how many failed: an
    officer who left the baseline page learns of them on the reports page."""
    states = list(recent_baseline_uploads(agency).values_list("state", flat=True))
    return {
        "waiting": sum(state in UPLOAD_WAITING for state in states),
        "failed": states.count(UploadState.FAILED),
    }
