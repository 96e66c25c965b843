"""Read-side queries: table 三 from the records, the workbench's lists."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When

from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.checks import Finding, Severity, run_checks
from gongkai.annual.layout import LAYOUT_2021, FormatLayout
from gongkai.annual.model import Report, Table

from .models import Application
from .tally import tally_groups
from .workflow import State


def table_three_rows(agency, year: int):
    """(applicant type, received, outcome, finished) of every application that can appear in the
    table of ``year``: one query, no model instances. Merged duplicates count once, as the
    application they joined; unconfirmed submissions are not yet received."""
    return _in_table(agency, year).values_list("applicant_type", "received_on", "outcome", "finished_on")


def _in_table(agency, year: int):
    return _in_year(year).filter(agency=agency)


def _in_year(year: int):
    """The applications of every agency that belong to the table of ``year``."""
    return (
        Application.objects.filter(received_on__isnull=False, received_on__lte=date(year, 12, 31))
        .exclude(state=State.MERGED.value)
        .exclude(finished_on__lt=date(year, 1, 1))
        .order_by()
    )


def table_three(agency, year: int, layout: FormatLayout = LAYOUT_2021) -> Table:
    """Table 三 of ``agency``'s annual report for ``year`` (``table_three_by_agency`` for one)."""
    return table_three_by_agency([agency], year, layout)[agency.pk]


def table_three_by_agency(agencies, year: int, layout: FormatLayout = LAYOUT_2021) -> dict[int, Table]:
    """Table 三 of each of ``agencies`` (instances, a queryset or pks) for ``year``, keyed by agency pk.

    The rows of ``table_three_rows`` are counted by one GROUP BY in the database (agency ×
    applicant type × new or carried in × outcome or carried out), then each agency's groups are
    laid out by ``tally_groups`` — the same construction as the pure ``tally`` over records, so
    T3-BAL, T3-OUT and T3-ROW hold by construction (tests compare the two on random data). An
    agency without applications gets the complete table of zeros."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    pks = agency_pks(agencies)
    groups: dict[int, list] = {pk: [] for pk in pks}
    for ids in chunks(pks):
        rows = (
            _in_year(year)
            .filter(agency_id__in=ids)
            .annotate(
                new=Case(
                    When(received_on__gte=start, then=Value(1)), default=Value(0), output_field=IntegerField()
                ),
                out=Case(
                    When(~Q(outcome="") & Q(finished_on__lte=end), then=F("outcome")),
                    default=Value(""),
                    output_field=CharField(),
                ),
            )
            .values_list("agency_id", "applicant_type", "new", "out")
            .annotate(n=Count("*"))
            .order_by()
        )
        for agency_id, applicant, new, out, n in rows:
            groups[agency_id].append((applicant, bool(new), out or None, n))
    return {pk: tally_groups(groups[pk], year, layout) for pk in pks}


def table_three_findings(table: Table, year: int, version: str = "2021") -> list[Finding]:
    """The errors ``gongkai.annual``'s checks find in a report carrying only this table."""
    report = Report.empty(version, year=year)
    report.tables["applications"] = table
    return [
        f
        for f in run_checks(report)
        if f.severity is Severity.ERROR and (f.code.startswith("T3-") or f.code.startswith("CELL"))
    ]
