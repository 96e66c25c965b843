"""Read-side queries: table 三 from the records, the workbench's lists."""

from __future__ import annotations

from datetime import date

from gongkai.annual.checks import Finding, Severity, run_checks
from gongkai.annual.layout import LAYOUT_2021, FormatLayout
from gongkai.annual.model import Report, Table

from .models import Application
from .tally import ApplicationRecord, tally
from .workflow import State


def table_three_rows(agency, year: int):
    """(applicant type, received, outcome, finished) of every application that can appear in the
    table of ``year``: one query, no model instances. Merged duplicates count once, as the
    application they joined; unconfirmed submissions are not yet received."""
    return (
        Application.objects.filter(
            agency=agency, received_on__isnull=False, received_on__lte=date(year, 12, 31)
        )
        .exclude(state=State.MERGED.value)
        .exclude(finished_on__lt=date(year, 1, 1))
        .values_list("applicant_type", "received_on", "outcome", "finished_on")
        .order_by()
    )


def table_three(agency, year: int, layout: FormatLayout = LAYOUT_2021) -> Table:
    """Table 三 of ``agency``'s annual report for ``year``, by the pure ``tally`` (consistent by construction)."""
    records = (
        ApplicationRecord(applicant, received, outcome or None, finished if outcome else None)
        for applicant, received, outcome, finished in table_three_rows(agency, year).iterator(chunk_size=5000)
    )
    return tally(records, year, layout)


def table_three_findings(table: Table, year: int, version: str = "2021") -> list[Finding]:
    """The errors ``gongkai.annual``'s checks find in a report carrying only this table."""
    report = Report.empty(version, year=year)
    report.tables["applications"] = table
    return [
        f
        for f in run_checks(report)
        if f.severity is Severity.ERROR and (f.code.startswith("T3-") or f.code.startswith("CELL"))
    ]
