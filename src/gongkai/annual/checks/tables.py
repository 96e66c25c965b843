"""TBL-MISSING / TBL-BLANK: the statistical tables are there, and filled in (spec §5)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby, islice
from operator import itemgetter

from ..layout import FORMAT_PRE2019, Grid, cell_label
from ..model import Report, Table, cell_paths
from .base import CheckContext, Finding, Severity, blank_tables, check, finding, kept, skipped

_SHOWN_ROWS = 6  # rows spelled out in a TBL-BLANK message before "等"


def _grid_path(grid: Grid) -> str:
    return grid.key if grid.key in ("applications", "review_litigation") else f"active.{grid.key}"


def _grid_name(grid: Grid) -> str:
    if grid.key == "applications":
        return "表三（收到和处理政府信息公开申请情况）"
    if grid.key == "review_litigation":
        return "表四（行政复议、行政诉讼情况）"
    return f"表二·{grid.title}"


def _absent(report: Report, context: CheckContext) -> list[Grid]:
    blank = blank_tables(report, context)
    return [g for g in report.layout.grids if g.key not in report.tables or g.key in blank]


@check("TBL-MISSING", "统计表齐全", "All statistical tables present")
def tables_missing(report: Report, context: CheckContext) -> Iterator[Finding]:
    """A table is missing when the report has none of its cells (absent, or every cell blank)."""
    if report.format == FORMAT_PRE2019:
        yield skipped(
            "TBL-MISSING",
            "2019年以前的报告使用各地自定的统计表，不核对统一格式的表格",
            "pre-2019 reports use locally defined tables: not checked",
        )
        return
    absent = _absent(report, context)
    if absent:
        layout = report.layout
        # what is said of the absent tables depends on the layout alone: kept per layout and tables
        zh, en, cells = kept(
            "TBL-MISSING",
            [layout, *absent],
            lambda: (
                f"报告缺少统计表：{'、'.join(_grid_name(g) for g in absent)}",
                f"missing table(s): {', '.join(cell_label(_grid_path(g), layout) for g in absent)}",
                tuple(_grid_path(g) for g in absent),
            ),
        )
        yield finding("TBL-MISSING", Severity.ERROR, zh, en, cells)


def _labels(grid: Grid) -> tuple[dict[str, str], dict[str, str]]:
    """The grid's row and column labels by key (a row's label is formatted anew on each read)."""
    return kept(
        "labels",
        [grid],
        lambda: ({r.key: r.label for r in grid.rows}, {c.key: c.label for c in grid.columns}),
    )


def _describe_blanks(table: Table, blanks: list[tuple[str, str]]) -> str:
    grid = table.grid
    row_labels, column_labels = _labels(grid)
    width = len(grid.columns)
    by_row: dict[str, list[str]] = {}
    for row, cells in groupby(blanks, key=itemgetter(0)):  # blanks come row by row, mostly
        by_row.setdefault(row, []).extend(map(itemgetter(1), cells))
    parts = []
    for row, columns in islice(by_row.items(), _SHOWN_ROWS):  # the rows after these are only counted
        label = row_labels[row]
        if width == 1:
            parts.append(label)
        elif len(columns) == width:
            parts.append(f"{label}（整行）")
        else:
            parts.append(f"{label}（{'、'.join(map(column_labels.__getitem__, columns))}）")
    if len(by_row) > _SHOWN_ROWS:
        parts.append(f"等共 {len(by_row)} 行")
    return "；".join(parts)


@check("TBL-BLANK", "统计表无空白单元格", "No blank cells in the tables")
def tables_blank(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Blank cells in a table that is otherwise filled in (blank is not 0: spec §1.5)."""
    if report.format == FORMAT_PRE2019:
        yield skipped(
            "TBL-BLANK",
            "2019年以前的报告使用各地自定的统计表，不核对空白单元格",
            "pre-2019 reports use locally defined tables: not checked",
        )
        return
    absent = {g.key for g in _absent(report, context)}
    for grid in report.layout.grids:
        if grid.key in absent:
            continue  # TBL-MISSING says so
        table = report.tables[grid.key]
        blanks = table.missing
        if not blanks:
            continue
        yield finding(
            "TBL-BLANK",
            Severity.WARNING,
            f"{_grid_name(grid)}有 {len(blanks)} 个空白单元格（空白不等于 0，应填写数字）："
            f"{_describe_blanks(table, blanks)}",
            f"{grid.key}: {len(blanks)} blank cell(s)",
            list(map(cell_paths(table.grid).__getitem__, blanks)),
        )
