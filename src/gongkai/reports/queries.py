"""Read-side queries: the published reports for the portal, listing statuses, drill-downs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from .checks import check_options, deadline_for
from .models import AnnualReport, ReportVersion


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


def listing_status(report: AnnualReport, today: date | None = None) -> str:
    """draft / published / late for ``gongkai report list``: late when not published by the deadline
    (or published after it)."""
    today = today or timezone.localdate()
    deadline = deadline_for(report.agency, report.year, check_options())
    first = min((v.published_at for v in report.versions.all()), default=None)
    if first is not None:
        return "late" if timezone.localdate(first) > deadline else "published"
    return "late" if today > deadline else "draft"


def drill_applications(agency, year: int, row: str, column: str):
    """The applications behind one cell of table 三 (the same selection as applications.queries)."""
    from gongkai.annual.layout import T3_BLOCK, layout_for_year
    from gongkai.applications.models import Application
    from gongkai.applications.workflow import State

    grid = layout_for_year(year).applications
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = (
        Application.objects.filter(agency=agency, received_on__isnull=False, received_on__lte=end)
        .exclude(state=State.MERGED.value)
        .exclude(finished_on__lt=start)
    )
    if column != "total":
        qs = qs.filter(applicant_type=column)
    done_in_year = Q(finished_on__isnull=False, finished_on__lte=end) & ~Q(outcome="")
    if row == "new_received":
        qs = qs.filter(received_on__gte=start)
    elif row == "carried_over_in":
        qs = qs.filter(received_on__lt=start)
    elif row == "carried_over_out":
        qs = qs.exclude(done_in_year)
    elif row == "r_total":
        qs = qs.filter(done_in_year)
    elif row == "r_other" and grid.version == "2019":
        qs = qs.filter(done_in_year, outcome__startswith="r_other_")
    elif grid.row(row).block == T3_BLOCK:
        qs = qs.filter(done_in_year, outcome=row)
    else:
        raise KeyError(row)
    return qs.order_by("received_on", "id")
