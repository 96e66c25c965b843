"""XY-*: this year's report against last year's (spec §1.7). DUP-TEXT and XY-JUMP, which also
compare with last year's report, are in ``quality``."""

from __future__ import annotations

from collections.abc import Iterator

from ..layout import FORMAT_2021
from ..model import Report
from ..peers import same_agency
from .base import CheckContext, Finding, Severity, check, finding, skipped


def _same_agency(a: Report, b: Report) -> bool | None:
    """None when it cannot be told (a name is missing)."""
    if not a.agency.name or not b.agency.name:
        return None
    return same_agency(a.agency.name, b.agency.name)


def _comparable(code: str, report: Report, context: CheckContext) -> tuple[Report | None, Finding | None]:
    """Last year's report if the pair can be compared, else the SKIPPED finding saying why.

    No previous report: nothing at all (the check simply does not apply).
    """
    previous = context.previous
    if previous is None:
        return None, None
    if report.year is None or previous.year is None:
        return None, skipped(code, "报告年度未知，无法确认两份报告为相邻年度", "a report year is unknown")
    if previous.year != report.year - 1:
        return None, skipped(
            code,
            f"上一份报告为 {previous.year} 年度，与本报告 {report.year} 年度不相邻，不作跨年度核对",
            f"previous report is for {previous.year}, not {report.year - 1}",
        )
    if _same_agency(report, previous) is False:
        return None, skipped(
            code,
            f"两份报告的机关不同（{previous.agency.name} / {report.agency.name}），不作跨年度核对",
            "the two reports are from different agencies",
        )
    return previous, None


@check("XY-CARRY", "本年“上年结转”等于上年“结转下年度”", "Carried in equals last year's carried out")
def carry_over(report: Report, context: CheckContext) -> Iterator[Finding]:
    previous, skip = _comparable("XY-CARRY", report, context)
    if skip is not None:
        yield skip
    if previous is None:
        return
    this, last = report.applications, previous.applications
    if this is None or last is None:
        yield skipped("XY-CARRY", "一份报告没有表三，无法核对结转数", "table 3 missing in one of the reports")
        return
    differ, blank = [], []
    for column in this.grid.column_keys:
        now, before = this.get("carried_over_in", column), last.get("carried_over_out", column)
        if now is None or before is None:
            blank.append(this.grid.column(column).label)
        elif now != before:
            differ.append((column, now, before))
    if differ:
        grid = this.grid
        listed = "；".join(f"{grid.column(c).label}：本年 {n}，上年 {b}" for c, n, b in differ)
        yield finding(
            "XY-CARRY",
            Severity.WARNING,
            f"表三“{grid.row('carried_over_in').label}”与{previous.year}年度报告“{grid.row('carried_over_out').label}”不一致（{listed}）",
            "carried in ≠ last year's carried out: "
            + "; ".join(f"{grid.column(c).label}: {n} vs {b}" for c, n, b in differ),
            [this.path("carried_over_in", c) for c, _, _ in differ],
        )
    if blank:
        yield skipped(
            "XY-CARRY",
            f"以下各列在本年或上年报告中为空白，未能核对结转数：{'、'.join(blank)}",
            f"blank carry-over cells, not checked: {', '.join(blank)}",
        )


@check("XY-VALID", "现行有效件数与上年衔接", "Documents in force follow from last year's")
def valid_documents(report: Report, context: CheckContext) -> Iterator[Finding]:
    """现行有效 ≈ last year's 现行有效 + 本年制发 − 本年废止 (a heuristic: documents also lapse)."""
    previous, skip = _comparable("XY-VALID", report, context)
    if skip is not None:
        yield skip
    if previous is None:
        return
    if report.format != FORMAT_2021 or previous.format != FORMAT_2021:
        yield skipped(
            "XY-VALID",
            "两份报告须均为 2021 年版格式（有“现行有效件数”一栏）才能核对",
            "both reports must use the 2021 format",
        )
        return
    this, last = report.tables.get("art20_1"), previous.tables.get("art20_1")
    if this is None or last is None:
        yield skipped("XY-VALID", "一份报告缺少第二十条第（一）项表格", "table 2-1 missing in one report")
        return
    tolerance = context.options.valid_tolerance
    blank = []
    for row in this.grid.row_keys:
        values = (
            last.get(row, "valid"),
            this.get(row, "made"),
            this.get(row, "repealed"),
            this.get(row, "valid"),
        )
        label = this.grid.row(row).label
        if any(v is None for v in values):
            blank.append(label)
            continue
        before, made, repealed, now = values
        expected = before + made - repealed  # type: ignore[operator]
        if abs(now - expected) > tolerance:  # type: ignore[operator]
            yield finding(
                "XY-VALID",
                Severity.WARNING,
                f"“{label}”现行有效件数为 {now}，但按上年现行有效 {before} + 本年制发 {made} − 本年废止 {repealed}"
                f" 应为 {expected}（如有失效、修改等情形，宜在报告中说明）",
                f"{label}: {now} in force, expected {before} + {made} − {repealed} = {expected}",
                [this.path(row, "valid"), this.path(row, "made"), this.path(row, "repealed")],
            )
    if blank:
        yield skipped(
            "XY-VALID",
            f"以下各行有空白单元格，未能核对：{'、'.join(blank)}",
            f"blank cells, not checked: {', '.join(blank)}",
        )
