"""Adding reports up: a county's departments (or a city's counties) into one summary report.

Rules (also in docs/report-json.md, "Sums"):

* every input must have the same format and the same year, and a format with tables (2019/2021);
  otherwise ``ReportError`` names the offending file;
* an input whose checks find errors is refused (``ReportError`` naming every such file) unless
  ``force=True``; forced inputs are listed in a ``SUM-FORCED`` note;
* a blank cell stays blank: the sum cell is ``None`` when any input cell is ``None`` — a total
  that silently counts a blank as 0 would look complete when it is not. ``blank_as_zero=True``
  counts blanks as 0 instead (a cell blank in *every* input stays blank), and a ``SUM-BLANK`` note
  lists the cells where that happened either way;
* totals are recomputed from their parts (T3-ROW, T3-OUT, T4-SUM) whenever the parts are all
  present, so the sum is consistent even when a forced input was not; money adds exactly (Decimal);
* the narrative sections are not concatenated: 五 and 六 are ``None``, 二–四 are ``""`` (their
  tables are there) and 一 is a generated paragraph saying what was added up; each input is listed
  in a ``SUM-INPUT`` note. So a sum is a summary table, not a publishable report: its checks report
  the missing parts 五 and 六.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ReportError
from .layout import FORMAT_PRE2019, Relation
from .model import Agency, Number, Report, Table


def _name(report: Report, index: int) -> str:
    return report.source or report.agency.name or f"第 {index + 1} 份报告"


def _refuse_mismatch(reports: Sequence[Report]) -> None:
    first = reports[0]
    first_name = _name(first, 0)
    for i, report in enumerate(reports):
        name = _name(report, i)
        if report.format == FORMAT_PRE2019:
            raise ReportError(f"“{name}”是2019年以前的格式，没有统一的统计表，不能汇总")
        if report.year is None:
            raise ReportError(f"“{name}”的报告年度不明，不能汇总")
        if report.format != first.format:
            raise ReportError(
                f"“{name}”为 {report.format} 年格式，与“{first_name}”的 {first.format} 年格式不同，不能汇总"
            )
        if report.year != first.year:
            raise ReportError(
                f"“{name}”是 {report.year} 年度报告，与“{first_name}”的 {first.year} 年度不同，不能汇总"
            )


def _add(values: list[Number | None], blank_as_zero: bool) -> Number | None:
    present = [v for v in values if v is not None]
    if not present or (len(present) < len(values) and not blank_as_zero):
        return None
    return sum(present)


def _derived_relations(table: Table) -> list[Relation]:
    """Relations of the form ``total == sum(parts)``: row totals (axis columns) first, then column
    totals, so r_total.total comes out the same both ways."""
    derived = [r for r in table.grid.relations if len(r.lhs) == 1]
    return sorted(derived, key=lambda r: r.axis == "rows")


def recompute_totals(table: Table) -> list[str]:
    """Set every total whose parts are all present to the sum of its parts; return changed cells."""
    changed = []
    for relation in _derived_relations(table):
        ats = table.grid.column_keys if relation.axis == "rows" else table.grid.row_keys
        for at in ats:
            if relation.axis == "rows":
                target = (relation.lhs[0], at)
                parts = [table.get(r, at) for r in relation.rhs]
            else:
                target = (at, relation.lhs[0])
                parts = [table.get(at, c) for c in relation.rhs]
            if any(v is None for v in parts):
                continue
            total = sum(parts)  # type: ignore[arg-type]
            if table.get(*target) != total:
                changed.append(table.path(*target))
                table.set(*target, total)
    return changed


def sum_reports(
    reports: Sequence[Report],
    agency: str,
    *,
    force: bool = False,
    blank_as_zero: bool = False,
    check: bool = True,
) -> Report:
    """One report whose every table cell is the sum of the inputs' cells (see the module docstring).

    ``check=False`` skips running the checks on the inputs (the caller has already done so).
    """
    if not reports:
        raise ReportError("没有可汇总的报告")
    _refuse_mismatch(reports)
    forced: list[str] = []
    if check:
        from .checks import has_errors, run_checks  # late: checks import much; sum is also used bare

        failing = [_name(r, i) for i, r in enumerate(reports) if has_errors(run_checks(r))]
        if failing and not force:
            listed = "、".join(f"“{n}”" for n in failing)
            raise ReportError(f"{listed}检查有错误，不能汇总（确需汇总请使用 --force）")
        forced = failing

    first = reports[0]
    kinds = {r.agency.kind for r in reports}
    levels = {r.agency.level for r in reports}
    result = Report.empty(
        first.format,
        agency=Agency(
            name=agency,
            kind=kinds.pop() if len(kinds) == 1 else None,
            level=levels.pop() if len(levels) == 1 else None,
        ),
        year=first.year,
        title=f"{agency}{first.year}年政府信息公开工作年度报告",
    )

    blank_cells: list[str] = []
    for key, table in result.tables.items():
        for row, column, _ in list(table.items()):
            values = [r.tables[key].get(row, column) if key in r.tables else None for r in reports]
            if any(v is None for v in values):
                blank_cells.append(table.path(row, column))
            table.set(row, column, _add(values, blank_as_zero))
        recompute_totals(table)

    names = "、".join(r.agency.name or _name(r, i) for i, r in enumerate(reports))
    result.sections["overview"] = (
        f"本报告由{len(reports)}份{first.year}年度政府信息公开工作年度报告汇总生成（{names}）。"
        "表格数据为各报告对应数据之和，合计数按分项重新计算；文字部分请见各机关的报告。"
    )
    for key in ("active", "applications", "review_litigation"):
        result.sections[key] = ""  # these parts are the tables, which are there
    for i, report in enumerate(reports):
        result.note("SUM-INPUT", f"{report.agency.name or '（机关名称不明）'}：{_name(report, i)}")
    if forced:
        result.note("SUM-FORCED", "以下报告检查有错误，仍按要求汇总：" + "、".join(forced))
    if blank_cells:
        how = "按 0 计入" if blank_as_zero else "汇总结果留空"
        result.note("SUM-BLANK", f"{len(blank_cells)} 个单元格在部分报告中为空白，{how}", *blank_cells)
    return result
